package org.xai4j.core.graph.node;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Retention;

/**
 * 2-D max pooling over NCHW input (padding never wins: it acts as −∞), with strides, dilations, asymmetric
 * pads and ONNX/PyTorch {@code ceil_mode}. Backward routes each upstream value to the maximum of its window
 * (libnd4j {@code maxpool2d_bp}).
 */
public final class MaxPoolNode extends AbstractNode {
    private final Window2d window;
    private final boolean ceilMode;

    /**
     * Max pooling with {@code window}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param window the kernel, strides, dilations and pads
     * @param ceilMode whether partial windows at the end make an output element (ONNX {@code ceil_mode})
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public MaxPoolNode(String name, String input, String output, Window2d window, boolean ceilMode) {
        super(name, List.of(input), output);
        this.window = window;
        this.ceilMode = ceilMode;
    }

    @Override
    public String opType() {
        return "MaxPool";
    }

    /**
     * The pooling window.
     *
     * @return the kernel, strides, dilations and pads
     */
    public Window2d window() {
        return window;
    }

    /**
     * Whether partial windows at the end make an output element.
     *
     * @return ONNX's {@code ceil_mode}
     */
    public boolean ceilMode() {
        return ceilMode;
    }

    @Override
    public Retention retention() {
        return Retention.INPUTS;
    }

    private static final int[] NO_EXTRA = {0, 0};

    /** Extra bottom/right padding that ceil mode needs for this input. */
    private int[] extra(long h, long w) {
        if (!ceilMode) {
            return NO_EXTRA;
        }
        return new int[] {Pooling.ceilExtra(h, window.padTop(), window.padBottom(), window.spanH(), window.strideH()),
                Pooling.ceilExtra(w, window.padLeft(), window.padRight(), window.spanW(), window.strideW())};
    }

    private int[] args(int padH, int padW) {
        int[] a = window.nativeArgs(padH, padW);
        int[] out = Arrays.copyOf(a, a.length + 2);
        out[a.length] = 0; // unused for max
        out[a.length + 1] = 0; // NCHW
        return out;
    }

    @Override
    public INDArray forward(INDArray... inputs) {
        requireInputs(inputs, 1);
        INDArray x = inputs[0];
        requireRank(x, 4, "input");
        window.outH(x.size(2));
        window.outW(x.size(3));
        int[] e = extra(x.size(2), x.size(3));
        if (window.symmetric() && e[0] == 0 && e[1] == 0) {
            return Ops.exec("maxpool2d", args(window.padTop(), window.padLeft()), x);
        }
        INDArray p = padded(x, e);
        INDArray y = Ops.exec("maxpool2d", args(0, 0), p);
        Ops.free(p, y);
        return y;
    }

    private INDArray padded(INDArray x, int[] e) {
        return Ops.pad(x, new long[] {0, 0, window.padTop(), window.padLeft()},
                new long[] {0, 0, window.padBottom() + e[0], window.padRight() + e[1]}, Double.NEGATIVE_INFINITY);
    }

    @Override
    public INDArray[] backward(BackwardContext context, INDArray upstream) {
        INDArray x = context.input(0);
        INDArray g = Ops.cOrder(upstream);
        int[] e = extra(x.size(2), x.size(3));
        if (window.symmetric() && e[0] == 0 && e[1] == 0) {
            INDArray gi = Ops.exec("maxpool2d_bp", args(window.padTop(), window.padLeft()), x, g);
            Ops.release(g, gi, x, upstream, context.upstream());
            return new INDArray[] {gi};
        }
        INDArray p = padded(x, e);
        INDArray gp = Ops.exec("maxpool2d_bp", args(0, 0), p, g);
        Ops.free(p, gp);
        Ops.release(g, gp, x, upstream, context.upstream());
        INDArray gi = Ops.unpad(gp, new long[] {0, 0, window.padTop(), window.padLeft()},
                new long[] {0, 0, window.padBottom() + e[0], window.padRight() + e[1]});
        Ops.free(gp, gi);
        if (!Arrays.equals(gi.shape(), x.shape())) {
            throw new InvalidShapeException("max pool '" + name() + "': gradient shape " + Arrays.toString(gi.shape())
                    + " does not match input " + Arrays.toString(x.shape()));
        }
        return new INDArray[] {gi};
    }
}
