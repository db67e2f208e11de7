package org.xai4j.core.graph.node;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.graph.BackwardContext;

/**
 * 2-D transposed convolution over NCHW input with weight {@code C_in × C_out × kH × kW} (ONNX/PyTorch
 * layout), optional bias, strides, dilations, asymmetric pads (which crop the output) and output padding.
 * Output size {@code (H − 1)·s + (k − 1)·d + 1 − padTop − padBottom + outputPadding}. Groups are not
 * supported. Backward is the plain convolution of the upstream gradient with the same weight.
 */
public final class ConvTransposeNode extends AffineNode<ConvTransposeNode> {
    private final Window2d window;
    private final int outputPaddingH;
    private final int outputPaddingW;

    /**
     * A transposed convolution.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param weight the weight, C_in × C_out × kH × kW (copied)
     * @param bias the bias {@code [C_out]} (copied), or null
     * @param window the kernel, strides, dilations and pads (which crop the output)
     * @param outputPaddingH rows added at the bottom of the output, below max(stride, dilation)
     * @param outputPaddingW columns added at the right of the output, below max(stride, dilation)
     * @throws InvalidConfigException if the weight or bias does not match the window, or an output padding is out
     *     of range
     */
    public ConvTransposeNode(String name, String input, String output, INDArray weight, INDArray bias,
                             Window2d window, int outputPaddingH, int outputPaddingW) {
        super("conv-transpose", name, input, output, checked(name, weight, bias, window, outputPaddingH,
                outputPaddingW), bias == null ? null : bias.reshape(weight.size(1)));
        this.window = window;
        this.outputPaddingH = outputPaddingH;
        this.outputPaddingW = outputPaddingW;
    }

    /** {@code weight}, after checking it, {@code bias} and the output padding against the window. */
    private static INDArray checked(String name, INDArray weight, INDArray bias, Window2d window, int outputPaddingH,
                                    int outputPaddingW) {
        if (weight == null || weight.rank() != 4 || weight.size(2) != window.kernelH()
                || weight.size(3) != window.kernelW()) {
            throw new InvalidConfigException("conv-transpose '" + name + "': weight must be C_in×C_out×"
                    + window.kernelH() + "×" + window.kernelW() + " but got "
                    + (weight == null ? "null" : Arrays.toString(weight.shape())));
        }
        if (bias != null && bias.length() != weight.size(1)) {
            throw new InvalidConfigException("conv-transpose '" + name + "': bias has " + bias.length()
                    + " entries for " + weight.size(1) + " output channels");
        }
        if (outputPaddingH < 0 || outputPaddingW < 0 || outputPaddingH >= Math.max(window.strideH(), window.dilationH())
                || outputPaddingW >= Math.max(window.strideW(), window.dilationW())) {
            throw new InvalidConfigException("conv-transpose '" + name + "': output padding " + outputPaddingH + "×"
                    + outputPaddingW + " must be ≥ 0 and smaller than the stride or dilation");
        }
        return weight;
    }

    @Override
    public String opType() {
        return "ConvTranspose";
    }

    /**
     * The window geometry.
     *
     * @return the kernel, strides, dilations and pads
     */
    public Window2d window() {
        return window;
    }

    @Override
    ConvTransposeNode with(INDArray newWeight, INDArray newBias) {
        return new ConvTransposeNode(name(), inputs().get(0), output(), newWeight, newBias, window, outputPaddingH,
                outputPaddingW);
    }

    private int[] args(int padH, int padW) {
        int[] a = window.nativeArgs(padH, padW);
        int[] out = Arrays.copyOf(a, a.length + 2);
        out[a.length] = 0;
        out[a.length + 1] = 1;
        return out;
    }

    private boolean direct() {
        return window.symmetric() && outputPaddingH == 0 && outputPaddingW == 0;
    }

    @Override
    public INDArray forward(INDArray... inputs) {
        requireInputs(inputs, 1);
        INDArray x = inputs[0];
        if (x.rank() != 4 || x.size(1) != weight.size(0)) {
            throw new InvalidShapeException("conv-transpose '" + name() + "' expects N×" + weight.size(0)
                    + "×H×W input but got " + Arrays.toString(x.shape()));
        }
        if (direct()) {
            int[] a = args(window.padTop(), window.padLeft());
            return bias == null ? Ops.exec("deconv2d", a, x, weight) : Ops.exec("deconv2d", a, x, weight, bias);
        }
        long fullH = (x.size(2) - 1) * window.strideH() + window.spanH();
        long fullW = (x.size(3) - 1) * window.strideW() + window.spanW();
        long outH = fullH - window.padTop() - window.padBottom() + outputPaddingH;
        long outW = fullW - window.padLeft() - window.padRight() + outputPaddingW;
        if (outH < 1 || outW < 1) {
            throw new InvalidShapeException("conv-transpose '" + name() + "': pads leave no output for input "
                    + Arrays.toString(x.shape()));
        }
        INDArray full = Ops.exec("deconv2d", args(0, 0), x, weight);
        INDArray y = Ops.windowOwned(full, window.padTop(), outH, window.padLeft(), outW);
        if (bias != null) {
            y.addi(bias.reshape(1, bias.length(), 1, 1));
        }
        return y;
    }

    @Override
    public INDArray[] backward(BackwardContext context, INDArray upstream) {
        long[] s = context.inputShape(0);
        INDArray g = Ops.cOrder(upstream);
        if (direct()) {
            INDArray gi = Ops.exec("conv2d", args(window.padTop(), window.padLeft()), g, weight);
            Ops.release(g, gi, upstream, context.upstream(), weight, bias);
            return new INDArray[] {gi};
        }
        long fullH = (s[2] - 1) * window.strideH() + window.spanH();
        long fullW = (s[3] - 1) * window.strideW() + window.spanW();
        INDArray gFull = Ops.window(g, -window.padTop(), fullH, -window.padLeft(), fullW);
        INDArray gi = Ops.exec("conv2d", args(0, 0), gFull, weight);
        if (gFull != g) {
            Ops.free(gFull, gi);
        }
        Ops.release(g, gi, upstream, context.upstream(), weight, bias);
        return new INDArray[] {gi};
    }
}
