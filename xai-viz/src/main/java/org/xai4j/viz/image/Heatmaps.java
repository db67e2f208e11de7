package org.xai4j.viz.image;

import java.awt.image.BufferedImage;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.viz.ScalarMap;
import org.xai4j.viz.color.Colormap;
import org.xai4j.viz.color.Normalization;

/** A map drawn on its own: each value normalised and looked up in a colormap. */
public final class Heatmaps {
    private Heatmaps() {
    }

    /** The map as an image of its own size. */
    public static BufferedImage render(ScalarMap map, Colormap colormap, Normalization normalization) {
        require(map, colormap, normalization);
        return colorize(map.normalized(normalization), colormap);
    }

    /**
     * The map at {@code height × width}: normalised at its own resolution, then the positions are
     * bilinearly resized (so the colour range of a 7×7 CAM is set by its own values, as in
     * pytorch-grad-cam, and resizing never creates values outside it).
     */
    public static BufferedImage render(ScalarMap map, Colormap colormap, Normalization normalization, int height,
                                       int width) {
        require(map, colormap, normalization);
        return colorize(map.normalized(normalization).resize(height, width), colormap);
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

    /** A horizontal colour bar of the given size, position 0 on the left, 1 on the right. */
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
