package org.xai4j.core.util;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.XaiException;

/**
 * Splits work along the first axis and puts the results back together in order.
 */
public final class Batching {
    private Batching() {
    }

    /** A half-open row range [from, to). */
    public record Range(int from, int to) {
        /**
         * The number of rows in the range.
         *
         * @return {@code to − from}
         */
        public int size() {
            return to - from;
        }
    }

    /**
     * The consecutive ranges of at most {@code rowsPerBatch} rows that cover 0..n-1.
     *
     * @param n the number of rows
     * @param rowsPerBatch the most rows per range, at least 1
     * @return the ranges in order; empty for n = 0
     * @throws XaiException if {@code rowsPerBatch} is below 1
     */
    public static List<Range> ranges(long n, int rowsPerBatch) {
        if (rowsPerBatch < 1) {
            throw new XaiException("rowsPerBatch must be at least 1 but was " + rowsPerBatch);
        }
        List<Range> out = new ArrayList<>();
        int total = Math.toIntExact(n);
        for (int from = 0; from < total; from += rowsPerBatch) {
            out.add(new Range(from, Math.min(total, from + rowsPerBatch)));
        }
        return out;
    }

    /**
     * The ranges for {@code n} rows of {@code bytesPerRow} bytes each under {@code policy}.
     *
     * @param n the number of rows
     * @param bytesPerRow the working memory one row needs, in bytes
     * @param policy the row and memory bounds
     * @return the ranges in order
     */
    public static List<Range> ranges(long n, long bytesPerRow, BatchPolicy policy) {
        return ranges(n, policy.rowsPerBatch(bytesPerRow));
    }

    /**
     * Rows [from, to) of {@code array} as a view.
     *
     * @param array an array with at least {@code to} rows
     * @param from the first row, inclusive
     * @param to the last row, exclusive
     * @return a view sharing {@code array}'s memory, {@code to − from} rows
     */
    public static INDArray rows(INDArray array, int from, int to) {
        INDArrayIndex[] idx = new INDArrayIndex[array.rank()];
        idx[0] = NDArrayIndex.interval(from, to);
        for (int i = 1; i < idx.length; i++) {
            idx[i] = NDArrayIndex.all();
        }
        INDArray view = array.get(idx);
        long[] shape = array.shape().clone();
        shape[0] = to - from;
        if (view.rank() == shape.length && java.util.Arrays.equals(view.shape(), shape)) {
            return view;
        }
        // ND4J 1.0.0-M2.1's get() gives shape [] for some row intervals of an offset view (rows [1, 3) of a batch,
        // then row 1 of those): build the view from the buffer, offset and strides instead.
        return Nd4j.create(array.data(), shape, array.stride(), array.offset() + from * array.stride(0), array.ordering());
    }

    /**
     * Applies {@code fn} to consecutive row blocks of {@code input} (at most {@code rowsPerBatch} rows)
     * and concatenates the outputs along the first axis. Each output must have as many rows as its block.
     *
     * @param input the rows (not modified)
     * @param rowsPerBatch the most rows per block, at least 1
     * @param fn the function applied to each block
     * @return the concatenated outputs, one row per input row
     */
    public static INDArray map(INDArray input, int rowsPerBatch, UnaryOperator<INDArray> fn) {
        return map(input, rowsPerBatch, (block, range) -> fn.apply(block));
    }

    /**
     * As {@link #map(INDArray, int, UnaryOperator)}, with the block's row range passed along.
     *
     * @param input the rows (not modified)
     * @param rowsPerBatch the most rows per block, at least 1
     * @param fn the function applied to each block and its range
     * @return the concatenated outputs, one row per input row
     */
    public static INDArray map(INDArray input, int rowsPerBatch, BiFunction<INDArray, Range, INDArray> fn) {
        long n = input.size(0);
        if (n <= rowsPerBatch) {
            return checked(fn.apply(input, new Range(0, (int) n)), n);
        }
        List<INDArray> parts = new ArrayList<>();
        for (Range r : ranges(n, rowsPerBatch)) {
            parts.add(checked(fn.apply(rows(input, r.from(), r.to()), r), r.size()));
        }
        return Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    private static INDArray checked(INDArray out, long rows) {
        if (out == null || out.rank() == 0 || out.size(0) != rows) {
            throw new XaiException("a batch of " + rows + " rows produced "
                    + (out == null ? "null" : "shape " + java.util.Arrays.toString(out.shape())));
        }
        return out;
    }
}
