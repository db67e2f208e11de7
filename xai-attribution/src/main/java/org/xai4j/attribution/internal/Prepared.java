package org.xai4j.attribution.internal;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Batching;

/**
 * A caller's input after the checks every method runs first: the input is validated (rank, the model's
 * row shape, finite values), the model's output on it is computed once, and the target is validated
 * against that output and resolved on it, so "predicted" means the prediction for the original input.
 *
 * @param input    the caller's input (never modified)
 * @param output   the model output for {@code input}
 * @param resolved the target, resolved for the rows of {@code input}
 */
public record Prepared(INDArray input, INDArray output, Target resolved) {

    /** Validates {@code input} and {@code target} against {@code model}; forwards in batches of the policy's size. */
    public static Prepared of(PredictionFunction model, INDArray input, Target target, BatchPolicy policy) {
        if (target == null) {
            throw new org.xai4j.core.InvalidTargetException("target must not be null");
        }
        ModelCalls.requireInput(model, input, "input");
        int rows = policy.rowsPerBatch(FlatRows.bytesPerRow(input));
        INDArray out = Batching.map(input, rows, block -> ModelCalls.predict(model, block));
        target.validate(out.shape());
        return new Prepared(input, out, target.resolve(out));
    }
}
