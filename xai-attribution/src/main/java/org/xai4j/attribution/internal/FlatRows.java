package org.xai4j.attribution.internal;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.HostArrays;

/**
 * Batches as flat row-major {@code double[]} matrices (N rows of D values). The methods build their model
 * inputs and accumulate results in plain Java loops over these: memory-bound work that costs far less than
 * the model calls, exact in double precision, and summed in a fixed order per row (so a row's result does not
 * depend on the batch it came in), without the per-op overhead of many small ND4J calls.
 */
public final class FlatRows {
    private FlatRows() {
    }

    /** The number of elements in one row. */
    public static int rowLength(INDArray a) {
        return Math.toIntExact(a.length() / a.size(0));
    }

    /** The bytes one row of {@code a} takes. */
    public static long bytesPerRow(INDArray a) {
        return (a.length() / a.size(0)) * a.dataType().width();
    }

    /** The shape {@code rows × (shapeOfBatch without its first axis)}. */
    public static long[] withRows(long rows, long[] shapeOfBatch) {
        long[] s = shapeOfBatch.clone();
        s[0] = rows;
        return s;
    }

    /** Text form of a shape for messages. */
    public static String shape(INDArray a) {
        return Arrays.toString(a.shape());
    }

    /** Rows {@code idx} of an N×… array, as a new array of the same type. */
    public static INDArray pick(INDArray a, int[] idx) {
        return HostArrays.array(pick(HostArrays.doubles(a), rowLength(a), idx), withRows(idx.length, a.shape()),
                a.dataType());
    }

    /** Rows {@code idx} of a flat matrix with rows of {@code d} values. */
    public static double[] pick(double[] m, int d, int[] idx) {
        double[] out = new double[idx.length * d];
        for (int j = 0; j < idx.length; j++) {
            System.arraycopy(m, idx[j] * d, out, j * d, d);
        }
        return out;
    }

    /** A stretch of one row's values inside a window of a flat matrix (see {@link #forEachRun}). */
    @FunctionalInterface
    public interface Run {
        /**
         * Values [e, e + count) of row j lie at [at, at + count) of the window.
         *
         * @param j     the row
         * @param e     the first value's index within the row
         * @param at    where that value lies in the window
         * @param count how many values of the row the window holds from there
         */
        void on(int j, int e, int at, int count);
    }

    /**
     * Cuts a window of {@code length} values, starting at row-major index {@code first} of a matrix with rows of
     * {@code d} values, into runs that each lie within one row, in order (e.g. a window of
     * {@link HostArrays#forEachWindow}).
     */
    public static void forEachRun(long first, int length, int d, Run run) {
        int j = (int) (first / d);
        int e = (int) (first % d);
        for (int at = 0; at < length; ) {
            int count = Math.min(d - e, length - at);
            run.on(j, e, at, count);
            at += count;
            j++;
            e = 0;
        }
    }
}
