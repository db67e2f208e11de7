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
 * loops once over the buffers instead of running one ND4J operation (and one fresh array) per step. The arithmetic
 * is the same float operations in the same order as the ND4J sequence it replaces ({@link Relevance#stabilize},
 * {@code div}, {@code mul}), so the values are the same bits. Each method answers {@code null} (or leaves the work
 * to its caller) where an array is not plain: not float, a view with an offset or strides, or of another shape.
 */
final class Fused {
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

    /** {@code z + ε·sign(z)} with sign(0) = +1, in float, as {@link Relevance#stabilize} computes it. */
    private static float stabilized(float z, float epsilon) {
        return z + (z < 0 ? -epsilon : epsilon);
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
        try {
            int n = (int) z.length();
            for (int at = 0, total = (int) r.length(); at < total; at += n) {
                for (int i = 0; i < n; i++) {
                    sv.put(at + i, rv.get(at + i) / stabilized(zv.get(i), e));
                }
            }
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
        try {
            int n = (int) z.length();
            for (int at = 0, total = (int) r.length(); at < total; at += n) {
                for (int i = 0; i < n; i++) {
                    float s = rv.get(at + i) / stabilized(zv.get(i), e);
                    rav.put(at + i, av.get(i) * s);
                    rbv.put(at + i, bv.get(i) * s);
                }
            }
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
     * {@code r / z} written into {@code z} (an array the caller owns) in one pass, where both are plain and of one
     * shape.
     *
     * @return {@code z}, now holding the quotient, or {@code null} where the arrays are not plain or of one shape
     *         ({@code z} then unchanged)
     */
    static INDArray divideInto(INDArray r, INDArray z) {
        if (!plain(r) || !plain(z) || !Arrays.equals(r.shape(), z.shape())) {
            return null;
        }
        FloatBuffer rv = r.data().asNioFloat();
        FloatBuffer zv = z.data().asNioFloat();
        try {
            for (int i = 0, n = (int) z.length(); i < n; i++) {
                zv.put(i, rv.get(i) / zv.get(i));
            }
            return z;
        } finally {
            Reference.reachabilityFence(r);
            Reference.reachabilityFence(z);
        }
    }
}
