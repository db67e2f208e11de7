package org.xai4j.viz.image;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.Checks;

/**
 * An H×W map of non-negative integer segment labels (superpixels, LIME/SHAP features, grid cells),
 * row-major, owned by this object.
 */
public final class SegmentMap {
    private final int height;
    private final int width;
    private final int[] labels;
    private final int count;

    private SegmentMap(int height, int width, int[] labels) {
        if (height < 1 || width < 1 || labels.length != height * width) {
            throw new InvalidShapeException("a " + height + "×" + width + " segment map needs " + (long) height * width
                    + " labels but got " + labels.length);
        }
        int max = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new InvalidShapeException("segment labels must be ≥ 0 but (row " + i / width + ", column "
                        + i % width + ") holds " + labels[i]);
            }
            max = Math.max(max, labels[i]);
        }
        this.height = height;
        this.width = width;
        this.labels = labels;
        this.count = max + 1;
    }

    /**
     * A map from row-major labels (copied).
     *
     * @param height H, at least 1
     * @param width  W, at least 1
     * @param labels H·W labels, row-major, each ≥ 0
     * @return the map
     * @throws org.xai4j.core.InvalidShapeException if {@code labels} is null, its length is not H·W or a label is
     *                                              negative
     */
    public static SegmentMap of(int height, int width, int[] labels) {
        if (labels == null) {
            throw new InvalidShapeException("segment labels must not be null");
        }
        return new SegmentMap(height, width, labels.clone());
    }

    /**
     * A map from rows of equal length (copied).
     *
     * @param rows H rows of W labels each, each label ≥ 0
     * @return the map
     * @throws org.xai4j.core.InvalidShapeException if there are no rows or columns, rows differ in length or a label is
     *                                              negative
     */
    public static SegmentMap of(int[][] rows) {
        if (rows == null || rows.length == 0 || rows[0] == null || rows[0].length == 0) {
            throw new InvalidShapeException("a segment map needs at least one row and one column");
        }
        int w = rows[0].length;
        int[] l = new int[rows.length * w];
        for (int y = 0; y < rows.length; y++) {
            if (rows[y] == null || rows[y].length != w) {
                throw new InvalidShapeException("segment row " + y + " has " + (rows[y] == null ? 0 : rows[y].length)
                        + " labels but row 0 has " + w);
            }
            System.arraycopy(rows[y], 0, l, y * w, w);
        }
        return new SegmentMap(rows.length, w, l);
    }

    /**
     * A map from an H×W (or 1×H×W, 1×1×H×W) array of integral values, e.g. a LIME segmentation or a
     * feature mask. A C×H×W feature mask whose channels agree can be passed as its first channel.
     *
     * @param labels the labels, integral and ≥ 0, of shape [H, W], [1, H, W] or [1, 1, H, W]
     * @return the map
     * @throws org.xai4j.core.InvalidShapeException if the shape is another, or a value is not a non-negative integer
     */
    public static SegmentMap of(INDArray labels) {
        Checks.requireArray(labels, "segments");
        long[] s = labels.shape();
        boolean ok = s.length >= 2 && s.length <= 4;
        for (int i = 0; ok && i < s.length - 2; i++) {
            ok = s[i] == 1;
        }
        if (!ok) {
            throw new InvalidShapeException("segments: expected shape [H, W], [1, H, W] or [1, 1, H, W] but got "
                    + Arrays.toString(s));
        }
        double[] v = org.xai4j.core.util.HostArrays.doubles(labels);
        int[] l = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || Math.abs(v[i]) > Integer.MAX_VALUE) {
                throw new InvalidShapeException("segments must hold integers but position " + i + " holds " + v[i]);
            }
            l[i] = (int) v[i];
        }
        return new SegmentMap((int) s[s.length - 2], (int) s[s.length - 1], l);
    }

    /**
     * The map's height.
     *
     * @return H, in pixels
     */
    public int height() {
        return height;
    }

    /**
     * The map's width.
     *
     * @return W, in pixels
     */
    public int width() {
        return width;
    }

    /**
     * One more than the largest label.
     *
     * @return the number of labels 0 … max (labels need not all occur)
     */
    public int labelCount() {
        return count;
    }

    /**
     * The label at row {@code y}, column {@code x}.
     *
     * @param y the row, 0 ≤ y &lt; H
     * @param x the column, 0 ≤ x &lt; W
     * @return the label there
     * @throws ArrayIndexOutOfBoundsException if the position lies outside the map's pixels
     */
    public int label(int y, int x) {
        return labels[y * width + x];
    }

    /**
     * A row-major copy of the labels.
     *
     * @return H·W labels; changing them changes nothing here
     */
    public int[] toArray() {
        return labels.clone();
    }

    /**
     * Thin boundary pixels, row-major: a pixel is marked when its right or lower neighbour has another
     * label, so each edge between two segments is one pixel wide (drawn on the upper/left side).
     *
     * @return H·W flags, row-major
     */
    public boolean[] thinBoundaries() {
        boolean[] b = new boolean[labels.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                b[i] = x < width - 1 && labels[i + 1] != labels[i] || y < height - 1 && labels[i + width] != labels[i];
            }
        }
        return b;
    }

    /**
     * Boundary pixels, row-major: a pixel is on a boundary when one of its four neighbours inside the
     * image has another label, so both sides of an edge are marked (scikit-image's
     * {@code find_boundaries(mode="thick")}).
     *
     * @return H·W flags, row-major
     */
    public boolean[] boundaries() {
        boolean[] b = new boolean[labels.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int l = labels[i];
                b[i] = x > 0 && labels[i - 1] != l || x < width - 1 && labels[i + 1] != l
                        || y > 0 && labels[i - width] != l || y < height - 1 && labels[i + width] != l;
            }
        }
        return b;
    }
}
