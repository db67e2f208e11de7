package org.xai4j.core.util;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The products a streamed matrix factorisation takes of one row block X (rows × C) of a large matrix with small
 * factors held in Java: X·Fᵀ for a K × C factor F, SᵀX for a rows × K factor S, and ‖X − S·F‖². Each works on a
 * range of the block's rows, so a caller can take several products of a few thousand rows while they are still in
 * the processor's cache instead of reading the whole block from memory once per product.
 *
 * <p>The products are taken in the block's precision (a float block in float, as scikit-learn does with float32
 * data) and handed back in double. On ND4J's CPU backend with OpenBLAS's bindings present, a float or double block
 * whose values lie contiguously in host memory is multiplied in place by {@code cblas_?gemm} on pointers into it,
 * with the small operands in native buffers reused from call to call: no copy of the block and no allocation per
 * call. Other blocks (other types are converted to double once) and other backends use ND4J's products.
 *
 * <p>One instance serves one block and one thread; close it to free its native buffers.
 */
public final class BlockProducts implements AutoCloseable {
    private final INDArray source;
    private final INDArray x;
    private final int rows;
    private final int cols;
    private final boolean single;
    /** The block's first value in host memory, or null when the ND4J path is used. */
    private final Pointer base;
    private Pointer left;
    private Pointer right;
    private Pointer out;

    /**
     * Products of {@code block}.
     *
     * @param block a rows × C matrix (not modified; kept, not copied, when it is float or double)
     * @throws IllegalArgumentException if {@code block} is not a non-empty matrix
     */
    public BlockProducts(INDArray block) {
        if (block == null || block.rank() != 2 || block.isEmpty()) {
            throw new IllegalArgumentException("block products need a non-empty rows × C matrix but got "
                    + (block == null ? "null" : "shape " + java.util.Arrays.toString(block.shape())));
        }
        this.source = block;
        DataType t = block.dataType();
        this.x = t == DataType.FLOAT || t == DataType.DOUBLE ? block : block.castTo(DataType.DOUBLE);
        this.rows = Math.toIntExact(x.size(0));
        this.cols = Math.toIntExact(x.size(1));
        this.single = x.dataType() == DataType.FLOAT;
        this.base = GramProducts.usesSyrk() ? HostArrays.contiguousHostPointer(x) : null;
    }

    /**
     * The block's rows.
     *
     * @return the number of rows
     */
    public int rows() {
        return rows;
    }

    /**
     * X[from, from + n) · Fᵀ.
     *
     * @param from the first row
     * @param n    how many rows
     * @param f    F, K × C row-major
     * @param k    K
     * @return the n × K product, row-major
     */
    public double[] timesTransposed(int from, int n, double[] f, int k) {
        checkRows(from, n);
        if (base == null) {
            INDArray fa = HostArrays.array(f, new long[] {k, cols}, x.dataType());
            INDArray p = rowsOf(from, n).mmul(fa.transpose());
            double[] v = HostArrays.doubles(p);
            p.close();
            fa.close();
            return v;
        }
        Pointer fp = put(left = room(left, (long) k * cols), f, f.length);
        Pointer o = room(out = room(out, (long) n * k), (long) n * k);
        gemm(openblas_nolapack.CblasNoTrans, openblas_nolapack.CblasTrans, n, k, cols, at(from), cols, fp, cols, o, k);
        return read(o, n * k);
    }

    /**
     * Adds S[n × K]ᵀ · X[from, from + n) to {@code sum}.
     *
     * @param from the first row
     * @param n    how many rows
     * @param s    S, n × K row-major
     * @param k    K
     * @param sum  K × C row-major, updated in place (in double)
     */
    public void addTransposedTimes(int from, int n, double[] s, int k, double[] sum) {
        checkRows(from, n);
        double[] v;
        if (base == null) {
            INDArray sa = HostArrays.array(s, new long[] {n, k}, x.dataType());
            INDArray p = sa.transpose().mmul(rowsOf(from, n));
            v = HostArrays.doubles(p);
            p.close();
            sa.close();
        } else {
            Pointer sp = put(left = room(left, (long) n * k), s, n * k);
            Pointer o = room(out = room(out, (long) k * cols), (long) k * cols);
            // (XᵀS)ᵀ rather than SᵀX: BLAS's kernels tile the C-long side far better than the K-long one
            gemm(openblas_nolapack.CblasTrans, openblas_nolapack.CblasNoTrans, cols, k, n, at(from), cols, sp, k, o, k);
            double[] xts = read(o, k * cols);
            for (int j = 0; j < cols; j++) {
                for (int a = 0; a < k; a++) {
                    sum[a * cols + j] += xts[j * k + a];
                }
            }
            return;
        }
        for (int i = 0; i < v.length; i++) {
            sum[i] += v[i];
        }
    }

