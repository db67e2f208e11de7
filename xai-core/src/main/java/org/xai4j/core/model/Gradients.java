package org.xai4j.core.model;

import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.HostArrays;

/**
 * The result of one forward and backward pass.
 *
 * @param output        the model output for the batch (N×K or N×K×…)
 * @param inputGradient the gradient of each row's target score with respect to that row's input (the
 *                      input's shape)
 * @param callerOwned   whether both arrays were made for this call alone and nothing else refers to them, so that
 *                      the caller may change them in place or free them; false unless the model knows
 */
public record Gradients(INDArray output, INDArray inputGradient, boolean callerOwned) {
    /**
     * A pass whose arrays the model may still refer to (the caller treats them as read-only).
     *
     * @param output        the model output
     * @param inputGradient the input gradient
     */
    public Gradients(INDArray output, INDArray inputGradient) {
        this(output, inputGradient, false);
    }

    /**
     * {@code f} of each value of the input gradient (in double, converted back as a cast would): computed in the
     * gradient's own array when the caller owns it, else in a new array.
     *
     * @param f the function of one value, e.g. {@code Math::abs}
     * @return the mapped gradient, the input's shape and data type
     */
    public INDArray mappedInputGradient(DoubleUnaryOperator f) {
        return callerOwned ? HostArrays.mappedInPlace(inputGradient, f) : HostArrays.mapped(inputGradient, f);
    }
}
