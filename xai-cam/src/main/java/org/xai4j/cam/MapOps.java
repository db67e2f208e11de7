package org.xai4j.cam;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.util.HostArrays;

/** Element-wise steps of the CAM pipeline on flat stacks of maps (N planes of H×W). */
final class MapOps {
    /** Added to the range in min–max normalisation (pytorch-grad-cam's {@code 1e-7}). */
    static final double NORMALIZATION_EPS = 1e-7;

    private MapOps() {
    }

    /**
     * An array of {@code type} and {@code shape} holding the first {@code length} values of {@code v}
     * (row-major), without copying {@code v}'s prefix first when {@code type} is float.
     */
    static INDArray array(double[] v, int length, long[] shape, DataType type) {
        if (length == v.length) {
            return HostArrays.array(v, shape, type);
        }
        if (type == DataType.FLOAT) {
            float[] f = new float[length];
            for (int i = 0; i < length; i++) {
                f[i] = (float) v[i];
            }
            return org.xai4j.core.util.HostArrays.floatArray(f, shape);
        }
        return HostArrays.array(Arrays.copyOf(v, length), shape, type);
    }

    /**
     * Multiplies planes {@code planes[j]} (of {@code plane} values each, counted from the start of the
     * row-major array) of {@code a} by 0, in place: {@code v·0}, so NaN and ±∞ become NaN and negative values
     * −0, exactly as {@code a.muli(mask)} with a 0/1 mask of {@code a}'s type. A plain float or double array on
     * the CPU backend is edited through its host memory (a few small copies instead of building, converting and
     * multiplying a mask of {@code a}'s full size); anything else by that mask.
     */
    static void zeroPlanes(INDArray a, int[] planes, int plane) {
        Pointer p = plainHostPointer(a);
        if (p instanceof FloatPointer fp) {
            float[] f = new float[plane];
            for (int idx : planes) {
                FloatPointer at = fp.getPointer((long) idx * plane);
                at.get(f, 0, plane);
                for (int q = 0; q < plane; q++) {
                    f[q] *= 0f;
                }
                at.put(f, 0, plane);
            }
            return;
        }
        if (p instanceof DoublePointer dp) {
            double[] d = new double[plane];
            for (int idx : planes) {
                DoublePointer at = dp.getPointer((long) idx * plane);
                at.get(d, 0, plane);
                for (int q = 0; q < plane; q++) {
                    d[q] *= 0.0;
                }
                at.put(d, 0, plane);
            }
            return;
        }
        double[] keep = new double[Math.toIntExact(a.length())];
        Arrays.fill(keep, 1.0);
        for (int idx : planes) {
            Arrays.fill(keep, idx * plane, idx * plane + plane, 0.0);
        }
        INDArray mask = HostArrays.array(keep, a.shape(), a.dataType());
        a.muli(mask);
        mask.close();
    }

    /** The host pointer to {@code a}'s first element when {@code a} is a plain c-ordered float or double array on the CPU backend. */
    private static Pointer plainHostPointer(INDArray a) {
        if (Nd4j.getExecutioner().type() != OpExecutioner.ExecutionerType.NATIVE_CPU || a.isEmpty()
                || a.ordering() != 'c' || a.isView() || a.offset() != 0 || a.data().length() != a.length()
                || !Shape.hasDefaultStridesForShape(a)) {
            return null;
        }
        Pointer p = a.data().addressPointer();
        return p instanceof FloatPointer || p instanceof DoublePointer ? p : null;
    }

    /**
     * {@code Math.min} folded over {@code x[from .. from + length)} from +∞, with its exact result (NaN if any
     * value is NaN; −0 if the smallest value is a zero and any zero is −0) but with plain comparisons in the
     * loop: {@code Math.min} on doubles costs several times a comparison on this JDK, which made Score-CAM's
     * mask scaling (two folds over every upsampled channel) a visible part of its time.
     */
    static double min(double[] x, int from, int length) {
        double m = Double.POSITIVE_INFINITY;
        boolean nan = false;
        for (int q = from; q < from + length; q++) {
            double v = x[q];
            if (v < m) {
                m = v;
            }
            nan |= v != v;
        }
        if (nan) {
            return Double.NaN;
        }
        return m == 0 ? (hasBits(x, from, length, NEGATIVE_ZERO_BITS) ? -0.0 : 0.0) : m;
    }

    /** {@code Math.max} folded over {@code x[from .. from + length)} from −∞, exactly; see {@link #min}. */
    static double max(double[] x, int from, int length) {
        double m = Double.NEGATIVE_INFINITY;
        boolean nan = false;
        for (int q = from; q < from + length; q++) {
            double v = x[q];
            if (v > m) {
                m = v;
            }
            nan |= v != v;
        }
        if (nan) {
            return Double.NaN;
        }
        return m == 0 ? (hasBits(x, from, length, 0L) ? 0.0 : -0.0) : m;
    }

    /** Σ x[q] for q in {@code [from, to)}, added in index order from 0. */
    static double sum(double[] x, int from, int to) {
        double s = 0;
        for (int q = from; q < to; q++) {
            s += x[q];
        }
        return s;
    }

    private static final long NEGATIVE_ZERO_BITS = Double.doubleToRawLongBits(-0.0);

    private static boolean hasBits(double[] x, int from, int length, long bits) {
        for (int q = from; q < from + length; q++) {
            if (Double.doubleToRawLongBits(x[q]) == bits) {
                return true;
            }
        }
        return false;
    }

    /** The sum over channels: N×C×P → N×P. */
    static double[] channelSum(double[] x, int rows, int channels, int plane) {
        double[] out = new double[rows * plane];
        for (int i = 0; i < rows; i++) {
            int ob = i * plane;
            for (int c = 0; c < channels; c++) {
                int ib = (i * channels + c) * plane;
                for (int q = 0; q < plane; q++) {
                    out[ob + q] += x[ib + q];
                }
            }
        }
        return out;
    }

    /** max(x, 0), in place. */
    static double[] relu(double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 0) {
                x[i] = 0;
            }
        }
        return x;
    }

    /** Per plane: (m − min) / (max − min + ε), in place. */
    static double[] normalize(double[] x, int planes, int plane) {
        for (int i = 0; i < planes; i++) {
            int b = i * plane;
            double min = min(x, b, plane);
            for (int q = 0; q < plane; q++) {
                x[b + q] -= min;
            }
            double d = max(x, b, plane) + NORMALIZATION_EPS;
            for (int q = 0; q < plane; q++) {
                x[b + q] /= d;
            }
        }
        return x;
    }

    /** Reverses the last axis of planes of width {@code width}: a horizontal flip. */
    static double[] flipWidth(double[] x, int width) {
        double[] out = new double[x.length];
        for (int r = 0; r < x.length / width; r++) {
            int b = r * width;
            for (int j = 0; j < width; j++) {
                out[b + j] = x[b + width - 1 - j];
            }
        }
        return out;
    }
}
