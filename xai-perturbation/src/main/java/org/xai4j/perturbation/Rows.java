package org.xai4j.perturbation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.baseline.BackgroundBaseline;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.Rng;
import org.xai4j.perturbation.features.FeatureMask;
import org.xai4j.perturbation.features.Segmenter;

/** Row-level helpers shared by the perturbation explainers. */
public final class Rows {
    private Rows() {
    }

    /**
     * A private copy of row {@code i} (shape 1×…).
     *
     * @param input a batch, N × (row shape)
     * @param i     the row, in [0, N)
     * @return a new C-ordered array of shape 1 × (row shape)
     */
    public static INDArray row(INDArray input, int i) {
        return Batching.rows(input, i, i + 1).dup('c');
    }

    /**
     * The shape of one row (all axes but the first).
     *
     * @param input a batch of rank ≥ 1
     * @return a new array of {@code input.rank() - 1} sizes, e.g. {C, H, W} for N × C × H × W
     */
    public static long[] rowShape(INDArray input) {
        return Arrays.copyOfRange(input.shape(), 1, input.rank());
    }

    /**
     * The single reference row for {@code row} (1×…): the baseline's reference, drawn with a generator
     * seeded by {@code seed} so that a row gives the same reference alone or in a batch.
     *
     * @param baseline the baseline that defines the reference
     * @param row      one input row, 1 × (row shape)
     * @param seed     the seed of the generator a random baseline draws from
     * @return the reference, of {@code row}'s shape and data type
     * @throws InvalidShapeException if the baseline gives null or another shape
     * @throws org.xai4j.core.NonFiniteValueException if the reference holds NaN or an infinity
     */
    public static INDArray reference(Baseline baseline, INDArray row, long seed) {
        INDArray r = baseline.referenceFor(row, Rng.seeded(seed));
        if (r == null || !Arrays.equals(r.shape(), row.shape())) {
            throw new InvalidShapeException("baseline '" + baseline.describe() + "' gave shape "
                    + (r == null ? "null" : Arrays.toString(r.shape())) + " for an input row of shape "
                    + Arrays.toString(row.shape()));
        }
        Checks.requireFinite(r, "baseline '" + baseline.describe() + "'");
        return r.dataType() == row.dataType() ? r : r.castTo(row.dataType());
    }

    /**
     * The reference rows (B×…) that stand for "feature absent": every row of a background set (whose
     * values are averaged, as in SHAP), otherwise the single {@link #reference}.
     *
     * @param baseline the baseline; a {@link BackgroundBaseline} gives all its rows
     * @param row      one input row, 1 × (row shape)
     * @param seed     the seed of the generator a random single-reference baseline draws from
     * @return B × (row shape) in {@code row}'s data type (B = 1 unless the baseline is a background set)
     * @throws InvalidShapeException if the background set's or the reference's row shape differs from the input's
     */
    public static INDArray references(Baseline baseline, INDArray row, long seed) {
        if (baseline instanceof BackgroundBaseline bg) {
            INDArray s = bg.samples();
            Checks.requireSameRowShape(row, "input", s, "background set");
            return s.castTo(row.dataType());
        }
        return reference(baseline, row, seed);
    }

    /**
     * Every row's feature mask, each checked against the row shape before any model call.
     *
     * @param segmenter splits a row into features
     * @param input     the batch, N × (row shape)
     * @return N masks, mask i for row i, each expandable to the row shape
     * @throws org.xai4j.core.InvalidConfigException if {@code segmenter} is null
     * @throws InvalidShapeException if the segmenter gives no mask for a row, or one that does not fit the row shape
     */
    public static FeatureMask[] masks(Segmenter segmenter, INDArray input) {
        Checks.requireNonNull(segmenter, "segmenter");
        long[] rowShape = rowShape(input);
        FeatureMask[] masks = new FeatureMask[(int) input.size(0)];
        for (int i = 0; i < masks.length; i++) {
            INDArray r = row(input, i).reshape(rowShape);
            FeatureMask m = segmenter.segment(r);
            if (m == null) {
                throw new InvalidShapeException("segmenter '" + segmenter.describe() + "' gave no feature mask for row " + i);
            }
            m.expandTo(rowShape);
            masks[i] = m;
        }
        return masks;
    }

    /**
     * Stacks per-row arrays (each of the row shape) into N×… of {@code type}.
     *
     * @param rows     N arrays, each with as many elements as the row shape
     * @param rowShape the shape of one row
     * @param type     the data type of the result
     * @return a new array, N × (row shape)
     * @throws InvalidShapeException if a row has the wrong number of elements
     */
    public static INDArray stack(List<INDArray> rows, long[] rowShape, DataType type) {
        List<double[]> values = new ArrayList<>(rows.size());
        for (INDArray r : rows) {
            values.add(HostArrays.doubles(r));
        }
        return stackValues(values, rowShape, type);
    }

    /**
     * Stacks per-row values (each row-major, of the row shape) into N×… of {@code type}.
     *
     * @param rows     N arrays of row-major values, each with as many elements as the row shape
     * @param rowShape the shape of one row
     * @param type     the data type of the result
     * @return a new array, N × (row shape)
     * @throws InvalidShapeException if a row has the wrong number of elements
     */
    public static INDArray stackValues(List<double[]> rows, long[] rowShape, DataType type) {
        long[] shape = new long[rowShape.length + 1];
        shape[0] = rows.size();
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        int len = 1;
        for (long d : rowShape) {
            len = Math.multiplyExact(len, (int) d);
        }
        double[] flat = new double[Math.multiplyExact(len, rows.size())];
        for (int i = 0; i < rows.size(); i++) {
            double[] r = rows.get(i);
            if (r.length != len) {
                throw new InvalidShapeException("row " + i + " has " + r.length + " elements, expected " + len);
            }
            System.arraycopy(r, 0, flat, i * len, len);
        }
        return HostArrays.array(flat, shape, type);
    }
}
