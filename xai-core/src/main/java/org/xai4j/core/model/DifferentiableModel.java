package org.xai4j.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.target.Target;

/**
 * A model that can also give the gradient of a target's score with respect to its input: enough for
 * saliency, gradient×input, Integrated Gradients, SmoothGrad and GradientSHAP.
 */
public interface DifferentiableModel extends PredictionFunction {
    /**
     * One forward and one backward pass: the model output and, for every row i, the gradient of row i's
     * target score with respect to row i of {@code input}.
     *
     * @param input  N rows of input; not modified
     * @param target which scalar of each row's output to differentiate; must be {@link Target#resolve
     *               resolved} or resolvable from this pass's output
     * @return the output and the input gradient, one row per input row; {@link Gradients#callerOwned} only
     *         where both arrays were made for this call and the model keeps no reference to them
     */
    Gradients gradients(INDArray input, Target target);
}
