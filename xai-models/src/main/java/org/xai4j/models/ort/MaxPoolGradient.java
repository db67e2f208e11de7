package org.xai4j.models.ort;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.node.Window2d;

/**
 * The input gradient of float max pooling whose windows do not overlap (stride at least the window's span on both
 * axes), in plain Java: every upstream value goes to the first maximum of its window in row-major order, padding
 * and positions past the input never win, and every other input position gets zero. That is what libnd4j's
 * {@code maxpool2d_bp} and ONNX Runtime's {@code MaxUnpool} at {@code MaxPool}'s indices give for finite inputs
 * (an upstream −0 stays −0, as with {@code MaxUnpool}, where libnd4j adds it into zeros and gives +0; a NaN input
 * wins its window only where it comes first).
 * It works a plane at a time in heap arrays (bulk copies in and out), and no index array is made; 2×2 windows (the
 * common case) take an unrolled path. On the demo CNN's 8-row pools this took about 0.6× the time of ONNX
 * Runtime's {@code MaxPool} with indices and {@code MaxUnpool}, at 64 rows about the same (docs/benchmarks.md,
 * issue 19).
 */
final class MaxPoolGradient {
    private MaxPoolGradient() {
    }

    /**
     * Whether {@link #of} handles pooling over {@code window}: no input position lies in two windows.
     *
     * @param window the pooling window
     * @return true when the windows do not overlap
     */
    static boolean handles(Window2d window) {
        return window.strideH() >= window.spanH() && window.strideW() >= window.spanW();
    }

    /**
     * The input gradient of max pooling {@code x} over {@code window}, for upstream values {@code g}.
     *
     * @param x the forward input, a plain c-ordered float N×C×H×W array (not modified)
     * @param g the gradient of the pooled output, a plain c-ordered float N×C×outH×outW array (not modified)
     * @param window a window that {@link #handles}
     * @return a new float array of {@code x}'s shape
     */
    static INDArray of(INDArray x, INDArray g, Window2d window) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.shape(), 'c');
        FloatBuffer xv = OnnxRuntimeConvolution.buffer(x);
        FloatBuffer gv = OnnxRuntimeConvolution.buffer(g);
        FloatBuffer ov = OnnxRuntimeConvolution.buffer(out);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int oh = (int) g.size(2);
        int ow = (int) g.size(3);
        int planes = (int) (x.size(0) * x.size(1));
        boolean pairs = window.kernelH() == 2 && window.kernelW() == 2 && window.dilationH() == 1
                && window.dilationW() == 1 && window.padTop() == 0 && window.padLeft() == 0
                && (oh - 1) * window.strideH() + 2 <= h && (ow - 1) * window.strideW() + 2 <= w;
        try {
            float[] xp = new float[h * w];
            float[] op = new float[h * w];
            float[] gp = new float[oh * ow];
            for (int p = 0; p < planes; p++) {
                xv.get(p * h * w, xp);
                gv.get(p * oh * ow, gp);
                java.util.Arrays.fill(op, 0f);
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
        } finally {
            // the buffers above do not keep their arrays alive: the native memory must outlive the last read
            java.lang.ref.Reference.reachabilityFence(x);
            java.lang.ref.Reference.reachabilityFence(g);
            java.lang.ref.Reference.reachabilityFence(out);
        }
        return out;
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
