package org.xai4j.core.graph.node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.NativeBuffers;

/** Array helpers shared by the node implementations. None modifies its arguments. */
final class Ops {
    private Ops() {
    }

    /** Runs a libnd4j custom op and returns its first output. */
    static INDArray exec(String op, int[] iArgs, INDArray... inputs) {
        return execAll(op, iArgs, inputs)[0];
    }

    /** Runs a libnd4j custom op and returns all its outputs. */
    static INDArray[] execAll(String op, int[] iArgs, INDArray... inputs) {
        DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder(op).addInputs(inputs);
        if (iArgs.length > 0) {
            b.addIntegerArguments(iArgs);
        }
        return Nd4j.exec(b.build());
    }

    /** {@code a} itself if it is a plain c-ordered array, else a c-ordered copy (for the native kernels). */
    static INDArray cOrder(INDArray a) {
        return a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
    }

    /** The buffer that owns {@code a}'s memory: views (reshapes, permutes, slices) share their base's. */
    static DataBuffer root(INDArray a) {
        return NativeBuffers.root(a);
    }

    /**
     * Frees {@code temp}, an array the caller created and no one else references, now rather than at the
     * next garbage collection; {@code keep} (the caller's result) is never freed even if it is the same array.
     */
    static void free(INDArray temp, INDArray keep) {
        if (temp != null && !temp.isView()) {
            release(temp, keep);
        }
    }

    /**
     * Frees the memory of {@code temp}, an intermediate the caller created (or a view of one), unless it is
     * shared with any of {@code keep}: the caller's result and every array the caller does not own (its
     * inputs, the upstream gradient, parameters and cached matrices, and views of any of them). Pass all of
     * them: a freed buffer that is still read crashes the process.
     */
    static void release(INDArray temp, INDArray... keep) {
        NativeBuffers.release(temp, keep);
    }

    /**
     * {@code a.mmul(b)} without its hidden temporary: ND4J multiplies into an f-ordered array and copies
     * that into the c-ordered result, leaving the first for the garbage collector. This does the same two
     * steps (bit for bit the same values and ordering) and frees the f-ordered one.
     */
    static INDArray mmul(INDArray a, INDArray b) {
        INDArray f = a.mmul(b, 'f');
        if (a.ordering() == 'f' && b.ordering() == 'f' && b.rank() != 1) {
            return f;
        }
        INDArray c = f.dup('c');
        release(f, c, a, b);
        return c;
    }

    /** {@link #window} of an array the caller owns: the full array is freed once the window is copied out. */
    static INDArray windowOwned(INDArray full, long top, long h, long left, long w) {
        INDArray out = window(full, top, h, left, w);
        free(full, out);
        return out;
    }

    /** A contiguous c-order copy that owns its buffer. */
    static INDArray owned(INDArray a) {
        return a.dup('c');
    }

    /** A copy of {@code a} cast to {@code type}. */
    static INDArray cast(INDArray a, DataType type) {
        return a == null ? null : a.dataType() == type ? a : a.castTo(type);
    }

    /** {@code shape} with ones prepended to reach {@code rank} (numpy's broadcasting alignment). */
    static long[] alignRank(long[] shape, int rank) {
        long[] out = new long[rank];
        Arrays.fill(out, 1);
        System.arraycopy(shape, 0, out, rank - shape.length, shape.length);
        return out;
    }

