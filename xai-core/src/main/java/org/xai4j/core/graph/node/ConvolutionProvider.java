package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A source of faster {@link ConvolutionKernel}s for {@link ConvNode} (and, optionally, {@link PoolingKernel}s for
 * {@link MaxPoolNode}), found with {@link java.util.ServiceLoader}
 * (a module lists its implementation in {@code META-INF/services/org.xai4j.core.graph.node.ConvolutionProvider}).
 * {@code xai-models} registers one that runs convolutions on ONNX Runtime's CPU kernels; {@code xai-core} has a
 * built-in one for ND4J's default CPU backend (one OpenBLAS matrix product per chunk of images). The available
 * provider with the highest {@link #priority()} that accepts a convolution gets it; none accepting means
 * libnd4j's {@code conv2d}. {@code -Dxai4j.conv=native} turns every provider off, {@code -Dxai4j.conv=NAME}
 * picks one by {@link #name()}.
 */
public interface ConvolutionProvider {
    /**
     * A short name for {@code -Dxai4j.conv}.
     *
     * @return the name, e.g. {@code openblas}
     */
    String name();

    /**
     * Higher runs first.
     *
     * @return the priority; providers are tried from the highest
     */
    int priority();

    /**
     * A kernel for a float convolution with {@code weight} (O×C×kH×kW), {@code bias} ({@code [O]} or
     * {@code null}) and {@code window}, or {@code null} when this provider cannot run it in this process (backend,
     * platform, geometry). Must not keep references to the arguments' memory beyond copying it, and should be
     * cheap: nodes are created for every parameter edit (LRP rules), expensive set-up belongs in the first call.
     *
     * @param weight the weight, O×C×kH×kW
     * @param bias the bias, or null
     * @param window the kernel, strides, dilations and pads
     * @return a kernel, or null
     */
    ConvolutionKernel create(INDArray weight, INDArray bias, Window2d window);

    /**
     * A kernel for float max pooling over {@code window} (with ONNX/PyTorch {@code ceil_mode} when
     * {@code ceilMode}), or {@code null} (the default) for libnd4j's; cheap, as {@link #create}.
     *
     * @param window the kernel, strides, dilations and pads
     * @param ceilMode whether partial windows at the end make an output element
     * @return a kernel, or null
     */
    default PoolingKernel maxPool(Window2d window, boolean ceilMode) {
        return null;
    }
}
