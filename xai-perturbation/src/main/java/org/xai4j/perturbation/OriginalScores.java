package org.xai4j.perturbation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Checks;

/**
 * The model's output on the unperturbed input, the target resolved on it (so "predicted" means the
 * prediction for the input, not for a perturbed copy) and each row's score.
 *
 * @param resolved the target resolved on the original output
 * @param scores   the target score of every input row
 */
public record OriginalScores(Target resolved, double[] scores) {
    /**
     * Checks the input (non-empty, batch axis, finite), runs the model on it and resolves the target.
     *
     * @param model  the model explained
     * @param input  the unperturbed batch, N × (the model's input row shape)
     * @param target the classes to explain; "predicted" resolves to the prediction for {@code input}
     * @param policy how many rows go through the model per call
     * @return the resolved target and N target scores
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code target} is null
     * @throws NonFiniteValueException if the model gives a non-finite score for a row
     * @throws org.xai4j.core.XaiException if the input does not fit the model or the target does not fit its output
     */
    public static OriginalScores compute(PredictionFunction model, INDArray input, Target target, BatchPolicy policy) {
        checkInput(model, input);
        Checks.requireNonNull(target, "target");
        long bytesPerRow = input.length() / input.size(0) * input.dataType().width();
        INDArray output = Batching.map(input, policy.rowsPerBatch(bytesPerRow), block -> ModelCalls.predict(model, block));
        target.validate(output.shape());
        Target resolved = target.resolve(output);
        double[] s = resolved.scoreValues(output);
        for (int i = 0; i < s.length; i++) {
            if (!Double.isFinite(s[i])) {
                throw new NonFiniteValueException("model '" + model.id() + "' gave the score " + s[i]
                        + " for input row " + i + " (unperturbed)");
            }
        }
        return new OriginalScores(resolved, s);
    }

    /**
     * Fails unless {@code input} is a finite, non-empty batch (rank ≥ 2, first axis the rows) that fits the
     * model's declared row shape, if any.
     *
     * @param model the model the input is for
     * @param input the batch to check
     * @throws org.xai4j.core.XaiException naming {@code input}, with expected and received shapes or the first
     *                                     non-finite value
     */
    public static void checkInput(PredictionFunction model, INDArray input) {
        Checks.requireNonNull(model, "model");
        ModelCalls.requireInput(model, input, "input");
    }
}
