package org.xai4j.models.ort;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.node.Window2d;

/**
 * The input gradient of float max pooling in plain Java: every upstream value goes to the first maximum of its window
 * in row-major order, padding and positions past the input never win, and every other input position gets zero.
 * Where no two windows overlap (stride at least the window's span on both axes) each upstream value is moved to its
 * position, which is what libnd4j's {@code maxpool2d_bp} and ONNX Runtime's {@code MaxUnpool} at {@code MaxPool}'s
 * indices give for finite inputs (an upstream −0 stays −0, as with {@code MaxUnpool}, where libnd4j adds it into
 * zeros and gives +0). Where windows overlap (ResNet's 3×3 stride 2), a position that is the maximum of several
 * windows gets the float sum of their upstream values, added into zero in the windows' row-major order, as
 * libnd4j's {@code maxpool2d_bp} adds them, so the bits are libnd4j's. A NaN input wins its window only where it
 * comes first.
 * It works a plane at a time in heap arrays (bulk copies in and out), and no index array is made; 2×2 windows (the
 * common disjoint case) take an unrolled path, overlapping windows a branch-free one. Large inputs are split by
 * planes between the caller's thread and the common fork-join pool (at most one part per core, each of at least 2¹⁸
 * values: the planes do not depend on each other, so the results do not depend on the split). On the demo CNN's
 * 8-row pools this took about 0.6× the time of ONNX Runtime's {@code MaxPool} with indices and {@code MaxUnpool}, at
 * 64 rows about the same; on ResNet-18's overlapping pool (2×64×112×112, 3×3 stride 2) about 0.34× the time of
 * libnd4j's {@code maxpool2d_bp} on one thread (docs/benchmarks.md, issue 19).
 */
final class MaxPoolGradient {
    /** The low bits of a {@link #key}: the complement of a position in a plane of fewer than 2³⁰ values. */
    private static final long POSITIONS = (1L << 30) - 1;
    /**
     * The fewest input values of a part when a gradient is split over threads (the demo CNN's 8-row pools stay on the
     * caller's thread; ResNet-18's first pool at 2 rows, 1.6 million values, is split).
     */
    private static final long PART = 1L << 18;
    /** Below every key: no window tap inside the plane. */
    private static final long NONE = -(1L << 62);

    private MaxPoolGradient() {
    }

    /**
     * Whether no input position lies in two windows of {@code window}.
     *
     * @param window the pooling window
     * @return true when the windows do not overlap
     */
    static boolean disjoint(Window2d window) {
        return window.strideH() >= window.spanH() && window.strideW() >= window.spanW();
    }

