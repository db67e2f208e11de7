package org.xai4j.viz;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.util.Checks;
import org.xai4j.viz.color.Normalization;

/**
 * An immutable H×W grid of finite doubles (row-major): the explanation map that the image functions
 * draw. Built from an ND4J array or plain arrays (always copied, never a view of the caller's data);
 * a NaN or infinity is rejected with {@link NonFiniteValueException} naming its position.
 */
public final class ScalarMap {
    private final int height;
    private final int width;
    private final double[] values;

    private ScalarMap(int height, int width, double[] values, boolean check) {
        if (height < 1 || width < 1) {
            throw new InvalidShapeException("a map needs at least 1×1 values but got " + height + "×" + width);
        }
        if (values.length != (long) height * width) {
            throw new InvalidShapeException("a " + height + "×" + width + " map needs " + (long) height * width
                    + " values but got " + values.length);
        }
        if (check) {
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new NonFiniteValueException("map holds " + values[i] + " at (row " + i / width + ", column "
                            + i % width + ") of a " + height + "×" + width + " map");
                }
            }
        }
        this.height = height;
        this.width = width;
        this.values = values;
    }

    /**
     * A map from row-major values (copied).
     *
     * @param height H, at least 1
     * @param width W, at least 1
     * @param values H·W values, row-major
     * @return the map
     * @throws InvalidShapeException if {@code values} is null, the size is below 1×1 or {@code values} does not
     *     hold H·W values
     * @throws NonFiniteValueException if a value is NaN or infinite
     */
    public static ScalarMap of(int height, int width, double[] values) {
        if (values == null) {
            throw new InvalidShapeException("map values must not be null");
        }
        return new ScalarMap(height, width, values.clone(), true);
    }

    /**
     * A map from rows of equal length (copied).
     *
     * @param rows H rows of W values
     * @return the map
     */
    public static ScalarMap of(double[][] rows) {
        if (rows == null || rows.length == 0 || rows[0] == null || rows[0].length == 0) {
            throw new InvalidShapeException("a map needs at least one row and one column");
        }
        int w = rows[0].length;
        double[] v = new double[rows.length * w];
        for (int y = 0; y < rows.length; y++) {
            if (rows[y] == null || rows[y].length != w) {
                throw new InvalidShapeException("map row " + y + " has " + (rows[y] == null ? 0 : rows[y].length)
                        + " values but row 0 has " + w);
            }
            System.arraycopy(rows[y], 0, v, y * w, w);
        }
        return new ScalarMap(rows.length, w, v, true);
    }

    /**
     * A map from an H×W array, or a 1×H×W / 1×1×H×W one (a single map with batch or channel axes of
     * size 1). Use {@link #fromChannels} for C×H×W attributions.
     *
     * @param map the array (not modified)
     * @return the map, in double precision
     */
    public static ScalarMap of(INDArray map) {
        Checks.requireArray(map, "map");
        long[] s = map.shape();
        int lead = s.length - 2;
        boolean ok = s.length >= 2 && s.length <= 4;
        for (int i = 0; ok && i < lead; i++) {
            ok = s[i] == 1;
        }
        if (!ok) {
            throw new InvalidShapeException("map: expected shape [H, W], [1, H, W] or [1, 1, H, W] but got "
                    + Arrays.toString(s) + " (use ScalarMap.fromChannels for a C×H×W attribution)");
        }
        return new ScalarMap(toInt(s[lead], "height"), toInt(s[lead + 1], "width"), flat(map), true);
    }

    /**
     * One map from a C×H×W (or 1×C×H×W) attribution, reducing its channels; an H×W array passes
     * through unchanged.
     *
     * @param attribution the attribution (not modified)
     * @param reduction how the channels are combined at each pixel
     * @return the H×W map
     */
    public static ScalarMap fromChannels(INDArray attribution, ChannelReduction reduction) {
        Checks.requireArray(attribution, "attribution");
        if (reduction == null) {
            throw new InvalidConfigException("channel reduction must not be null");
        }
        long[] s = attribution.shape();
        if (s.length == 2) {
            return of(attribution);
        }
        if (!(s.length == 3 || s.length == 4 && s[0] == 1)) {
            throw new InvalidShapeException("attribution: expected shape [C, H, W] or [1, C, H, W] but got "
                    + Arrays.toString(s));
        }
        int c = toInt(s[s.length - 3], "channels");
        int h = toInt(s[s.length - 2], "height");
        int w = toInt(s[s.length - 1], "width");
        double[] v = flat(attribution);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                long[] pos = Checks.unravel(i, s);
                throw new NonFiniteValueException("attribution holds " + v[i] + " at " + Arrays.toString(pos)
                        + " of shape " + Arrays.toString(s));
            }
        }
        double[] out = new double[h * w];
        for (int p = 0; p < out.length; p++) {
            out[p] = reduction.reduce(v, p, h * w, c);
        }
        return new ScalarMap(h, w, out, false);
    }

    private static double[] flat(INDArray a) {
        return org.xai4j.core.util.HostArrays.doubles(a);
    }

    private static int toInt(long v, String what) {
        if (v > Integer.MAX_VALUE / 4) {
            throw new InvalidShapeException("map " + what + " " + v + " is too large to draw");
        }
        return (int) v;
    }

    /**
     * The map's height.
     *
     * @return H
     */
    public int height() {
        return height;
    }

    /**
     * The map's width.
     *
     * @return W
     */
    public int width() {
        return width;
    }

    /**
     * The value at row {@code y}, column {@code x}.
     *
     * @param y the row, 0 ≤ y &lt; H
     * @param x the column, 0 ≤ x &lt; W
     * @return the value
     */
    public double get(int y, int x) {
        if (y < 0 || y >= height || x < 0 || x >= width) {
            throw new InvalidShapeException("position (" + y + ", " + x + ") lies outside the " + height + "×"
                    + width + " map");
        }
        return values[y * width + x];
    }

    /**
     * A row-major copy of the values.
     *
     * @return a new array of H·W values
     */
    public double[] toArray() {
        return values.clone();
    }

    /**
     * The smallest value.
     *
     * @return the minimum
     */
    public double min() {
        return Arrays.stream(values).min().orElseThrow();
    }

    /**
     * The largest value.
     *
     * @return the maximum
     */
    public double max() {
        return Arrays.stream(values).max().orElseThrow();
    }

    /**
     * Colormap positions in [0, 1] after {@code normalization}.
     *
     * @param normalization how values become positions
     * @return a new map of positions in [0, 1]
     */
    public ScalarMap normalized(Normalization normalization) {
        if (normalization == null) {
            throw new InvalidConfigException("normalization must not be null");
        }
        return new ScalarMap(height, width, normalization.apply(values), false);
    }

    /**
     * Bilinear resampling to {@code newHeight × newWidth} with half-pixel centres: output pixel
     * {@code o} samples the input at {@code (o + 0.5)·in/out − 0.5} (clamped at 0), as
     * {@code torch.nn.functional.interpolate(mode="bilinear", align_corners=False)} and OpenCV's
     * {@code INTER_LINEAR} do. No anti-aliasing when shrinking.
     *
     * @param newHeight the height to resample to, at least 1
     * @param newWidth the width to resample to, at least 1
     * @return a new map
     */
    public ScalarMap resize(int newHeight, int newWidth) {
        if (newHeight < 1 || newWidth < 1) {
            throw new InvalidShapeException("cannot resize a map to " + newHeight + "×" + newWidth);
        }
        if (newHeight == height && newWidth == width) {
            return this;
        }
        int[] y0 = new int[newHeight];
        int[] y1 = new int[newHeight];
        double[] wy = new double[newHeight];
        axis(height, newHeight, y0, y1, wy);
        int[] x0 = new int[newWidth];
        int[] x1 = new int[newWidth];
        double[] wx = new double[newWidth];
        axis(width, newWidth, x0, x1, wx);
        double[] out = new double[newHeight * newWidth];
        for (int y = 0; y < newHeight; y++) {
            int r0 = y0[y] * width;
            int r1 = y1[y] * width;
            for (int x = 0; x < newWidth; x++) {
                double top = values[r0 + x0[x]] * (1 - wx[x]) + values[r0 + x1[x]] * wx[x];
                double bottom = values[r1 + x0[x]] * (1 - wx[x]) + values[r1 + x1[x]] * wx[x];
                out[y * newWidth + x] = top * (1 - wy[y]) + bottom * wy[y];
            }
        }
        return new ScalarMap(newHeight, newWidth, out, false);
    }

    private static void axis(int in, int out, int[] i0, int[] i1, double[] w) {
        double scale = in / (double) out;
        for (int o = 0; o < out; o++) {
            double src = Math.max(0.0, (o + 0.5) * scale - 0.5);
            int lo = Math.min((int) src, in - 1);
            i0[o] = lo;
            i1[o] = Math.min(lo + 1, in - 1);
            w[o] = src - lo;
        }
    }

    /**
     * Whether this map can be stretched onto a {@code h × w} image: same aspect ratio, up to one map
     * pixel of rounding (a 7×7 CAM on a 224×224 image fits, a 7×5 map does not).
     *
     * @param h the image height
     * @param w the image width
     * @return true when the aspect ratios agree within one map pixel
     */
    public boolean fits(int h, int w) {
        return Math.abs(width - height * (double) w / h) < 1.0 && Math.abs(height - width * (double) h / w) < 1.0;
    }

    /**
     * This map at {@code h × w}: itself when the size already matches, else bilinearly resized when
     * the aspect ratio {@link #fits}; otherwise an {@link InvalidShapeException} naming both sizes.
     *
     * @param h the image height
     * @param w the image width
     * @param what what the map is, for the message
     * @return this map or a resized copy, h × w
     */
    public ScalarMap resizedTo(int h, int w, String what) {
        if (h == height && w == width) {
            return this;
        }
        if (!fits(h, w)) {
            throw new InvalidShapeException("map of " + height + "×" + width + " does not match the " + h + "×" + w
                    + " " + what + " (different aspect ratio)");
        }
        return resize(h, w);
    }

    @Override
    public String toString() {
        return "ScalarMap[" + height + "×" + width + "]";
    }
}
