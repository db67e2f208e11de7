package org.xai4j.viz.image;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;

/**
 * LIME's picture (Ribeiro et al., 2016): the segments with the largest |weight| tinted and outlined
 * (on their own edge pixels), green where they support the target and red where they oppose it, over
 * the image with every other segment boundary marked. Segment {@code k}'s weight is {@code weights[k]}; segments with weight 0 are never
 * highlighted.
 */
public final class SuperpixelOverlay {
    private SuperpixelOverlay() {
    }

    /**
     * The segments to highlight: by decreasing |weight| (ties: smaller label first), filtered by sign.
     *
     * @param weights one weight per segment label
     * @param style   which signs to show and how many segments at most
     * @return at most {@code style.topK()} segment labels; none with weight 0
     */
    public static List<Integer> selected(double[] weights, SuperpixelStyle style) {
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < weights.length; k++) {
            double w = weights[k];
            if (w > 0 && style.showPositive() || w < 0 && style.showNegative()) {
                order.add(k);
            }
        }
        order.sort(Comparator.<Integer>comparingDouble(k -> -Math.abs(weights[k])).thenComparingInt(k -> k));
        return order.subList(0, Math.min(style.topK(), order.size()));
    }

    /**
     * Draws the image with its segments (same size required) and their weights.
     *
     * @param image    the picture; not modified
     * @param segments a label per pixel, of the image's size
     * @param weights  one weight per segment label (LIME's surrogate coefficients)
     * @param style    colours, opacity, which signs and how many segments
     * @return a new opaque image of the image's size
     * @throws org.xai4j.core.InvalidConfigException if an argument is null
     * @throws org.xai4j.core.InvalidShapeException if the segment map's size differs from the image's
     */
    public static BufferedImage render(BufferedImage image, SegmentMap segments, double[] weights, SuperpixelStyle style) {
        Pixels.requireImage(image, "image");
        if (segments == null || weights == null || style == null) {
            throw new InvalidConfigException("segments, weights and style must not be null");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        if (segments.height() != h || segments.width() != w) {
            throw new InvalidShapeException("segment map of " + segments.height() + "×" + segments.width()
                    + " does not match the " + h + "×" + w + " image");
        }
        if (weights.length < segments.labelCount()) {
            throw new InvalidShapeException("segment map has labels up to " + (segments.labelCount() - 1) + " but only "
                    + weights.length + " weights were given");
        }
        for (int k = 0; k < weights.length; k++) {
            if (!Double.isFinite(weights[k])) {
                throw new NonFiniteValueException("segment weight " + k + " is " + weights[k]);
            }
        }
        int[] sign = new int[weights.length];
        for (int k : selected(weights, style)) {
            sign[k] = weights[k] > 0 ? 1 : -1;
        }
        int pos = style.positiveColor().getRGB() & 0xFFFFFF;
        int neg = style.negativeColor().getRGB() & 0xFFFFFF;
        int[] labels = segments.toArray();
        boolean[] edge = segments.boundaries();
        boolean[] lines = style.thinBoundaries() ? segments.thinBoundaries() : edge;
        int[] px = Pixels.rgb(image);
        for (int i = 0; i < px.length; i++) {
            int s = sign[labels[i]];
            if (s != 0) {
                int c = s > 0 ? pos : neg;
                px[i] = edge[i] ? c : Pixels.blend(px[i], c, style.fillAlpha());
            } else if (lines[i] && style.boundaryColor() != null) {
                px[i] = style.boundaryColor().getRGB() & 0xFFFFFF;
            }
        }
        return Pixels.image(w, h, px);
    }
}
