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

    /** A mask from an integer-valued array (any numeric type; values must be whole numbers ≥ 0). */
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

    /** Every element of a row of this shape its own feature (Captum's default for feature ablation). */
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

    /** A regular grid of G×G cells over an H×W image (see {@link #grid(int, int, int, int)}). */
    public static FeatureMask grid(int height, int width, int cells) {
        return grid(height, width, cells, cells);
    }

    /**
     * A regular grid of {@code rows}×{@code cols} cells over an H×W image, numbered row-major. Pixel (y, x)
     * lies in cell (⌊y·rows/H⌋, ⌊x·cols/W⌋): the cells are equal when the sizes divide, otherwise they
     * differ by at most one pixel.
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

    /** The number of features F. */
    public int numFeatures() {
        return numFeatures;
    }

    /** The mask's shape. */
    public long[] shape() {
        return shape.clone();
    }

    /** The number of positions in the mask. */
    public int size() {
        return labels.length;
    }

    /** The compacted label (0..F−1) of flat position {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** A copy of the compacted labels, row-major. */
    public int[] labels() {
        return labels.clone();
    }

    /** The label given for each compacted feature (before compaction). */
    public int[] originalIds() {
        return originalIds.clone();
    }

    /** How many mask positions each feature covers. */
    public int[] featureSizes() {
        int[] s = new int[numFeatures];
        for (int l : labels) {
            s[l]++;
        }
        return s;
    }

    /** The labels as an INT32 array of the mask's shape. */
    public INDArray toArray() {
        return Nd4j.createFromArray(labels.clone()).reshape(shape);
    }

    /** A 0/1 array of the mask's shape marking the positions of the given features. */
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

    /** A row of {@code rowShape} in which every element holds its feature's value. */
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

    /** A short description for provenance. */
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
