package org.xai4j.attribution.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Batching;

/**
 * The convergence delta of a method with a completeness axiom (Integrated Gradients' completeness, DeepLIFT's
 * summation-to-delta): per row, Σ attribution − (f(x) − f(x′)), where f is the target's score.
 */
public final class ConvergenceDelta {
    private ConvergenceDelta() {
    }

    /**
     * {@code totals} (per row, Σ attribution) minus the target score's change from each reference row to its
     * input row, as a DOUBLE vector. The input's scores come from {@code p}; the references go forward once, in
     * blocks of the batch policy's rows. Computed on the host ({@link Target#scoreValues}): the same values, bit for
     * bit, as the ND4J expression Σ − (f(x) − f(x′)) in double, without the fixed cost of its half-dozen small ops.
     */
    public static INDArray of(double[] totals, PredictionFunction model, Prepared p, INDArray references,
                              BatchPolicy batch) {
        int rows = batch.rowsPerBatch(FlatRows.bytesPerRow(p.input()));
        return of(totals, p, Batching.map(references, rows, block -> ModelCalls.predict(model, block)));
    }

    /**
     * As {@link #of(double[], PredictionFunction, Prepared, INDArray, BatchPolicy)} with the model's output on the
     * references already at hand.
     *
     * @param totals per row, Σ attribution
     * @param p      the input's output and resolved target
     * @param refOut the model's output on the references (only read)
     * @return per row, {@code totals} − (f(x) − f(x′)), a DOUBLE vector
     */
    public static INDArray of(double[] totals, Prepared p, INDArray refOut) {
        double[] fx = p.resolved().scoreValues(p.output());
        double[] fb = p.resolved().scoreValues(refOut);
        double[] delta = new double[totals.length];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = totals[i] - (fx[i] - fb[i]);
        }
        return Nd4j.create(delta, new long[] {delta.length}, DataType.DOUBLE);
    }
}
