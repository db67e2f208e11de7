package org.xai4j.attribution.lrp;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Single-pass versions of LRP's element-wise steps (stabilise, divide, multiply), for plain float arrays: each
 * loops once over the buffers, a window at a time through small per-thread heap arrays (which the JIT compiles to
 * vector instructions; element-wise access to the native buffer does not), instead of running one ND4J operation
 * (and one fresh array) per step. The arithmetic is the same float operations in the same order as the ND4J
 * sequence it replaces ({@link Relevance#stabilize}, {@code div}, {@code mul}), so the values are the same bits.
 * Each method answers {@code null} where an array is not plain: not float, a view with an offset or strides, or of
 * another shape.
 */
final class Fused {
    /** Elements per window: four windows of floats fit in a core's first-level cache. */
    private static final int WINDOW = 2048;
    /** Four windows per thread (relevance, denominator and two factors). */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[4][WINDOW]);

    private Fused() {
    }

    /** Whether {@code a} is a float array laid out densely in C order from the start of its buffer. */
    static boolean plain(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.offset() == 0 && a.ordering() == 'c'
                && Shape.hasDefaultStridesForShape(a) && a.length() <= a.data().length()
                && a.length() <= Integer.MAX_VALUE;
    }

    /**
     * Whether {@code r} is {@code z}'s shape, or K rows against {@code z}'s one row (the rows LRP's rules broadcast).
     */
    static boolean rowsOf(INDArray r, INDArray z) {
        long[] rs = r.shape();
        long[] zs = z.shape();
        if (Arrays.equals(rs, zs)) {
            return true;
        }
        return rs.length == zs.length && rs.length > 0 && zs[0] == 1
                && Arrays.equals(Arrays.copyOfRange(rs, 1, rs.length), Arrays.copyOfRange(zs, 1, zs.length));
    }

    /**
     * {@code z + ε·sign(z)} with sign(0) = +1, in float, as {@link Relevance#stabilize} computes it: {@code z + 0}
     * turns −0 into +0 (so it gets +ε) and leaves every other value as it is; without a branch, so it vectorises.
     */
    private static float stabilized(float z, float epsilon) {
        return z + Math.copySign(epsilon, z + 0f);
    }

    /** One window of a pass: {@code len} values from index {@code rAt} of r's buffers and {@code zAt} of z's. */
    @FunctionalInterface
    private interface Window {
        void run(int rAt, int zAt, int len);
    }

    /**
     * Runs {@code body} over {@code r} a window at a time, each of r's rows (of z's length) against z's one row; for
     * {@code r} of z's shape that is one row.
     */
    private static void forEachWindow(INDArray r, INDArray z, Window body) {
        int n = (int) z.length();
        for (int at = 0, total = (int) r.length(); at < total; at += n) {
            for (int from = 0; from < n; from += WINDOW) {
                body.run(at + from, from, Math.min(WINDOW, n - from));
            }
        }
    }

    /**
     * {@code r / stabilize(z, ε)} in one pass ({@link Relevance#ratio}'s values).
     *
     * @return a new array of {@code r}'s shape, or {@code null} where the arrays are not plain or not of matching
     *         rows
     */
    static INDArray ratio(INDArray r, INDArray z, double epsilon) {
        if (!plain(r) || !plain(z) || !rowsOf(r, z)) {
            return null;
        }
        INDArray s = Nd4j.createUninitialized(DataType.FLOAT, r.shape(), 'c');
        float e = (float) epsilon;
        FloatBuffer rv = r.data().asNioFloat();
        FloatBuffer zv = z.data().asNioFloat();
        FloatBuffer sv = s.data().asNioFloat();
        float[][] w = SCRATCH.get();
        float[] rw = w[0];
        float[] zw = w[1];
        try {
            forEachWindow(r, z, (rAt, zAt, len) -> {
                rv.get(rAt, rw, 0, len);
                zv.get(zAt, zw, 0, len);
                for (int i = 0; i < len; i++) {
                    rw[i] = rw[i] / stabilized(zw[i], e);
                }
                sv.put(rAt, rw, 0, len);
            });
            return s;
        } finally {
            Reference.reachabilityFence(r);
            Reference.reachabilityFence(z);
            Reference.reachabilityFence(s);
        }
    }

    /**
     * The two shares of a sum {@code z = a + b} (the norm rule at an addition) in one pass:
     * {@code a ⊙ r / stabilize(z, ε)} and {@code b ⊙ r / stabilize(z, ε)}.
     *
     * @param r       the relevance of {@code z}, of its shape or K rows against its one row
     * @param z       the sum
     * @param a       the first summand, of {@code z}'s shape
     * @param b       the second summand, of {@code z}'s shape
     * @param epsilon the stabiliser ε, ≥ 0
     * @return two new arrays of {@code r}'s shape, or {@code null} where an array is not plain or the shapes differ
     */
    static INDArray[] shares(INDArray r, INDArray z, INDArray a, INDArray b, double epsilon) {
        if (!plain(r) || !plain(z) || !plain(a) || !plain(b) || !rowsOf(r, z)
                || !Arrays.equals(a.shape(), z.shape()) || !Arrays.equals(b.shape(), z.shape())) {
            return null;
        }
        INDArray ra = Nd4j.createUninitialized(DataType.FLOAT, r.shape(), 'c');
        INDArray rb = Nd4j.createUninitialized(DataType.FLOAT, r.shape(), 'c');
        float e = (float) epsilon;
        FloatBuffer rv = r.data().asNioFloat();
        FloatBuffer zv = z.data().asNioFloat();
        FloatBuffer av = a.data().asNioFloat();
        FloatBuffer bv = b.data().asNioFloat();
        FloatBuffer rav = ra.data().asNioFloat();
        FloatBuffer rbv = rb.data().asNioFloat();
        float[][] w = SCRATCH.get();
        float[] rw = w[0];
        float[] zw = w[1];
        float[] aw = w[2];
        float[] bw = w[3];
        try {
            forEachWindow(r, z, (rAt, zAt, len) -> {
                rv.get(rAt, rw, 0, len);
                zv.get(zAt, zw, 0, len);
                av.get(zAt, aw, 0, len);
                bv.get(zAt, bw, 0, len);
                for (int i = 0; i < len; i++) {
                    float s = rw[i] / stabilized(zw[i], e);
                    aw[i] = aw[i] * s;
                    bw[i] = bw[i] * s;
                }
                rav.put(rAt, aw, 0, len);
                rbv.put(rAt, bw, 0, len);
            });
            return new INDArray[] {ra, rb};
        } finally {
            Reference.reachabilityFence(r);
            Reference.reachabilityFence(z);
            Reference.reachabilityFence(a);
            Reference.reachabilityFence(b);
            Reference.reachabilityFence(ra);
            Reference.reachabilityFence(rb);
        }
    }

    /**
     * {@code r / z} written into {@code z} (an array the caller owns), where both have one shape: ND4J's own
     * division with {@code z} as its result, which saves the fresh array (a Java loop over the native buffer is
     * slower than ND4J's vectorised division here).
     *
     * @return {@code z}, now holding the quotient, or {@code null} where the shapes differ ({@code z} then
     *         unchanged)
     */
    static INDArray divideInto(INDArray r, INDArray z) {
        if (!Arrays.equals(r.shape(), z.shape()) || r.dataType() != z.dataType()) {
            return null;
        }
        return r.div(z, z);
    }
}
