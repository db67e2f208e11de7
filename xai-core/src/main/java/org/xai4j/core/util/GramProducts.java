package org.xai4j.core.util;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Accumulates Gram matrices XᵀX of row blocks into a double-precision C × C sum: the first pass of a streamed
 * factorisation (NMF's NNDSVD initialisation reads VᵀV block by block). On ND4J's CPU backend with OpenBLAS's Java
 * bindings present, the product is one symmetric rank-k update ({@code ?syrk}: half the multiplications of a
 * general product, measured at 8192 × 512 float, one thread: 48 ms against 82 ms for {@code Xᵀ.mmul(X)}); otherwise
 * it is ND4J's general product. Either way the block's own precision is used for the product (float blocks in float,
 * as scikit-learn does with float32 data) and the sum over blocks is kept in double.
 */
public final class GramProducts {
    private static final boolean SYRK = detect();

    private GramProducts() {
    }

    /**
     * Adds {@code blockᵀ·block} to {@code gram}.
     *
     * @param block rows × C, float or double (other types are multiplied in double)
     * @param gram  C × C row-major, updated in place
     */
    public static void addTo(INDArray block, double[] gram) {
        if (block.rank() != 2) {
            throw new IllegalArgumentException("a Gram product needs a rows × C block but got rank " + block.rank());
        }
        int c = Math.toIntExact(block.size(1));
        if (gram.length != (long) c * c) {
            throw new IllegalArgumentException("the Gram sum has " + gram.length + " entries but C × C = " + (long) c * c);
        }
        DataType t = block.dataType();
        INDArray x = t == DataType.FLOAT || t == DataType.DOUBLE ? block : block.castTo(DataType.DOUBLE);
        try {
            if (SYRK && x.size(0) <= Integer.MAX_VALUE) {
                syrk(x, c, gram);
            } else {
                general(x, gram);
            }
        } finally {
            if (x != block) {
                x.close();
            }
        }
    }

    private static void syrk(INDArray block, int c, double[] gram) {
        // the block in place when its values lie contiguously (a whole array or a range of rows), else a row-major copy
        INDArray x = HostArrays.contiguousHostPointer(block) != null ? block : block.dup('c');
        int rows = (int) x.size(0);
        try {
            if (x.dataType() == DataType.FLOAT) {
                float[] upper = new float[c * c];
                try (FloatPointer out = new FloatPointer((long) c * c)) {
                    openblas_nolapack.cblas_ssyrk(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasUpper,
                            openblas_nolapack.CblasTrans, c, rows, 1f, (FloatPointer) HostArrays.contiguousHostPointer(x), c, 0f,
                            out, c);
                    out.get(upper);
                }
                for (int i = 0; i < c; i++) {
                    for (int j = i; j < c; j++) {
                        double v = upper[i * c + j];
                        gram[i * c + j] += v;
                        if (j != i) {
                            gram[j * c + i] += v;
                        }
                    }
                }
            } else {
                double[] upper = new double[c * c];
                try (DoublePointer out = new DoublePointer((long) c * c)) {
                    openblas_nolapack.cblas_dsyrk(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasUpper,
                            openblas_nolapack.CblasTrans, c, rows, 1d, (DoublePointer) HostArrays.contiguousHostPointer(x), c, 0d,
                            out, c);
                    out.get(upper);
                }
                for (int i = 0; i < c; i++) {
                    for (int j = i; j < c; j++) {
                        double v = upper[i * c + j];
                        gram[i * c + j] += v;
                        if (j != i) {
                            gram[j * c + i] += v;
                        }
                    }
                }
            }
        } finally {
            if (x != block) {
                x.close();
            }
        }
    }

    private static void general(INDArray x, double[] gram) {
        INDArray part = x.transpose().mmul(x);
        double[] values = HostArrays.doubles(part);
        part.close();
        for (int i = 0; i < values.length; i++) {
            gram[i] += values[i];
        }
    }

    /** Whether the symmetric update runs (ND4J's CPU backend with OpenBLAS's bindings on the class path). */
    static boolean usesSyrk() {
        return SYRK;
    }

    private static boolean detect() {
        try {
            if (Nd4j.getExecutioner().type() != OpExecutioner.ExecutionerType.NATIVE_CPU) {
                return false;
            }
            Class.forName("org.bytedeco.openblas.global.openblas_nolapack");
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
