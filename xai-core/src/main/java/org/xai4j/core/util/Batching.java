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
        public int size() {
            return to - from;
        }
    }

    /** The consecutive ranges of at most {@code rowsPerBatch} rows that cover 0..n-1. */
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

    /** The ranges for {@code n} rows of {@code bytesPerRow} bytes each under {@code policy}. */
    public static List<Range> ranges(long n, long bytesPerRow, BatchPolicy policy) {
        return ranges(n, policy.rowsPerBatch(bytesPerRow));
    }

    /** Rows [from, to) of {@code array} as a view. */
    public static INDArray rows(INDArray array, int from, int to) {
        INDArrayIndex[] idx = new INDArrayIndex[array.rank()];
        idx[0] = NDArrayIndex.interval(from, to);
        for (int i = 1; i < idx.length; i++) {
            idx[i] = NDArrayIndex.all();
        }
        return array.get(idx);
    }

    /**
     * Applies {@code fn} to consecutive row blocks of {@code input} (at most {@code rowsPerBatch} rows)
     * and concatenates the outputs along the first axis. Each output must have as many rows as its block.
     */
    public static INDArray map(INDArray input, int rowsPerBatch, UnaryOperator<INDArray> fn) {
        return map(input, rowsPerBatch, (block, range) -> fn.apply(block));
    }

    /** As {@link #map(INDArray, int, UnaryOperator)}, with the block's row range passed along. */
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
