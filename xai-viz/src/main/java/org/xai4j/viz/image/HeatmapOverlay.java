package org.xai4j.viz.image;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.viz.ScalarMap;
import org.xai4j.viz.color.Normalization;

/**
 * One map over its image, ready to draw or write: made by {@link Heatmaps#overlay}, adjusted by the
 * immutable {@code with…} methods. The picture is {@link Overlay#apply}'s blend (the map normalised at its
 * own resolution, its positions resized bilinearly to the image) with, by default, a colour bar of the
 * colormap underneath (position 0 on the left). Normalisation: per image ({@link OverlayStyle}'s, min–max
 * for maps without negative values, symmetric about zero for signed ones), or one range shared by several
 * overlays ({@link #shared}).
 */
public final class HeatmapOverlay {
    private final BufferedImage image;
    private final ScalarMap map;
    private final OverlayStyle style;
    private final boolean colorbar;

    HeatmapOverlay(BufferedImage image, ScalarMap map, OverlayStyle style, boolean colorbar) {
        Pixels.requireImage(image, "image");
        if (map == null || style == null) {
            throw new InvalidConfigException("map and style must not be null");
        }
        this.image = image;
        this.map = map;
        this.style = style;
        this.colorbar = colorbar;
    }

    /**
     * The overlays with one normalisation over all their maps, so equal values get equal colours: symmetric
     * about zero with the largest magnitude of any map when any overlay's normalisation is signed, else
     * min–max over all maps. Each keeps its colormap and alpha.
     *
     * @param overlays the overlays, at least one
     * @return new overlays, in the same order
     */
    public static List<HeatmapOverlay> shared(List<HeatmapOverlay> overlays) {
        if (overlays == null || overlays.isEmpty() || overlays.stream().anyMatch(o -> o == null)) {
            throw new InvalidConfigException("shared normalisation needs at least one overlay and no null ones");
        }
        boolean signed = overlays.stream().anyMatch(o -> o.style.normalization().signed());
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double abs = 0;
        for (HeatmapOverlay o : overlays) {
            lo = Math.min(lo, o.map.min());
            hi = Math.max(hi, o.map.max());
            abs = Math.max(abs, Math.max(Math.abs(o.map.min()), Math.abs(o.map.max())));
        }
        Normalization n = signed ? Normalization.fixedSymmetric(abs > 0 ? abs : 1)
                : Normalization.fixed(lo, hi > lo ? hi : lo + 1);
        List<HeatmapOverlay> out = new ArrayList<>();
        for (HeatmapOverlay o : overlays) {
            out.add(o.withNormalization(n));
        }
        return List.copyOf(out);
    }

    /**
     * This overlay drawn with another style.
     *
     * @param style the colormap, normalisation and alpha
     * @return a new overlay
     */
    public HeatmapOverlay withStyle(OverlayStyle style) {
        return new HeatmapOverlay(image, map, style, colorbar);
    }

    /**
     * This overlay with another normalisation, the rest of its style kept.
     *
     * @param normalization values to colormap positions
     * @return a new overlay
     */
    public HeatmapOverlay withNormalization(Normalization normalization) {
        return withStyle(new OverlayStyle(style.colormap(), normalization, style.alpha(), style.alphaMode()));
    }

    /**
     * This overlay with or without the colour bar underneath.
     *
     * @param colorbar whether to draw it
     * @return a new overlay
     */
    public HeatmapOverlay withColorbar(boolean colorbar) {
        return new HeatmapOverlay(image, map, style, colorbar);
    }

    /**
     * The map drawn.
     *
     * @return the map, at its own resolution
     */
    public ScalarMap map() {
        return map;
    }

    /**
     * The style drawn with.
     *
     * @return the style
     */
    public OverlayStyle style() {
        return style;
    }

    /**
     * The height of the colour bar: a tenth of the image's, at least 4 rows.
     *
     * @param imageHeight the image's height in rows
     * @return the bar's height in rows
     */
    public static int colorbarHeight(int imageHeight) {
        return Math.max(4, imageHeight / 10);
    }

    /**
     * The picture.
     *
     * @return the overlay, and under it the colour bar when on
     */
    public BufferedImage render() {
        BufferedImage top = Overlay.apply(image, map, style);
        if (!colorbar) {
            return top;
        }
        int w = top.getWidth();
        int h = top.getHeight();
        int bar = colorbarHeight(h);
        int[] rgb = new int[w * (h + bar)];
        System.arraycopy(Pixels.rgb(top), 0, rgb, 0, w * h);
        int[] strip = Pixels.rgb(Heatmaps.colorbar(style.colormap(), Math.max(2, w), bar));
        for (int y = 0; y < bar; y++) {
            System.arraycopy(strip, y * Math.max(2, w), rgb, (h + y) * w, w);
        }
        return Pixels.image(w, h + bar, rgb);
    }

    /**
     * Writes the picture as a PNG.
     *
     * @param file the file to write (its folder is created)
     * @return {@code file}
     */
    public Path write(Path file) {
        return Png.write(render(), file);
    }
}
