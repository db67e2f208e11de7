package org.xai4j.core.graph.node;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ReLU's vector–Jacobian product {@code step(y) ⊙ g} for plain float arrays in one pass: a window at a time through
 * small heap arrays (bulk copies in and out), instead of ND4J's {@code step} (one temporary array) then
 * {@code muli}. Each element is the same float product, {@code (y > 0 ? 1 : 0) · g}, so the values are the same
 * bits, an upstream −0 or a masked negative giving −0 as before.
 */
final class ReluGradient {
    /** Elements per window: three windows of floats stay in a core's first-level cache. */
    private static final int WINDOW = 2048;

    private ReluGradient() {
    }

    /**
     * {@code step(y) ⊙ g}, or {@code null} where an array is not a whole float array in C order or the shapes
     * differ (the caller then takes ND4J's ops).
     *
     * @param y the ReLU's output (not modified)
     * @param g the upstream gradient, of {@code y}'s shape (not modified)
     * @return a new float array of {@code y}'s shape, or null
     */
    static INDArray of(INDArray y, INDArray g) {
        if (!plain(y) || !plain(g) || !Arrays.equals(y.shape(), g.shape())) {
            return null;
        }
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, y.shape(), 'c');
        FloatBuffer yv = y.data().asNioFloat();
        FloatBuffer gv = g.data().asNioFloat();
        FloatBuffer ov = out.data().asNioFloat();
        float[] yw = new float[WINDOW];
        float[] gw = new float[WINDOW];
        try {
            int n = (int) y.length();
            for (int from = 0; from < n; from += WINDOW) {
                int len = Math.min(WINDOW, n - from);
                yv.get(from, yw, 0, len);
                gv.get(from, gw, 0, len);
                for (int i = 0; i < len; i++) {
                    gw[i] = (yw[i] > 0 ? 1f : 0f) * gw[i];
                }
                ov.put(from, gw, 0, len);
            }
            return out;
        } finally {
            Reference.reachabilityFence(y);
            Reference.reachabilityFence(g);
            Reference.reachabilityFence(out);
        }
    }

    /** Whether {@code a} is a float array that is its whole buffer in C order. */
    private static boolean plain(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.ordering() == 'c' && !a.isView() && a.offset() == 0
                && a.data().length() == a.length() && a.length() <= Integer.MAX_VALUE
                && a.elementWiseStride() == 1;
    }
}
