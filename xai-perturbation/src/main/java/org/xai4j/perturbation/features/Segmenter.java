package org.xai4j.perturbation.features;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.Checks;

/**
 * Makes the {@link FeatureMask} for one input row (the row without its batch axis, e.g. C×H×W). Image
 * explainers call it once per row, before any model call, so a mask that does not fit fails early.
 */
public interface Segmenter extends org.xai4j.core.Describable {
    /** The feature mask for {@code row} (shape without the batch axis); must not modify {@code row}. */
    FeatureMask segment(INDArray row);

    /** A short description for provenance (e.g. {@code grid 4x4}). */
    String describe();

    /** The same mask for every row. */
    static Segmenter fixed(FeatureMask mask) {
        Checks.requireNonNull(mask, "feature mask");
        return new Segmenter() {
            @Override
            public FeatureMask segment(INDArray row) {
                return mask;
            }

            @Override
            public String describe() {
                return "fixed " + mask.describe();
            }
        };
    }

    /** Every element of the row its own feature. */
    static Segmenter perElement() {
        return new Segmenter() {
            @Override
            public FeatureMask segment(INDArray row) {
                return FeatureMask.identity(row.shape());
            }

            @Override
            public String describe() {
                return "per element";
            }
        };
    }

    /** A regular G×G grid over the last two axes (H×W) of the row; channels move together. */
    static Segmenter grid(int cells) {
        return grid(cells, cells);
    }

    /** A regular grid of {@code rows}×{@code cols} cells over the last two axes (H×W) of the row. */
    static Segmenter grid(int rows, int cols) {
        Checks.requireAtLeast(rows, 1, "grid rows");
        Checks.requireAtLeast(cols, 1, "grid columns");
        return new Segmenter() {
            @Override
            public FeatureMask segment(INDArray row) {
                long[] s = row.shape();
                if (s.length < 2) {
                    throw new InvalidShapeException("a grid needs rows of rank ≥ 2 (…×H×W) but got row shape "
                            + Arrays.toString(s));
                }
                return FeatureMask.grid((int) s[s.length - 2], (int) s[s.length - 1], rows, cols);
            }

            @Override
            public String describe() {
                return "grid " + rows + "x" + cols;
            }
        };
    }
}
