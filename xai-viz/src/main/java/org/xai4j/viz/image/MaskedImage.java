package org.xai4j.viz.image;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.viz.ScalarMap;
import org.xai4j.viz.color.Normalization;

/**
 * The image where the map is high, the rest filled: what the model "looks at". The map is resized to
 * the image as in {@link Overlay}. Three ways to choose the pixels:
 * {@link #keepTop} (a fixed share of the pixels, as in deletion/insertion curves),
 * {@link #keepAbove} (a threshold on the normalised map), {@link #scaleBy} (Captum's
 * {@code masked_image}: each pixel multiplied by the map's strength).
 */
public final class MaskedImage {
    private MaskedImage() {
    }

    /**
     * Keeps the {@code round(fraction·N)} pixels (at least one) with the highest map values; ties go to
     * the earlier pixel in row-major order. Others become {@code fill}.
     *
     * @param image    the picture; not modified
     * @param map      the map, of the image's aspect ratio
     * @param fraction the share of the image's N pixels to keep, in (0, 1]
     * @param fill     the colour of the other pixels
     * @return a new opaque image of the image's size
     * @throws org.xai4j.core.InvalidConfigException if {@code fraction} is outside (0, 1]
     */
    public static BufferedImage keepTop(BufferedImage image, ScalarMap map, double fraction, Color fill) {
        Pixels.requireImage(image, "image");
        if (!(fraction > 0 && fraction <= 1)) {
            throw new InvalidConfigException("fraction of pixels to keep must lie in (0, 1] but was " + fraction);
        }
        requireNonNull(map, fill);
        int w = image.getWidth();
        int h = image.getHeight();
        double[] v = map.resizedTo(h, w, "image").toArray();
        int keep = (int) Math.max(1, Math.min(v.length, Math.round(fraction * v.length)));
        Integer[] order = IntStream.range(0, v.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -v[i]).thenComparingInt(i -> i));
        boolean[] kept = new boolean[v.length];
        for (int k = 0; k < keep; k++) {
            kept[order[k]] = true;
        }
        return fillWhere(image, kept, fill);
    }

    /**
     * Keeps the pixels whose normalised map value is at least {@code threshold} (in [0, 1]).
     *
     * @param image         the picture; not modified
     * @param map           the map, of the image's aspect ratio
     * @param normalization how map values become positions in [0, 1]
     * @param threshold     the lowest kept position, in [0, 1]
     * @param fill          the colour of the other pixels
     * @return a new opaque image of the image's size
     * @throws org.xai4j.core.InvalidConfigException if {@code threshold} is outside [0, 1]
     */
    public static BufferedImage keepAbove(BufferedImage image, ScalarMap map, Normalization normalization,
                                          double threshold, Color fill) {
        Pixels.requireImage(image, "image");
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new InvalidConfigException("threshold must lie in [0, 1] but was " + threshold);
        }
        requireNonNull(map, fill);
        if (normalization == null) {
            throw new InvalidConfigException("normalization must not be null");
        }
        double[] t = map.normalized(normalization).resizedTo(image.getHeight(), image.getWidth(), "image").toArray();
        boolean[] kept = new boolean[t.length];
        for (int i = 0; i < t.length; i++) {
            kept[i] = t[i] >= threshold;
        }
        return fillWhere(image, kept, fill);
    }

    /**
     * Each pixel multiplied by the map's strength {@code s} ({@code t} for unsigned normalisations,
     * {@code |2t − 1|} for signed ones): {@code out = round(s·pixel)} towards black.
     *
     * @param image         the picture; not modified
     * @param map           the map, of the image's aspect ratio
     * @param normalization how map values become positions t in [0, 1]
     * @return a new opaque image of the image's size
     */
    public static BufferedImage scaleBy(BufferedImage image, ScalarMap map, Normalization normalization) {
        Pixels.requireImage(image, "image");
        if (map == null || normalization == null) {
            throw new InvalidConfigException("map and normalization must not be null");
        }
        double[] t = map.normalized(normalization).resizedTo(image.getHeight(), image.getWidth(), "image").toArray();
        int[] px = Pixels.rgb(image);
        for (int i = 0; i < px.length; i++) {
            double s = normalization.signed() ? Math.abs(2 * t[i] - 1) : t[i];
            px[i] = Pixels.blend(0, px[i], s);
        }
        return Pixels.image(image.getWidth(), image.getHeight(), px);
    }

    private static BufferedImage fillWhere(BufferedImage image, boolean[] kept, Color fill) {
        int[] px = Pixels.rgb(image);
        int f = fill.getRGB() & 0xFFFFFF;
        for (int i = 0; i < px.length; i++) {
            if (!kept[i]) {
                px[i] = f;
            }
        }
        return Pixels.image(image.getWidth(), image.getHeight(), px);
    }

    private static void requireNonNull(ScalarMap map, Color fill) {
        if (map == null || fill == null) {
            throw new InvalidConfigException("map and fill colour must not be null");
        }
    }
}
