package org.xai4j.models.ort;

import com.google.protobuf.ByteString;
import org.xai4j.core.graph.node.Window2d;

/**
 * Writes the small ONNX models {@link OnnxRuntimeMaxPool} runs, with {@link ConvolutionModels}' field numbers
 * (floor mode only: no {@code ceil_mode} attribute): the forward {@code y = MaxPool(x)}, and the input gradient of
 * non-overlapping windows {@code y = MaxUnpool(g, indices of MaxPool(x), Shape(x))}, which puts every upstream
 * value of {@code g} at the position of its window's first maximum and zeros elsewhere. Inputs are float N×C×H×W
 * with free axes.
 */
final class PoolingModels {
    private PoolingModels() {
    }

    /** {@code y = MaxPool(x)} over {@code window}. */
    static byte[] forward(Window2d window) {
        ByteString pool = ConvolutionModels.node("MaxPool", new String[] {"x"}, new String[] {"y"}, poolAttributes(window));
        return ConvolutionModels.model(ConvolutionModels.message(g -> {
            g.writeBytes(1, pool);
            g.writeString(2, "xai4j-MaxPool");
            g.writeBytes(11, ConvolutionModels.valueInfo("x", -1));
            g.writeBytes(12, ConvolutionModels.valueInfo("y", -1));
        }));
    }

    /** {@code y = MaxUnpool(g, argmax of MaxPool(x), Shape(x))}: the gradient where no two windows overlap. */
    static byte[] unpool(Window2d window) {
        ByteString pool = ConvolutionModels.node("MaxPool", new String[] {"x"}, new String[] {"pooled", "indices"},
                poolAttributes(window));
        ByteString shape = ConvolutionModels.node("Shape", new String[] {"x"}, new String[] {"shape"});
        ByteString unpool = ConvolutionModels.node("MaxUnpool", new String[] {"g", "indices", "shape"}, new String[] {"y"},
                new ByteString[] {ConvolutionModels.attribute(new ConvolutionModels.Attribute("kernel_shape",
                        window.kernelH(), window.kernelW())),
                    ConvolutionModels.attribute(new ConvolutionModels.Attribute("strides", window.strideH(),
                            window.strideW())),
                    ConvolutionModels.attribute(new ConvolutionModels.Attribute("pads", window.padTop(),
                            window.padLeft(), window.padBottom(), window.padRight()))});
        return ConvolutionModels.model(ConvolutionModels.message(g -> {
            g.writeBytes(1, pool);
            g.writeBytes(1, shape);
            g.writeBytes(1, unpool);
            g.writeString(2, "xai4j-MaxPoolGradient");
            g.writeBytes(11, ConvolutionModels.valueInfo("x", -1));
            g.writeBytes(11, ConvolutionModels.valueInfo("g", -1));
            g.writeBytes(12, ConvolutionModels.valueInfo("y", -1));
        }));
    }

    private static ByteString[] poolAttributes(Window2d w) {
        return new ByteString[] {
            ConvolutionModels.attribute(new ConvolutionModels.Attribute("kernel_shape", w.kernelH(), w.kernelW())),
            ConvolutionModels.attribute(new ConvolutionModels.Attribute("strides", w.strideH(), w.strideW())),
            ConvolutionModels.attribute(new ConvolutionModels.Attribute("dilations", w.dilationH(), w.dilationW())),
            ConvolutionModels.attribute(new ConvolutionModels.Attribute("pads", w.padTop(), w.padLeft(),
                    w.padBottom(), w.padRight()))};
    }
}