    /**
     * Adds SᵀS to {@code gram}, the product taken in the block's precision (a symmetric rank-k update by BLAS where
     * the block's products use BLAS).
     *
     * @param s    S, n × K row-major
     * @param n    S's rows
     * @param k    K
     * @param gram K × K row-major, updated in place (both triangles)
     */
    public void addGram(double[] s, int n, int k, double[] gram) {
        if (base == null) {
            for (int a = 0; a < k; a++) {
                for (int q = a; q < k; q++) {
                    double sum = 0;
                    for (int i = 0; i < n; i++) {
                        sum += s[i * k + a] * s[i * k + q];
                    }
                    gram[a * k + q] += sum;
                    if (q != a) {
                        gram[q * k + a] += sum;
                    }
                }
            }
            return;
        }
        GramProducts.addSyrk(put(left = room(left, (long) n * k), s, n * k), n, k, gram);
    }

    /**
     * ‖X[from, from + n) − S·F‖²_F: S·F in the block's precision, the differences and their squares in double.
     *
     * @param from the first row
     * @param n    how many rows
     * @param s    S, n × K row-major
     * @param f    F, K × C row-major
     * @param k    K
     * @return the sum of squared differences
     */
    public double residualSq(int from, int n, double[] s, double[] f, int k) {
        checkRows(from, n);
        if (base == null) {
            INDArray sa = HostArrays.array(s, new long[] {n, k}, x.dataType());
            INDArray fa = HostArrays.array(f, new long[] {k, cols}, x.dataType());
            INDArray rec = sa.mmul(fa);
            sa.close();
            fa.close();
            double[] a = HostArrays.doubles(rowsOf(from, n));
            double[] b = HostArrays.doubles(rec);
            rec.close();
            return sumSq(a, b, a.length);
        }
        Pointer sp = put(left = room(left, (long) n * k), s, n * k);
        Pointer fp = put(out = room(out, (long) k * cols), f, k * cols);
        Pointer rec = right = room(right, (long) n * cols);
        gemm(openblas_nolapack.CblasNoTrans, openblas_nolapack.CblasNoTrans, n, cols, k, sp, k, fp, cols, rec, cols);
        long count = (long) n * cols;
        double total = 0;
        Pointer xs = at(from);
        try {
            int w = (int) Math.min(count, HostArrays.WINDOW);
            double[] a = new double[w];
            double[] b = new double[w];
            for (long i = 0; i < count; i += w) {
                int len = (int) Math.min(w, count - i);
                HostArrays.readWindow(xs, i, a, len);
                HostArrays.readWindow(rec, i, b, len);
                total += sumSq(a, b, len);
            }
        } finally {
            java.lang.ref.Reference.reachabilityFence(x);
        }
        return total;
    }

    /** Σ (a − b)² over the first {@code len} values. */
    private static double sumSq(double[] a, double[] b, int len) {
        double sum = 0;
        for (int i = 0; i < len; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    private INDArray rowsOf(int from, int n) {
        return from == 0 && n == rows ? x : x.get(NDArrayIndex.interval(from, from + n), NDArrayIndex.all());
    }

    private void checkRows(int from, int n) {
        if (from < 0 || n < 1 || (long) from + n > rows) {
            throw new IllegalArgumentException("rows [" + from + ", " + ((long) from + n) + ") are outside the block's "
                    + rows + " rows");
        }
    }

    /** The block's row {@code from} in host memory. */
    private Pointer at(int from) {
        long offset = (long) from * cols;
        return single ? new FloatPointer(base).position(offset) : new DoublePointer(base).position(offset);
    }

    /** {@code buffer} if it holds {@code n} values of the block's type, else a new buffer (the old one freed). */
    private Pointer room(Pointer buffer, long n) {
        if (buffer != null && buffer.capacity() >= n) {
            return buffer;
        }
        if (buffer != null) {
            buffer.close();
        }
        return single ? new FloatPointer(n) : new DoublePointer(n);
    }

    private Pointer put(Pointer buffer, double[] v, int n) {
        if (buffer instanceof FloatPointer fp) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = (float) v[i];
            }
            fp.position(0).put(f, 0, n);
        } else {
            ((DoublePointer) buffer).position(0).put(v, 0, n);
        }
        return buffer;
    }

    /** The first {@code n} values of a reused buffer, as doubles. */
    private static double[] read(Pointer buffer, int n) {
        double[] v = new double[n];
        HostArrays.readWindow(buffer.position(0), 0, v, n);
        return v;
    }

    /** C = op(A)·op(B), row-major, in the block's precision. */
    private void gemm(int transA, int transB, int m, int n, int k, Pointer a, int lda, Pointer b, int ldb, Pointer c, int ldc) {
        try {
            if (single) {
                openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, transA, transB, m, n, k, 1f, (FloatPointer) a,
                        lda, (FloatPointer) b, ldb, 0f, (FloatPointer) c, ldc);
            } else {
                openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, transA, transB, m, n, k, 1d, (DoublePointer) a,
                        lda, (DoublePointer) b, ldb, 0d, (DoublePointer) c, ldc);
            }
        } finally {
            java.lang.ref.Reference.reachabilityFence(x); // base points into x's buffer
        }
    }

    /** Frees the native buffers (and the double copy of a block of another type). */
    @Override
    public void close() {
        for (Pointer p : new Pointer[] {left, right, out}) {
            if (p != null) {
                p.close();
            }
        }
        left = null;
        right = null;
        out = null;
        if (x != source) {
            x.close();
        }
    }
}
