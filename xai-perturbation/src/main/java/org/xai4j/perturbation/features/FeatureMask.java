package org.xai4j.perturbation.features;

import java.util.Arrays;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;

/**
 * A partition of one input row's elements into features (Captum's {@code feature_mask}, lime's
 * {@code segments}): an integer label per position of a mask shape. Labels are stored compacted to
 * 0..F−1 in ascending order of the labels given.
 *
 * <p>The mask shape must equal the row shape, or a trailing part of it: an H×W mask applied to a C×H×W
 * row puts all channels of a pixel in the pixel's feature (leading axes of size 1 in the mask are
 * ignored). Immutable.
 */
public final class FeatureMask {
    private final int[] labels;
    private final long[] shape;
    private final int numFeatures;
    private final int[] originalIds;

    private FeatureMask(int[] labels, long[] shape, int numFeatures, int[] originalIds) {
        this.labels = labels;
        this.shape = shape;
        this.numFeatures = numFeatures;
        this.originalIds = originalIds;
    }

    /**
     * A mask from non-negative integer labels laid out row-major over {@code shape}; labels need not be
     * contiguous (they are compacted in ascending order).
     *
     * @param labels one label ≥ 0 per position, row-major; copied
     * @param shape  the mask's shape, e.g. {H, W}; every size ≥ 1 and their product equal to {@code labels.length}
     * @return the mask
     * @throws InvalidShapeException if {@code labels} is null or empty, {@code shape} is null, empty, holds a size
     *                               below 1 or does not match the number of labels
     * @throws InvalidConfigException if a label is negative (the message names its position)
     */
    public static FeatureMask of(int[] labels, long... shape) {
        if (labels == null || labels.length == 0) {
            throw new InvalidShapeException("feature mask is empty: it needs at least one element");
        }
        if (shape == null || shape.length == 0) {
            throw new InvalidShapeException("feature mask needs a shape of rank ≥ 1");
        }
        long n = 1;
        for (long s : shape) {
            if (s < 1) {
                throw new InvalidShapeException("feature mask is empty: shape " + Arrays.toString(shape));
            }
            n *= s;
        }
        if (n != labels.length) {
            throw new InvalidShapeException("feature mask has " + labels.length + " labels but shape "
                    + Arrays.toString(shape) + " needs " + n);
        }
        TreeMap<Integer, Integer> ids = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new InvalidConfigException("feature mask labels must be ≥ 0 but position "
                        + Arrays.toString(unravel(i, shape)) + " holds " + labels[i]);
            }
            ids.put(labels[i], 0);
        }
        int[] original = new int[ids.size()];
        int next = 0;
        for (var e : ids.entrySet()) {
            original[next] = e.getKey();
            e.setValue(next++);
        }
        int[] compact = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            compact[i] = ids.get(labels[i]);
        }
        return new FeatureMask(compact, shape.clone(), original.length, original);
    }

    /**
     * A mask from an integer-valued array (any numeric type; values must be whole numbers ≥ 0).
     *
     * @param labels the labels in the mask's shape (a scalar is read as shape {1})
     * @return the mask, of {@code labels}' shape
     * @throws InvalidShapeException if {@code labels} is null or empty
     * @throws NonFiniteValueException if a value is NaN or infinite
     * @throws InvalidConfigException if a value is not a whole number or is negative
     */
    public static FeatureMask of(INDArray labels) {
        if (labels == null || labels.isEmpty() || labels.length() == 0) {
            throw new InvalidShapeException("feature mask is empty: "
                    + (labels == null ? "null" : "shape " + Arrays.toString(labels.shape())));
        }
        double[] v = org.xai4j.core.util.HostArrays.doubles(labels);
        int[] l = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new NonFiniteValueException("feature mask holds " + v[i] + " at flat index " + i);
            }
            if (v[i] != Math.rint(v[i])) {
                throw new InvalidConfigException("feature mask labels must be whole numbers but flat index " + i
                        + " holds " + v[i]);
            }
            l[i] = (int) v[i];
        }
        long[] shape = labels.rank() == 0 ? new long[] {1} : labels.shape();
        return of(l, shape);
    }

    /**
     * Every element of a row of this shape its own feature (Captum's default for feature ablation).
     *
     * @param shape the row shape, every size ≥ 1
     * @return a mask whose feature i is flat position i (row-major)
     * @throws InvalidShapeException if {@code shape} is null, empty or holds a size below 1
     */
    public static FeatureMask identity(long... shape) {
        if (shape == null || shape.length == 0) {
            throw new InvalidShapeException("feature mask needs a shape of rank ≥ 1");
        }
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (n < 1) {
            throw new InvalidShapeException("feature mask is empty: shape " + Arrays.toString(shape));
        }
        int[] l = new int[Math.toIntExact(n)];
        for (int i = 0; i < l.length; i++) {
            l[i] = i;
        }
        return new FeatureMask(l, shape.clone(), l.length, l.clone());
    }

    /**
     * A regular grid of G×G cells over an H×W image (see {@link #grid(int, int, int, int)}).
     *
     * @param height the image height H in pixels, ≥ 1
     * @param width  the image width W in pixels, ≥ 1
     * @param cells  G, the cells per side, in [1, min(H, W)]
     * @return an H × W mask of G² features
     * @throws InvalidShapeException if H or W is below 1
     * @throws InvalidConfigException if G does not fit the image
     */
    public static FeatureMask grid(int height, int width, int cells) {
        return grid(height, width, cells, cells);
    }

    /**
     * A regular grid of {@code rows}×{@code cols} cells over an H×W image, numbered row-major. Pixel (y, x)
     * lies in cell (⌊y·rows/H⌋, ⌊x·cols/W⌋): the cells are equal when the sizes divide, otherwise they
     * differ by at most one pixel.
     *
     * @param height the image height H in pixels, ≥ 1
     * @param width  the image width W in pixels, ≥ 1
     * @param rows   cells down the image, in [1, H]
     * @param cols   cells across the image, in [1, W]
     * @return an H × W mask of rows × cols features
     * @throws InvalidShapeException if H or W is below 1
     * @throws InvalidConfigException if {@code rows} or {@code cols} does not fit the image
     */
    public static FeatureMask grid(int height, int width, int rows, int cols) {
        if (height < 1 || width < 1) {
            throw new InvalidShapeException("a grid needs an image of at least 1×1 but got " + height + "×" + width);
        }
        if (rows < 1 || cols < 1 || rows > height || cols > width) {
            throw new InvalidConfigException("a grid of " + rows + "×" + cols + " cells does not fit a " + height + "×"
                    + width + " image (each side needs 1..image size cells)");
        }
        int[] l = new int[height * width];
        for (int y = 0; y < height; y++) {
            int cy = (int) ((long) y * rows / height);
            for (int x = 0; x < width; x++) {
                l[y * width + x] = cy * cols + (int) ((long) x * cols / width);
            }
        }
        int[] ids = new int[rows * cols];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        return new FeatureMask(l, new long[] {height, width}, ids.length, ids);
    }

    /**
     * The number of features.
     *
     * @return F, the number of distinct labels, ≥ 1
     */
    public int numFeatures() {
        return numFeatures;
    }

    /**
     * The mask's shape.
     *
     * @return a copy of the shape given (or {H, W} for a grid)
     */
    public long[] shape() {
        return shape.clone();
    }

    /**
     * The number of positions in the mask.
     *
     * @return the product of the shape's sizes
     */
    public int size() {
        return labels.length;
    }

    /**
     * The compacted label of flat position {@code i}.
     *
     * @param i a row-major position, in [0, {@link #size()})
     * @return the feature, in 0..F−1
     * @throws ArrayIndexOutOfBoundsException if {@code i} is out of range
     */
    public int label(int i) {
        return labels[i];
    }

    /**
     * The compacted labels.
     *
     * @return a copy, row-major, each in 0..F−1
     */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * The label given for each compacted feature (before compaction).
     *
     * @return a copy of F labels, ascending: element f is the label that feature f had when the mask was made
     */
    public int[] originalIds() {
        return originalIds.clone();
    }

    /**
     * How many mask positions each feature covers.
     *
     * @return F counts, each ≥ 1, summing to {@link #size()}
     */
    public int[] featureSizes() {
        int[] s = new int[numFeatures];
        for (int l : labels) {
            s[l]++;
        }
        return s;
    }

    /**
     * The compacted labels as an array.
     *
     * @return a new INT32 array of the mask's shape
     */
    public INDArray toArray() {
        return Nd4j.createFromArray(labels.clone()).reshape(shape);
    }

    /**
     * A 0/1 array of the mask's shape marking the positions of the given features.
     *
     * @param features compacted features, each in 0..F−1 (repeats allowed)
     * @return a new DOUBLE array of the mask's shape: 1 where the position's feature is listed, 0 elsewhere
     * @throws InvalidConfigException if a feature is out of range
     */
    public INDArray indicator(int... features) {
        boolean[] on = new boolean[numFeatures];
        for (int f : features) {
            if (f < 0 || f >= numFeatures) {
                throw new InvalidConfigException("feature " + f + " is outside 0.." + (numFeatures - 1));
            }
            on[f] = true;
        }
        double[] v = new double[labels.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = on[labels[i]] ? 1.0 : 0.0;
        }
        return Nd4j.create(v, shape.clone(), DataType.DOUBLE);
    }

    /**
     * Checks that this mask fits rows of {@code rowShape} and returns, for every element of such a row
     * (row-major), its feature.
     *
     * @param rowShape the shape of one input row, e.g. {C, H, W}
     * @return the feature of every row element, row-major (the mask repeated over the leading axes)
     * @throws InvalidShapeException naming both shapes when the mask is neither the row shape nor a
     *                               trailing part of it
     */
    public int[] expandTo(long[] rowShape) {
        long[] m = stripLeadingOnes(shape);
        if (m.length > rowShape.length
                || !Arrays.equals(m, Arrays.copyOfRange(rowShape, rowShape.length - m.length, rowShape.length))) {
            throw new InvalidShapeException("feature mask shape " + Arrays.toString(shape) + " does not fit input rows of shape "
                    + Arrays.toString(rowShape) + " (it must equal the row shape or its trailing axes, e.g. H×W for C×H×W)");
        }
        long total = 1;
        for (long s : rowShape) {
            total *= s;
        }
        int[] out = new int[Math.toIntExact(total)];
        int len = labels.length;
        for (int e = 0; e < out.length; e++) {
            out[e] = labels[e % len];
        }
        return out;
    }

    /**
     * A row of {@code rowShape} in which every element holds its feature's value.
     *
     * @param featureValues one value per feature, F in all, indexed by compacted feature
     * @param rowShape      the shape of one input row, which the mask must fit (see {@link #expandTo})
     * @return a new DOUBLE array of shape {@code rowShape}
     * @throws InvalidShapeException if there are not F values or the mask does not fit {@code rowShape}
     */
    public INDArray spread(double[] featureValues, long[] rowShape) {
        if (featureValues.length != numFeatures) {
            throw new InvalidShapeException("need one value per feature (" + numFeatures + ") but got " + featureValues.length);
        }
        int[] f = expandTo(rowShape);
        double[] v = new double[f.length];
        for (int e = 0; e < f.length; e++) {
            v[e] = featureValues[f[e]];
        }
        return Nd4j.create(v, rowShape.clone(), DataType.DOUBLE);
    }

    /**
     * A short description for provenance.
     *
     * @return "mask [shape] with F features"
     */
    public String describe() {
        return "mask " + Arrays.toString(shape) + " with " + numFeatures + " features";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureMask m && Arrays.equals(m.shape, shape) && Arrays.equals(m.labels, labels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(labels) * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "FeatureMask(" + describe() + ")";
    }

    private static long[] stripLeadingOnes(long[] s) {
        int i = 0;
        while (i < s.length - 1 && s[i] == 1) {
            i++;
        }
        return Arrays.copyOfRange(s, i, s.length);
    }

    private static long[] unravel(long i, long[] shape) {
        long[] idx = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = i % shape[d];
            i /= shape[d];
        }
        return idx;
    }
}
