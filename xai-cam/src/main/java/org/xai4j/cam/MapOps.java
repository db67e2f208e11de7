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
     * {@code Math.min} and {@code Math.max} folded over {@code x[from .. from + length)} from ±∞, with their exact
     * results (NaN if any value is NaN; for a zero extreme, −0 as the minimum if any zero is −0 and +0 as the maximum
     * if any zero is +0), in one pass of plain comparisons over four independent lanes: {@code Math.min} on doubles
     * costs several times a comparison on this JDK, and one chain of dependent comparisons per fold made Score-CAM's
     * mask scaling (both folds over every upsampled channel, then a scan for the sign of a zero minimum, which ReLU
     * activations nearly always have) a third of its own work on the small CNN.
     *
     * @param out receives the minimum at {@code out[0]} and the maximum at {@code out[1]}
     */
    static void minMax(double[] x, int from, int length, double[] out) {
        double lo0 = Double.POSITIVE_INFINITY;
        double lo1 = lo0;
        double lo2 = lo0;
        double lo3 = lo0;
        double hi0 = Double.NEGATIVE_INFINITY;
        double hi1 = hi0;
        double hi2 = hi0;
        double hi3 = hi0;
        boolean nan = false;
        int end = from + length;
        int q = from;
        for (; q + 4 <= end; q += 4) {
            double a = x[q];
            double b = x[q + 1];
            double c = x[q + 2];
            double d = x[q + 3];
            lo0 = a < lo0 ? a : lo0;
            lo1 = b < lo1 ? b : lo1;
            lo2 = c < lo2 ? c : lo2;
            lo3 = d < lo3 ? d : lo3;
            hi0 = a > hi0 ? a : hi0;
            hi1 = b > hi1 ? b : hi1;
            hi2 = c > hi2 ? c : hi2;
            hi3 = d > hi3 ? d : hi3;
            nan |= a != a | b != b | c != c | d != d;
        }
        for (; q < end; q++) {
            double a = x[q];
            lo0 = a < lo0 ? a : lo0;
            hi0 = a > hi0 ? a : hi0;
            nan |= a != a;
        }
        if (nan) {
            out[0] = Double.NaN;
            out[1] = Double.NaN;
            return;
        }
        double lo = Math.min(Math.min(lo0, lo1), Math.min(lo2, lo3));
        double hi = Math.max(Math.max(hi0, hi1), Math.max(hi2, hi3));
        // A zero extreme takes its sign from the zeros there are. With a zero minimum no value is negative, so a sign
        // bit in the OR of all values' bits is a −0; with a zero maximum every value but +0 has its sign bit, so a clear
        // sign bit in their AND is a +0 (one OR or AND per value instead of two comparisons).
        if (lo == 0) {
            long any = 0;
            for (q = from; q < end; q++) {
                any |= Double.doubleToRawLongBits(x[q]);
            }
            lo = any < 0 ? -0.0 : 0.0;
        }
        if (hi == 0) {
            long all = -1;
            for (q = from; q < end; q++) {
                all &= Double.doubleToRawLongBits(x[q]);
            }
            hi = all < 0 ? -0.0 : 0.0;
        }
        out[0] = lo;
        out[1] = hi;
    }

    /** {@code Math.min} folded over {@code x[from .. from + length)} from +∞, exactly (see {@link #minMax}). */
    static double min(double[] x, int from, int length) {
        double[] out = new double[2];
        minMax(x, from, length, out);
        return out[0];
    }

    /** {@code Math.max} folded over {@code x[from .. from + length)} from −∞, exactly (see {@link #minMax}). */
    static double max(double[] x, int from, int length) {
        double[] out = new double[2];
        minMax(x, from, length, out);
        return out[1];
    }

    /** Σ x[q] for q in {@code [from, to)}, added in index order from 0. */
    static double sum(double[] x, int from, int to) {
        double s = 0;
        for (int q = from; q < to; q++) {
            s += x[q];
        }
        return s;
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
