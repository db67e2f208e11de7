package org.xai4j.perturbation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Batching;

/**
 * Runs a model on perturbed copies of one input row, a batch at a time, and turns each output row into
 * the target's score. Batches are built lazily by a {@link BatchBuilder}, so only one batch of perturbed
 * inputs is in memory at once. Every call goes through {@link ModelCalls#predict} (one output row per
 * input row, finite outputs) and every score is checked: a NaN or infinite value stops the call with a
 * {@link NonFiniteValueException} (nothing partial is returned).
 */
public final class ModelEvaluator {
    /** Builds rows [from, to) of the perturbed batch. */
    @FunctionalInterface
    public interface BatchBuilder {
        /**
         * Rows [from, to) of the perturbed batch, as a new array: the evaluator frees it once the model has scored it.
         *
         * @param from the first perturbed row, inclusive
         * @param to   the last perturbed row, exclusive
         * @return (to − from) × (the model's input row shape)
         */
        INDArray build(int from, int to);
    }

    private final PredictionFunction model;
    private final BatchPolicy policy;

    /**
     * An evaluator of {@code model}'s scores in batches sized by {@code policy}. Progress is reported by
     * {@link ModelCalls} to the listener of the calling thread's {@link org.xai4j.core.run.Limits}.
     *
     * @param model  the model whose scores are wanted; not checked for null here
     * @param policy how many perturbed rows go into one model call
     */
    public ModelEvaluator(PredictionFunction model, BatchPolicy policy) {
        this.model = model;
        this.policy = policy;
    }

    /**
     * Scores of {@code count} perturbed rows that all stand for input row {@code row} of the original batch.
     *
     * @param rowTarget   the resolved target for that one row (as from {@code resolved.select(row)})
     * @param bytesPerRow the size of one perturbed row, for the batch policy's memory bound
     * @param count       the number of perturbed rows
     * @param row         the original row's index, for error messages
     * @param builder     builds the perturbed rows, one batch at a time
     * @return count scores, score j for perturbed row j
     * @throws NonFiniteValueException if a score is NaN or infinite
     */
    public double[] scores(int count, long bytesPerRow, Target rowTarget, int row, BatchBuilder builder) {
        double[] out = new double[count];
        int perBatch = policy.rowsPerBatch(bytesPerRow);
        for (Batching.Range r : Batching.ranges(count, perBatch)) {
            INDArray batch = builder.build(r.from(), r.to());
            INDArray output = ModelCalls.predict(model, batch);
            double[] s = rowTarget.repeatEach(1, (int) output.size(0)).scoreValues(output);
            batch.close(); // the builder's new array: freed now rather than at the next garbage collection
            for (int j = 0; j < s.length; j++) {
                if (!Double.isFinite(s[j])) {
                    throw new NonFiniteValueException("model '" + model.id() + "' gave the score " + s[j]
                            + " for perturbed sample " + (r.from() + j) + " of input row " + row);
                }
            }
            System.arraycopy(s, 0, out, r.from(), s.length);
        }
        return out;
    }
}
