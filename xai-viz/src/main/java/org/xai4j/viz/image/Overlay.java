package org.xai4j.viz.image;

import java.awt.image.BufferedImage;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.viz.ScalarMap;

/**
 * A map drawn over its image (the figure of Grad-CAM, Zhou et al.'s CAM and most attribution papers).
 * The map is normalised at its own resolution, its positions are resized bilinearly to the image's size
 * (a map of another aspect ratio is an {@link org.xai4j.core.InvalidShapeException}), coloured, and
 * blended per channel: {@code out = round((1 − a)·image + a·colour)} with {@code a} from
 * {@link AlphaMode}. Unlike pytorch-grad-cam's {@code show_cam_on_image} the result is not rescaled by
 * its maximum afterwards, so the image keeps its brightness.
 */
public final class Overlay {
    private Overlay() {
    }

    /**
     * The overlay with {@link OverlayStyle#defaults()}.
     *
     * @param image the picture; not modified
     * @param map   the map, of the image's aspect ratio (any resolution)
     * @return a new opaque image of the image's size
     * @throws org.xai4j.core.InvalidShapeException if the map's aspect ratio differs from the image's
     */
    public static BufferedImage apply(BufferedImage image, ScalarMap map) {
        return apply(image, map, OverlayStyle.defaults());
    }

    /**
     * The overlay with the given style.
     *
     * @param image the picture; not modified
     * @param map   the map, of the image's aspect ratio (any resolution)
     * @param style colormap, normalisation and blending
     * @return a new opaque image of the image's size
     * @throws org.xai4j.core.InvalidShapeException if the map's aspect ratio differs from the image's
     */
    public static BufferedImage apply(BufferedImage image, ScalarMap map, OverlayStyle style) {
        Pixels.requireImage(image, "image");
        if (map == null || style == null) {
            throw new InvalidConfigException("map and style must not be null");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        ScalarMap t = map.normalized(style.normalization()).resizedTo(h, w, "image");
        double[] pos = t.toArray();
        int[] base = Pixels.rgb(image);
        int[] out = new int[base.length];
        boolean signed = style.normalization().signed();
        for (int i = 0; i < base.length; i++) {
            double a = style.alpha();
            if (style.alphaMode() == AlphaMode.BY_VALUE) {
                a *= signed ? Math.abs(2 * pos[i] - 1) : pos[i];
            }
            out[i] = Pixels.blend(base[i], style.colormap().argb(pos[i]) & 0xFFFFFF, a);
        }
        return Pixels.image(w, h, out);
    }
}
