package org.xai4j.models.ort;

import com.google.protobuf.ByteString;
import org.xai4j.core.graph.node.Window2d;

/**
 * Writes the small ONNX models {@link OnnxRuntimeMaxPool} runs, with {@link ConvolutionModels}' field numbers
 * (floor mode only: no {@code ceil_mode} attribute): the forward {@code y = MaxPool(x)}, input float N×C×H×W with
 * free axes.
 */
final class PoolingModels {
    private PoolingModels() {
    }

    /** {@code y = MaxPool(x)} over {@code window}. */
    static byte[] forward(Window2d window) {
        ByteString pool = ConvolutionModels.node("MaxPool", new String[] {"x"}, new String[] {"y"},
                poolAttributes(window));
        return ConvolutionModels.model(ConvolutionModels.message(g -> {
            g.writeBytes(1, pool);
            g.writeString(2, "xai4j-MaxPool");
            g.writeBytes(11, ConvolutionModels.valueInfo("x", -1));
            g.writeBytes(12, ConvolutionModels.valueInfo("y", -1));
        }));
    }

    /** {@code MaxPool}'s attributes for {@code w} (kernel, strides, dilations, pads; floor mode). */
    static ConvolutionModels.Attribute[] poolAttributes(Window2d w) {
        return new ConvolutionModels.Attribute[] {
            new ConvolutionModels.Attribute("kernel_shape", w.kernelH(), w.kernelW()),
            new ConvolutionModels.Attribute("strides", w.strideH(), w.strideW()),
            new ConvolutionModels.Attribute("dilations", w.dilationH(), w.dilationW()),
            new ConvolutionModels.Attribute("pads", w.padTop(), w.padLeft(), w.padBottom(), w.padRight())};
    }
}
