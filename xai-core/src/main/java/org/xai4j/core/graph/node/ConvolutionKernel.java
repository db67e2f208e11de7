package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One plain (single-group) 2-D convolution with fixed weight, bias and window, computed by an engine other than
 * libnd4j's {@code conv2d}: its forward pass and the input gradient (the transposed convolution). A
 * {@link ConvNode} delegates to a kernel when a {@link ConvolutionProvider} offers one; the node has already
 * checked the input's rank and channels. Both methods return a new c-ordered array the caller owns and never
 * write their arguments. Kernels are shared by every thread that runs the graph, so they must be thread-safe.
 */
public interface ConvolutionKernel {
    /**
     * The engine's name, as {@link ConvolutionProvider#name()}.
     *
     * @return the engine's name, e.g. {@code onnxruntime}
     */
    String engine();

    /**
     * {@code x} (N×C×H×W) convolved, plus the bias: N×O×Ho×Wo.
     *
     * @param x the input, N×C×H×W (not modified)
     * @return a new array, N×O×Ho×Wo
     */
    INDArray forward(INDArray x);

    /**
     * The gradient with respect to an input of shape {@code inputShape} of Σ upstream · output.
     *
     * @param upstream the gradient at the output, N×O×Ho×Wo
     * @param inputShape the input's shape, N×C×H×W
     * @return a new array of {@code inputShape}
     */
    INDArray inputGradient(INDArray upstream, long[] inputShape);

    /**
     * The redistribution step of layer-wise relevance propagation through this convolution as one call:
     * {@code x ⊙ Wᵀ(r ⊘ (Wx + b))}, i.e. {@link #forward} of {@code x}, the element-wise ratio of {@code r} to it,
     * {@link #inputGradient} of that ratio, and the product with {@code x}, with the same float operations in the
     * same order as those steps one by one (so the same values), but without handing the two intermediates back
     * to the caller. An engine that does not fuse the steps returns {@code null} and the caller runs them itself.
     *
     * @param x the input, N×C×H×W (not modified)
     * @param r the relevance of the output, N×O×Ho×Wo (not modified)
     * @return a new array of {@code x}'s shape, or {@code null} where this engine does not offer the fused step
     */
    default INDArray redistribute(INDArray x, INDArray r) {
        return null;
    }
}
