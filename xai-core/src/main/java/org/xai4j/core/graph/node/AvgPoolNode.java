package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Retention;

/**
 * 2-D average pooling over NCHW input with strides, asymmetric pads, {@code count_include_pad} (whether
 * padding counts in the divisor) and {@code ceil_mode} (the partial windows of ceil mode divide by what
 * they cover of the input and the padding, as in PyTorch). A linear map, so backward spreads each upstream
 * value evenly over its window.
 */
public final class AvgPoolNode extends PoolNode {
    private final boolean countIncludePad;

    /**
     * Average pooling with {@code window}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param window the kernel, strides and pads; dilations must be 1
     * @param countIncludePad whether padded elements count in the divisor
     * @param ceilMode whether partial windows at the end make an output element (ONNX {@code ceil_mode})
     * @throws org.xai4j.core.InvalidConfigException if a name is empty or the window is dilated
     */
    public AvgPoolNode(String name, String input, String output, Window2d window, boolean countIncludePad,
                       boolean ceilMode) {
        super(name, input, output, window, ceilMode);
        if (window.dilationH() != 1 || window.dilationW() != 1) {
            throw new org.xai4j.core.InvalidConfigException("average pool '" + name + "': dilation is not supported");
        }
        this.countIncludePad = countIncludePad;
    }

    @Override
    public String opType() {
        return "AveragePool";
    }

    /**
     * Whether padding counts in the divisor.
     *
     * @return ONNX's {@code count_include_pad}
     */
    public boolean countIncludePad() {
        return countIncludePad;
    }

    @Override
    public Retention retention() {
        return Retention.NONE;
    }

    private int[] args(int padH, int padW, boolean includePad) {
        return args(padH, padW, includePad ? 1 : 0);
    }

    /**
     * For the explicit-padding path: the fraction of each window that counts in the divisor (1 × N × … shape
     * [1, 1, oH, oW]), or null when every window counts fully.
     */
    private INDArray fraction(long h, long w, int[] e, org.nd4j.linalg.api.buffer.DataType type) {
        if (countIncludePad && e[0] == 0 && e[1] == 0) {
            return null;
        }
        INDArray ones = Nd4j.ones(type, 1, 1, h, w);
        INDArray mask;
        if (countIncludePad) {
            INDArray padded = Ops.pad(ones, before(), new long[] {0, 0, window.padBottom(), window.padRight()}, 1);
            mask = Ops.pad(padded, new long[4], new long[] {0, 0, e[0], e[1]}, 0);
            Ops.release(padded, mask);
        } else {
            mask = Ops.pad(ones, before(), after(e), 0);
        }
        INDArray f = Ops.exec("avgpool2d", args(0, 0, true), mask);
        Ops.release(mask, f);
        Ops.release(ones, f);
        return f;
    }

    @Override
    public INDArray forward(INDArray... inputs) {
        requireInputs(inputs, 1);
        INDArray x = inputs[0];
        int[] e = extraFor(x);
        if (direct(e)) {
            return Ops.exec("avgpool2d", args(window.padTop(), window.padLeft(), countIncludePad), x);
        }
        INDArray padded = Ops.pad(x, before(), after(e), 0);
        INDArray y = Ops.exec("avgpool2d", args(0, 0, true), padded);
        Ops.release(padded, y, x);
        INDArray f = fraction(x.size(2), x.size(3), e, x.dataType());
        if (f == null) {
            return y;
        }
        y.divi(f);
        Ops.release(f, y, x);
        return y;
    }

    @Override
    public INDArray[] backward(BackwardContext context, INDArray upstream) {
        long[] s = context.inputShape(0);
        INDArray g = upstream.dup('c');
        int[] e = extra(s[2], s[3]);
        if (direct(e)) {
            INDArray like = Nd4j.zeros(g.dataType(), s);
            INDArray gi = Ops.exec("avgpool2d_bp", args(window.padTop(), window.padLeft(), countIncludePad), like, g);
            Ops.free(like, gi);
            Ops.free(g, gi);
            return new INDArray[] {gi};
        }
        INDArray f = fraction(s[2], s[3], e, g.dataType());
        if (f != null) {
            g.divi(f);
            Ops.release(f, g, upstream);
        }
        long[] ps = {s[0], s[1], s[2] + window.padTop() + window.padBottom() + e[0],
                s[3] + window.padLeft() + window.padRight() + e[1]};
        INDArray like = Nd4j.zeros(g.dataType(), ps);
        INDArray gp = Ops.exec("avgpool2d_bp", args(0, 0, true), like, g);
        Ops.release(like, gp, upstream);
        Ops.release(g, gp, upstream);
        INDArray gi = Ops.unpad(gp, before(), after(e));
        Ops.release(gp, gi, upstream);
        return new INDArray[] {gi};
    }
}
