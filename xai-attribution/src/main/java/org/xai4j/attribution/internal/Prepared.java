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
        requireTarget(target);
        ModelCalls.requireInput(model, input, "input");
        return ofCheckedInput(model, input, target, policy);
    }

    /**
     * As {@link #of}, for an input that has just passed {@link ModelCalls#requireInput} in this same call (the plan's
     * {@link Plans#rows}), so its values are not read a second time.
     *
     * @param model  the model
     * @param input  the caller's input, already checked against {@code model}
     * @param target the caller's target
     * @param policy the batch policy of the forward
     * @return the checked input, the model's output on it and the resolved target
     */
    public static Prepared ofCheckedInput(PredictionFunction model, INDArray input, Target target,
                                          BatchPolicy policy) {
        requireTarget(target);
        int rows = policy.rowsPerBatch(FlatRows.bytesPerRow(input));
        INDArray out = Batching.map(input, rows, block -> ModelCalls.predict(model, block));
        target.validate(out.shape());
        return new Prepared(input, out, target.resolve(out));
    }

    private static void requireTarget(Target target) {
        if (target == null) {
            throw new org.xai4j.core.InvalidTargetException("target must not be null");
        }
    }
}