    /**
     * The input gradient of max pooling {@code x} over {@code window}, for upstream values {@code g}.
     *
     * @param x the forward input, a plain c-ordered float N×C×H×W array (not modified)
     * @param g the gradient of the pooled output, a plain c-ordered float N×C×outH×outW array (not modified)
     * @param window the pooling window
     * @return a new float array of {@code x}'s shape
     */
    static INDArray of(INDArray x, INDArray g, Window2d window) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.shape(), 'c');
        int planes = (int) (x.size(0) * x.size(1));
        int threads = OnnxRuntimeConvolutions.splitThreads();
        int parts = (int) Math.min(Math.min(planes, threads), Math.max(1L, x.length() / PART));
        try {
            ForkedRanges.all(parts, k -> {
                planes(x, g, out, window, (int) ((long) k * planes / parts), (int) ((long) (k + 1) * planes / parts));
                return true;
            });
        } finally {
            // the buffers do not keep their arrays alive: the native memory must outlive the last read
            java.lang.ref.Reference.reachabilityFence(x);
            java.lang.ref.Reference.reachabilityFence(g);
            java.lang.ref.Reference.reachabilityFence(out);
        }
        return out;
    }

    /** Writes the input gradient of planes {@code from} to {@code to} (exclusive) of {@code x} into {@code out}. */
    private static void planes(INDArray x, INDArray g, INDArray out, Window2d window, int from, int to) {
        FloatBuffer xv = OnnxRuntimeConvolution.buffer(x);
        FloatBuffer gv = OnnxRuntimeConvolution.buffer(g);
        FloatBuffer ov = OnnxRuntimeConvolution.buffer(out);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int oh = (int) g.size(2);
        int ow = (int) g.size(3);
        boolean disjoint = disjoint(window);
        boolean pairs = disjoint && window.kernelH() == 2 && window.kernelW() == 2 && window.dilationH() == 1
                && window.dilationW() == 1 && window.padTop() == 0 && window.padLeft() == 0
                && (oh - 1) * window.strideH() + 2 <= h && (ow - 1) * window.strideW() + 2 <= w;
        float[] xp = new float[h * w];
        float[] op = new float[h * w];
        float[] gp = new float[oh * ow];
        long[] keys = disjoint ? null : new long[h * w];
        long[] rowKeys = disjoint ? null : new long[h * ow];
        for (int p = from; p < to; p++) {
            xv.get(p * h * w, xp);
            gv.get(p * oh * ow, gp);
            java.util.Arrays.fill(op, 0f);
            if (!disjoint) {
                accumulate(xp, gp, op, keys, rowKeys, h, w, oh, ow, window);
                ov.put(p * h * w, op);
                continue;
            }
            for (int i = 0; i < oh; i++) {
                int top = i * window.strideH() - window.padTop();
                for (int j = 0; j < ow; j++) {
                    int left = j * window.strideW() - window.padLeft();
                    int at = pairs ? firstOfFour(xp, top * w + left, w) : firstMaximum(xp, h, w, top, left, window);
                    if (at >= 0) {
                        op[at] = gp[i * ow + j];
                    }
                }
            }
            ov.put(p * h * w, op);
        }
    }

    /**
     * Adds every upstream value of one plane {@code gp} into {@code op} at the first maximum of its window in
     * {@code xp}, windows in row-major order. Each input position gets a key that orders by value first and by
     * position (earlier first) second, so a window's largest key is its first maximum, found without a branch on the
     * data (with branches, about every second window mispredicts on ReLU outputs); the keys are maximised along
     * each row over a window's columns once, then over a window's rows. A plane with a NaN (or of 2³⁰ values or
     * more) takes the window loop.
     */
    private static void accumulate(float[] xp, float[] gp, float[] op, long[] keys, long[] rowKeys, int h, int w,
                                   int oh, int ow, Window2d window) {
        int n = h * w;
        boolean nan = false;
        for (int k = 0; k < n; k++) {
            float v = xp[k];
            nan |= v != v;
            keys[k] = key(v, k);
        }
        if (nan || n > POSITIONS) {
            for (int i = 0; i < oh; i++) {
                int top = i * window.strideH() - window.padTop();
                for (int j = 0; j < ow; j++) {
                    int at = firstMaximum(xp, h, w, top, j * window.strideW() - window.padLeft(), window);
                    if (at >= 0) {
                        op[at] += gp[i * ow + j];
                    }
                }
            }
            return;
        }
        int dh = window.dilationH();
        int dw = window.dilationW();
        int[] firstColumn = new int[ow];
        int[] lastColumn = new int[ow];
        for (int j = 0; j < ow; j++) {
            int left = j * window.strideW() - window.padLeft();
            firstColumn[j] = taps(left, dw, w, window.kernelW(), true);
            lastColumn[j] = taps(left, dw, w, window.kernelW(), false);
        }
        boolean threeWide = window.kernelW() == 3 && dw == 1;
        for (int r = 0; r < h; r++) {
            for (int j = 0; j < ow; j++) {
                int at = r * w + j * window.strideW() - window.padLeft();
                long best;
                if (threeWide && firstColumn[j] == 0 && lastColumn[j] == 3) {
                    best = larger(keys[at], larger(keys[at + 1], keys[at + 2]));
                } else {
                    best = NONE;
                    for (int b = firstColumn[j]; b < lastColumn[j]; b++) {
                        best = larger(best, keys[at + b * dw]);
                    }
                }
                rowKeys[r * ow + j] = best;
            }
        }
        for (int i = 0; i < oh; i++) {
            int top = i * window.strideH() - window.padTop();
            int first = taps(top, dh, h, window.kernelH(), true);
            int last = taps(top, dh, h, window.kernelH(), false);
            boolean threeHigh = window.kernelH() == 3 && dh == 1 && first == 0 && last == 3;
            for (int j = 0; j < ow; j++) {
                long best;
                if (threeHigh) {
                    int at = top * ow + j;
                    best = larger(rowKeys[at], larger(rowKeys[at + ow], rowKeys[at + 2 * ow]));
                } else {
                    best = NONE;
                    for (int a = first; a < last; a++) {
                        best = larger(best, rowKeys[(top + a * dh) * ow + j]);
                    }
                }
                if (best != NONE) {
                    op[position(best)] += gp[i * ow + j];
                }
            }
        }
    }

    /**
     * The first ({@code first}) or one past the last window tap, of {@code kernel} taps {@code dilation} apart from
     * {@code start}, that lies in {@code [0, size)}.
     */
    private static int taps(int start, int dilation, int size, int kernel, boolean first) {
        if (first) {
            return start < 0 ? Math.min(kernel, (-start + dilation - 1) / dilation) : 0;
        }
        return start > size - 1 ? 0 : Math.min(kernel, (size - 1 - start) / dilation + 1);
    }

    /**
     * The order key of value {@code v} (not NaN) at position {@code at}: the value's bits made to sort as signed
     * integers (−0 taken as +0, equal to it) above the position's complement, so that of two equal values the
     * earlier position has the larger key.
     */
    private static long key(float v, int at) {
        int bits = Float.floatToRawIntBits(v + 0f);
        int ordered = bits ^ ((bits >> 31) & 0x7fffffff);
        return ((long) ordered << 30) | (POSITIONS - at);
    }

    /** The position a {@link #key} was made for. */
    private static int position(long key) {
        return (int) (POSITIONS - (key & POSITIONS));
    }

    /** The larger of two keys (or {@link #NONE}), without a branch: keys are far enough apart not to overflow. */
    private static long larger(long a, long b) {
        long d = a - b;
        return a - (d & (d >> 63));
    }

    /** The index of the first maximum of the 2×2 window whose top left value is at {@code at}. */
    private static int firstOfFour(float[] xv, int at, int w) {
        float a = xv[at];
        float b = xv[at + 1];
        float c = xv[at + w];
        float d = xv[at + w + 1];
        // the general path's comparisons, unrolled (a NaN is never greater, so it wins only where it comes first)
        int best = b > a ? at + 1 : at;
        float max = b > a ? b : a;
        best = c > max ? at + w : best;
        max = c > max ? c : max;
        return d > max ? at + w + 1 : best;
    }

    /** The index of the first maximum of the window at ({@code top}, {@code left}) in one plane {@code xv}, or −1. */
    private static int firstMaximum(float[] xv, int h, int w, int top, int left, Window2d window) {
        int best = -1;
        float max = 0;
        for (int a = 0; a < window.kernelH(); a++) {
            int r = top + a * window.dilationH();
            if (r < 0 || r >= h) {
                continue;
            }
            int row = r * w;
            for (int b = 0; b < window.kernelW(); b++) {
                int c = left + b * window.dilationW();
                if (c < 0 || c >= w) {
                    continue;
                }
                float v = xv[row + c];
                if (best < 0 || v > max) {
                    best = row + c;
                    max = v;
                }
            }
        }
        return best;
    }
}
