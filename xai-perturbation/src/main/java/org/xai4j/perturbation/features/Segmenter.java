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
    /**
     * The feature mask for {@code row} (shape without the batch axis); must not modify {@code row}.
     *
     * @param row one input row without its batch axis, e.g. C × H × W
     * @return a mask whose shape is the row shape or a trailing part of it (e.g. H × W)
     * @throws InvalidShapeException if the segmenter cannot handle the row's shape
     */
    FeatureMask segment(INDArray row);

    /**
     * A short description for provenance (e.g. {@code grid 4x4}).
     *
     * @return one line, the same for equal settings
     */
    String describe();

    /**
     * The same mask for every row.
     *
     * @param mask the mask every row gets; it must fit the rows' shape
     * @return a segmenter that ignores the row's values
     * @throws org.xai4j.core.InvalidConfigException if {@code mask} is null
     */
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

    /**
     * Every element of the row its own feature.
     *
     * @return a segmenter giving {@link FeatureMask#identity} of the row's shape
     */
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

    /**
     * A regular G×G grid over the last two axes (H×W) of the row; channels move together.
     *
     * @param cells G, the cells per side, ≥ 1 and at most the row's H and W
     * @return a segmenter giving {@link FeatureMask#grid(int, int, int)} of each row's H and W
     * @throws org.xai4j.core.InvalidConfigException if {@code cells < 1}
     */
    static Segmenter grid(int cells) {
        return grid(cells, cells);
    }

    /**
     * A regular grid of {@code rows}×{@code cols} cells over the last two axes (H×W) of the row.
     *
     * @param rows cells down the image, ≥ 1 and at most H
     * @param cols cells across the image, ≥ 1 and at most W
     * @return a segmenter giving {@link FeatureMask#grid(int, int, int, int)} of each row's H and W; it fails
     *         with {@link InvalidShapeException} on rows of rank below 2
     * @throws org.xai4j.core.InvalidConfigException if {@code rows} or {@code cols} is below 1
     */
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