    /** The numpy broadcast of two shapes, or an error naming both. */
    static long[] broadcastShape(long[] a, long[] b, String context) {
        int rank = Math.max(a.length, b.length);
        long[] x = alignRank(a, rank);
        long[] y = alignRank(b, rank);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            if (x[i] == y[i] || y[i] == 1) {
                out[i] = x[i];
            } else if (x[i] == 1) {
                out[i] = y[i];
            } else {
                throw new InvalidShapeException(context + ": shapes " + Arrays.toString(a) + " and "
                        + Arrays.toString(b) + " do not broadcast (axis " + i + ": " + x[i] + " vs " + y[i] + ")");
            }
        }
        return out;
    }

    /** {@code a} reshaped with leading ones to {@code rank} (a view where possible). */
    static INDArray toRank(INDArray a, int rank) {
        return a.rank() == rank ? a : a.reshape(alignRank(a.shape(), rank));
    }

    /**
     * The gradient of a broadcast: sums {@code g} (the broadcast shape) over the axes along which an
     * operand of {@code shape} was repeated, and reshapes to {@code shape}.
     */
    static INDArray sumToShape(INDArray g, long[] shape) {
        if (Arrays.equals(g.shape(), shape)) {
            return g;
        }
        long[] aligned = alignRank(shape, g.rank());
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < g.rank(); i++) {
            if (aligned[i] == 1 && g.size(i) != 1) {
                axes.add(i);
            }
        }
        INDArray s = axes.isEmpty() ? g : g.sum(true, axes.stream().mapToInt(Integer::intValue).toArray());
        return s.reshape(shape);
    }

    /** Rank-4 index: all of the first two axes, [h0, h1) × [w0, w1) of the last two. */
    static INDArrayIndex[] hw(long h0, long h1, long w0, long w1) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(h0, h1),
                NDArrayIndex.interval(w0, w1)};
    }

    /**
     * Rows [top, top+h) and columns [left, left+w) of the last two axes of a rank-4 {@code full}, zero where
     * they fall outside it: the crop/zero-extension that turns a "full" transposed convolution into the
     * wanted one.
     */
    static INDArray window(INDArray full, long top, long h, long left, long w) {
        long fh = full.size(2);
        long fw = full.size(3);
        if (top == 0 && left == 0 && fh == h && fw == w) {
            return full;
        }
        if (top >= 0 && left >= 0 && top + h <= fh && left + w <= fw) {
            return full.get(hw(top, top + h, left, left + w)).dup('c');
        }
        INDArray out = Nd4j.zeros(full.dataType(), full.size(0), full.size(1), h, w);
        long h0 = Math.max(0, top);
        long h1 = Math.min(fh, top + h);
        long w0 = Math.max(0, left);
        long w1 = Math.min(fw, left + w);
        if (h1 > h0 && w1 > w0) {
            out.get(hw(h0 - top, h1 - top, w0 - left, w1 - left)).assign(full.get(hw(h0, h1, w0, w1)));
        }
        return out;
    }

    /**
     * {@code x} padded with {@code value}: {@code before[i]} entries before and {@code after[i]} after axis i
     * (negative amounts crop).
     */
    static INDArray pad(INDArray x, long[] before, long[] after, double value) {
        int r = x.rank();
        long[] shape = new long[r];
        INDArrayIndex[] dst = new INDArrayIndex[r];
        INDArrayIndex[] src = new INDArrayIndex[r];
        boolean identity = true;
        for (int i = 0; i < r; i++) {
            long n = x.size(i);
            shape[i] = n + before[i] + after[i];
            if (shape[i] < 0) {
                throw new InvalidShapeException("padding " + before[i] + "/" + after[i] + " of axis " + i
                        + " leaves a negative size for shape " + Arrays.toString(x.shape()));
            }
            long s0 = Math.max(0, -before[i]);
            long s1 = Math.min(n, n + after[i]);
            long d0 = Math.max(0, before[i]);
            src[i] = NDArrayIndex.interval(s0, Math.max(s0, s1));
            dst[i] = NDArrayIndex.interval(d0, d0 + Math.max(0, s1 - s0));
            identity &= before[i] == 0 && after[i] == 0;
        }
        if (identity) {
            return x;
        }
        INDArray out = value == 0 ? Nd4j.zeros(x.dataType(), shape) : Nd4j.valueArrayOf(shape, value, x.dataType());
        if (out.length() > 0) {
            out.get(dst).assign(x.get(src));
        }
        return out;
    }

    /** The adjoint of {@link #pad}: the part of {@code g} that came from the unpadded input. */
    static INDArray unpad(INDArray g, long[] before, long[] after) {
        long[] neg0 = new long[before.length];
        long[] neg1 = new long[after.length];
        for (int i = 0; i < before.length; i++) {
            neg0[i] = -before[i];
            neg1[i] = -after[i];
        }
        return pad(g, neg0, neg1, 0);
    }

    /** {@code w} with its last two axes reversed (the spatial flip of a convolution kernel). */
    static INDArray flipSpatial(INDArray w) {
        INDArray reversed = exec("reverse", new int[] {2, 3}, w);
        INDArray out = reversed.dup('c');
        release(reversed, out, w);
        return out;
    }

    static long product(long[] s, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            p *= s[i];
        }
        return p;
    }

    static int axis(int axis, int rank, String context) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new InvalidShapeException(context + ": axis " + axis + " is outside rank " + rank);
        }
        return a;
    }
}
