package org.xai4j.attribution;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Conversions between N×… batches and N×D double matrices, and per-row reductions. */
final class Rows {
    private Rows() {
    }

    /** The number of elements in one row. */
    static long rowLength(INDArray a) {
        return a.length() / a.size(0);
    }

    /** The bytes one row of {@code a} takes. */
    static long bytesPerRow(INDArray a) {
        return rowLength(a) * a.dataType().width();
    }

    /** A fresh N×D double copy of {@code a} in row-major order (never a view of it). */
    static INDArray doubleMatrix(INDArray a) {
        INDArray d = a.castTo(DataType.DOUBLE);
        // castTo returns the same array when the type already matches: copy so callers may modify the result.
        INDArray copy = d == a ? a.dup('c') : d.dup('c');
        return copy.reshape('c', a.size(0), rowLength(a));
    }

    /** The shape {@code rows × rowShape(of)}. */
    static long[] withRows(long rows, long[] shapeOfBatch) {
        long[] s = shapeOfBatch.clone();
        s[0] = rows;
        return s;
    }

    /** An M-element column vector. */
    static INDArray column(double[] v) {
        return Nd4j.create(v, new long[] {v.length, 1}, DataType.DOUBLE);
    }

    /** Rows {@code idx} of the matrix {@code m}, as a new array. */
    static INDArray pick(INDArray m, int[] idx) {
        return Nd4j.pullRows(m, 1, idx);
    }

    /**
     * Adds the rows of {@code values} (M×D) into {@code acc} (N×D): row j goes to row {@code rowOf[j]}.
     * Consecutive equal entries of {@code rowOf} are summed first, so the order of additions for one
     * target row depends only on how its own rows were split into blocks.
     */
    static void addInto(INDArray acc, INDArray values, int[] rowOf) {
        int m = rowOf.length;
        int a = 0;
        while (a < m) {
            int b = a + 1;
            while (b < m && rowOf[b] == rowOf[a]) {
                b++;
            }
            INDArray part = values.get(NDArrayIndex.interval(a, b), NDArrayIndex.all()).sum(0);
            acc.getRow(rowOf[a]).addi(part);
            a = b;
        }
    }

    /** Row-major flat doubles (a copy). */
    static double[] flat(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** Text form of a shape for messages. */
    static String shape(INDArray a) {
        return Arrays.toString(a.shape());
    }
}
