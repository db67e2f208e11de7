package org.xai4j.core.graph.node;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The window arithmetic the 2-D pooling nodes share: the window, ONNX/PyTorch {@code ceil_mode} (the extra
 * bottom/right padding that makes the last, partial window exist), the padding around the input, and libnd4j's
 * pooling arguments.
 */
abstract class PoolNode extends AbstractNode {
    private static final int[] NO_EXTRA = {0, 0};
    /** The kernel, strides, dilations and pads. */
    final Window2d window;
    private final boolean ceilMode;

    PoolNode(String name, String input, String output, Window2d window, boolean ceilMode) {
        super(name, List.of(input), output);
        this.window = window;
        this.ceilMode = ceilMode;
    }

    /**
     * The pooling window.
     *
     * @return the kernel, strides, dilations and pads
     */
    public final Window2d window() {
        return window;
    }

    /**
     * Whether partial windows at the end make an output element.
     *
     * @return ONNX's {@code ceil_mode}
     */
    public final boolean ceilMode() {
        return ceilMode;
    }

    /**
     * Checks that {@code x} is NCHW and that the window leaves an output, and returns the extra padding ceil mode
     * needs for it ({@link #extra}).
     */
    final int[] extraFor(INDArray x) {
        requireRank(x, 4, "input");
        window.outH(x.size(2));
        window.outW(x.size(3));
        return extra(x.size(2), x.size(3));
    }

    /** Extra bottom/right padding that ceil mode needs for an input of {@code h × w}. */
    final int[] extra(long h, long w) {
        if (!ceilMode) {
            return NO_EXTRA;
        }
        return new int[] {ceilExtra(h, window.padTop(), window.padBottom(), window.spanH(), window.strideH()),
                ceilExtra(w, window.padLeft(), window.padRight(), window.spanW(), window.strideW())};
    }

    /**
     * The padding beyond {@code padAfter} that ceil mode adds so that the last, partial window exists (as in
     * PyTorch and ONNX: the last window must start inside the input or the leading padding).
     */
    static int ceilExtra(long size, int padBefore, int padAfter, long span, int stride) {
        long padded = size + padBefore + padAfter - span;
        long outCeil = (padded + stride - 1) / stride + 1;
        if ((outCeil - 1) * stride >= size + padBefore) {
            outCeil--;
        }
        long need = (outCeil - 1) * stride + span - (size + padBefore + padAfter);
        return (int) Math.max(0, need);
    }

    /** Whether libnd4j pads by itself: symmetric pads and no ceil-mode extra {@code e}. */
    final boolean direct(int[] e) {
        return window.symmetric() && e[0] == 0 && e[1] == 0;
    }

    /** The padding before the input, NCHW. */
    final long[] before() {
        return new long[] {0, 0, window.padTop(), window.padLeft()};
    }

    /** The padding after the input, NCHW, with ceil mode's extra {@code e}. */
    final long[] after(int[] e) {
        return new long[] {0, 0, window.padBottom() + e[0], window.padRight() + e[1]};
    }

    /** libnd4j's pooling arguments: the window with pads {@code padH × padW}, then {@code extra}, then NCHW. */
    final int[] args(int padH, int padW, int extra) {
        int[] a = window.nativeArgs(padH, padW);
        int[] out = Arrays.copyOf(a, a.length + 2);
        out[a.length] = extra;
        out[a.length + 1] = 0; // NCHW
        return out;
    }
}
