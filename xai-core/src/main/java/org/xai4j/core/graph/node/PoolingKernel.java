package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A faster engine's max pooling for {@link MaxPoolNode}, over plain c-ordered float NCHW arrays; made by a
 * {@link ConvolutionProvider#maxPool}. Its results must equal libnd4j's {@code maxpool2d} and {@code maxpool2d_bp}
 * exactly (a maximum is one of its inputs, and the gradient of a window goes whole to its first maximum).
 */
public interface PoolingKernel {
    /**
     * The engine's name, for {@link MaxPoolNode#engine()}.
     *
     * @return the name, e.g. {@code onnxruntime}
     */
    String engine();

    /**
     * The pooled values.
     *
     * @param x the input, a plain c-ordered float N×C×H×W array (not modified)
     * @return a new N×C×outH×outW array
     */
    INDArray forward(INDArray x);

    /**
     * The input gradient: each upstream value added to the first maximum of its window in {@code x}; or
     * {@code null} when this kernel leaves the backward pass to libnd4j (e.g. an array too long for it).
     *
     * @param x the forward input, a plain c-ordered float N×C×H×W array (not modified)
     * @param upstream the gradient of the output, a plain c-ordered float array of the output's shape
     * @return a new array of {@code x}'s shape, or null
     */
    INDArray inputGradient(INDArray x, INDArray upstream);
}
