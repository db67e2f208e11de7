package org.xai4j.core.baseline;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.Rng;

/**
 * A set of reference rows (B×…). As a single reference it is the set's mean; sampling methods read
 * {@link #samples()}. The rows are copied when the baseline is made.
 */
public final class BackgroundBaseline implements Baseline {
    private final INDArray samples;

    BackgroundBaseline(INDArray samples) {
        if (samples == null || samples.isEmpty() || samples.rank() < 2 || samples.size(0) < 1) {
            throw new InvalidConfigException("a background set needs at least one row (shape B×…) but got "
                    + (samples == null ? "null" : "shape " + Arrays.toString(samples.shape())));
        }
        Checks.requireFinite(samples, "background set");
        this.samples = samples.dup();
    }

    /**
     * A copy of the reference rows.
     *
     * @return a new B×… array
     */
    public INDArray samples() {
        return samples.dup();
    }

    /**
     * The reference rows' values, read in place (no copy of the rows is made first).
     *
     * @return a new array of B × (values per row) doubles, row-major
     */
    public double[] doubles() {
        return HostArrays.doubles(samples);
    }

    /**
     * Fails unless {@code input}'s rows have the shape of the reference rows.
     *
     * @param input an input array (N×…)
     * @param name  what to call {@code input} in the message, as the user typed it
     * @throws InvalidShapeException naming both shapes when the row shapes differ
     */
    public void requireSameRowShape(INDArray input, String name) {
        Checks.requireSameRowShape(input, name, samples, "background set");
    }

    /**
     * The number of reference rows.
     *
     * @return B, at least 1
     */
    public int size() {
        return (int) samples.size(0);
    }

    @Override
    public INDArray referenceFor(INDArray input, Rng rng) {
        Checks.requireArray(input, "input");
        long[] row = Arrays.copyOfRange(input.shape(), 1, input.rank());
        long[] bgRow = Arrays.copyOfRange(samples.shape(), 1, samples.rank());
        if (!Arrays.equals(row, bgRow)) {
            throw new InvalidShapeException("background rows have shape " + Arrays.toString(bgRow)
                    + " but input rows have shape " + Arrays.toString(row));
        }
        INDArray mean = samples.mean(0).castTo(input.dataType());
        return mean.reshape(prepend(1, row)).repeat(0, input.size(0));
    }

    private static long[] prepend(long first, long[] rest) {
        long[] s = new long[rest.length + 1];
        s[0] = first;
        System.arraycopy(rest, 0, s, 1, rest.length);
        return s;
    }

    @Override
    public String describe() {
        return "background of " + samples.size(0) + " rows";
    }
}
