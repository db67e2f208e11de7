package org.xai4j.viz.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.MappedExplanation;
import org.xai4j.viz.ChannelReduction;
import org.xai4j.viz.ScalarMap;
import org.xai4j.viz.color.Colormap;
import org.xai4j.viz.color.Normalization;

/**
 * A map drawn on its own (each value normalised and looked up in a colormap), or over its image in one call
 * ({@link #overlay(BufferedImage, MappedExplanation)}).
 */
public final class Heatmaps {
    private Heatmaps() {
    }

    /**
     * The map as an image of its own size.
     *
     * @param map           the values to draw, H×W
     * @param colormap      colours of normalised positions in [0, 1]
     * @param normalization how values become positions in [0, 1] (e.g. min–max, or symmetric about zero)
     * @return an opaque RGB image of W×H pixels, one per map value
     * @throws org.xai4j.core.InvalidConfigException if an argument is null
     */
    public static BufferedImage render(ScalarMap map, Colormap colormap, Normalization normalization) {
        require(map, colormap, normalization);
        return colorize(map.normalized(normalization), colormap);
    }

    /**
     * The map at {@code height × width}: normalised at its own resolution, then the positions are
     * bilinearly resized (so the colour range of a 7×7 CAM is set by its own values, as in
     * pytorch-grad-cam, and resizing never creates values outside it).
     *
     * @param map           the values to draw, of any size
     * @param colormap      colours of normalised positions in [0, 1]
     * @param normalization how values become positions in [0, 1], applied before resizing
     * @param height        the image's height in pixels
     * @param width         the image's width in pixels
     * @return an opaque RGB image of {@code width × height} pixels
     * @throws org.xai4j.core.InvalidConfigException if an argument is null
     */
    public static BufferedImage render(ScalarMap map, Colormap colormap, Normalization normalization, int height,
                                       int width) {
        require(map, colormap, normalization);
        return colorize(map.normalized(normalization).resize(height, width), colormap);
    }

    /**
     * Input row 0's map of {@code explanation} over {@code image}, in one call:
     * {@code Heatmaps.overlay(image, explanation).write(path)}.
     *
     * @param image       the picture the explanation is about
     * @param explanation any explanation with a per-input map
     * @return the overlay, to write or adjust
     * @see #overlay(BufferedImage, MappedExplanation, int)
     */
    public static HeatmapOverlay overlay(BufferedImage image, MappedExplanation explanation) {
        return overlay(image, explanation, 0);
    }

    /**
     * Input row {@code row}'s map of {@code explanation} over {@code image}. A CAM's H×W map is used as it is
     * (upscaled bilinearly to the image); a C×H×W attribution is summed over its channels. Maps with negative
     * values are drawn with {@link OverlayStyle#signed()} (symmetric about zero), others with
     * {@link OverlayStyle#defaults()} (min–max per image); a colour bar is added underneath.
     *
     * @param image       the picture the explanation is about
     * @param explanation any explanation with a per-input map
     * @param row         the input row
     * @return the overlay, to write or adjust
     */
    public static HeatmapOverlay overlay(BufferedImage image, MappedExplanation explanation, int row) {
        if (explanation == null) {
            throw new InvalidConfigException("explanation must not be null");
        }
        INDArray all = explanation.map();
        long[] s = all.shape();
        if (s.length != 3 && s.length != 4) {
            throw new InvalidShapeException("explanation map: a picture needs N×H×W or N×C×H×W but got shape "
                    + Arrays.toString(s));
        }
        if (row < 0 || row >= s[0]) {
            throw new InvalidConfigException("row must lie in [0, " + s[0] + ") but was " + row);
        }
        INDArray one = all.get(NDArrayIndex.point(row));
        ScalarMap map = s.length == 3 ? ScalarMap.of(one) : ScalarMap.fromChannels(one, ChannelReduction.SUM);
        return overlay(image, map);
    }

    /**
     * A map over its image, styled as {@link #overlay(BufferedImage, MappedExplanation, int)} does.
     *
     * @param image the picture
     * @param map   the map, of the image's aspect ratio
     * @return the overlay, to write or adjust
     */
    public static HeatmapOverlay overlay(BufferedImage image, ScalarMap map) {
        if (map == null) {
            throw new InvalidConfigException("map must not be null");
        }
        return new HeatmapOverlay(image, map, map.min() < 0 ? OverlayStyle.signed() : OverlayStyle.defaults(),
                true);
    }

    /** Colours of positions already in [0, 1]. */
    static BufferedImage colorize(ScalarMap positions, Colormap colormap) {
        double[] t = positions.toArray();
        int[] rgb = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            rgb[i] = colormap.argb(t[i]) & 0xFFFFFF;
        }
        return Pixels.image(positions.width(), positions.height(), rgb);
    }

    /**
     * A horizontal colour bar of the given size, position 0 on the left, 1 on the right.
     *
     * @param colormap the colours to show
     * @param width    the bar's width in pixels; at least 2
     * @param height   the bar's height in pixels; at least 1
     * @return an opaque RGB image, every column one colour
     * @throws org.xai4j.core.InvalidConfigException if {@code colormap} is null or the size is below 2×1
     */
    public static BufferedImage colorbar(Colormap colormap, int width, int height) {
        if (colormap == null || width < 2 || height < 1) {
            throw new InvalidConfigException("a colour bar needs a colormap and a size of at least 2×1 but got "
                    + width + "×" + height);
        }
        int[] rgb = new int[width * height];
        for (int x = 0; x < width; x++) {
            int c = colormap.argb(x / (double) (width - 1)) & 0xFFFFFF;
            for (int y = 0; y < height; y++) {
                rgb[y * width + x] = c;
            }
        }
        return Pixels.image(width, height, rgb);
    }

    private static void require(ScalarMap map, Colormap colormap, Normalization normalization) {
        if (map == null || colormap == null || normalization == null) {
            throw new InvalidConfigException("map, colormap and normalization must not be null");
        }
    }
}
