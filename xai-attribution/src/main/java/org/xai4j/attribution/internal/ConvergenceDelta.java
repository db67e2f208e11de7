package org.xai4j.attribution.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.model.PredictionFunction;
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
     * input row. The input's scores come from {@code p}; the references go forward once, in blocks of the
     * batch policy's rows.
     */
    public static INDArray of(INDArray totals, PredictionFunction model, Prepared p, INDArray references, BatchPolicy batch) {
        int rows = batch.rowsPerBatch(FlatRows.bytesPerRow(p.input()));
        INDArray refOut = Batching.map(references, rows, block -> ModelCalls.predict(model, block));
        INDArray fx = p.resolved().scores(p.output()).castTo(DataType.DOUBLE);
        INDArray fb = p.resolved().scores(refOut).castTo(DataType.DOUBLE);
        return totals.castTo(DataType.DOUBLE).sub(fx.sub(fb).reshape(totals.length()));
    }
}
