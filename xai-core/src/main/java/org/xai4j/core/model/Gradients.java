package org.xai4j.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of one forward and backward pass.
 *
 * @param output        the model output for the batch (N×K or N×K×…)
 * @param inputGradient the gradient of each row's target score with respect to that row's input (the
 *                      input's shape)
 */
public record Gradients(INDArray output, INDArray inputGradient) {
}
