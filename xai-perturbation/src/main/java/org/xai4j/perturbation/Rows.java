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

    /** A private copy of row {@code i} (shape 1×…). */
    public static INDArray row(INDArray input, int i) {
        return Batching.rows(input, i, i + 1).dup('c');
    }

    /** The shape of one row (all axes but the first). */
    public static long[] rowShape(INDArray input) {
        return Arrays.copyOfRange(input.shape(), 1, input.rank());
    }

    /**
     * The single reference row for {@code row} (1×…): the baseline's reference, drawn with a generator
     * seeded by {@code seed} so that a row gives the same reference alone or in a batch.
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
     */
    public static INDArray references(Baseline baseline, INDArray row, long seed) {
        if (baseline instanceof BackgroundBaseline bg) {
            INDArray s = bg.samples();
            Checks.requireSameRowShape(row, "input", s, "background set");
            return s.castTo(row.dataType());
        }
        return reference(baseline, row, seed);
    }

    /** Every row's feature mask, each checked against the row shape before any model call. */
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

    /** Stacks per-row arrays (each of the row shape) into N×… of {@code type}. */
    public static INDArray stack(List<INDArray> rows, long[] rowShape, DataType type) {
        List<double[]> values = new ArrayList<>(rows.size());
        for (INDArray r : rows) {
            values.add(HostArrays.doubles(r));
        }
        return stackValues(values, rowShape, type);
    }

    /** Stacks per-row values (each row-major, of the row shape) into N×… of {@code type}. */
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
