package org.xai4j.viz.image;

import java.awt.Color;
import org.xai4j.core.InvalidConfigException;

/**
 * How {@link Superpixels} draws LIME-style segment weights.
 *
 * @param topK           how many segments to highlight, by |weight| (default 5)
 * @param showPositive   highlight segments that support the target (default true)
 * @param showNegative   highlight segments that speak against it (default true)
 * @param positiveColor  fill and outline of supporting segments (default green, as LIME)
 * @param negativeColor  fill and outline of opposing segments (default red, as LIME)
 * @param fillAlpha      opacity of the fill, in [0, 1] (default 0.35)
 * @param boundaryColor  colour of every other segment boundary, or {@code null} for none (default
 *                       yellow, as scikit-image's {@code mark_boundaries})
 * @param thinBoundaries draw those other boundaries one pixel wide ({@link SegmentMap#thinBoundaries()},
 *                       default) rather than on both sides of each edge ({@link SegmentMap#boundaries()})
 */
public record SuperpixelStyle(int topK, boolean showPositive, boolean showNegative, Color positiveColor,
                              Color negativeColor, double fillAlpha, Color boundaryColor, boolean thinBoundaries) {
    public SuperpixelStyle {
        if (topK < 1) {
            throw new InvalidConfigException("topK must be at least 1 but was " + topK);
        }
        if (!showPositive && !showNegative) {
            throw new InvalidConfigException("show positive or negative segments (or both)");
        }
        if (positiveColor == null || negativeColor == null) {
            throw new InvalidConfigException("positive and negative colours must not be null");
        }
        if (!(fillAlpha >= 0 && fillAlpha <= 1)) {
            throw new InvalidConfigException("fill alpha must lie in [0, 1] but was " + fillAlpha);
        }
    }

    public static SuperpixelStyle defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the defaults above. */
    public static final class Builder {
        private int topK = 5;
        private boolean showPositive = true;
        private boolean showNegative = true;
        private Color positiveColor = new Color(0, 255, 0);
        private Color negativeColor = new Color(255, 0, 0);
        private double fillAlpha = 0.35;
        private Color boundaryColor = new Color(255, 255, 0);
        private boolean thinBoundaries = true;

        private Builder() {
        }

        public Builder topK(int v) {
            topK = v;
            return this;
        }

        public Builder showPositive(boolean v) {
            showPositive = v;
            return this;
        }

        public Builder showNegative(boolean v) {
            showNegative = v;
            return this;
        }

        public Builder positiveColor(Color v) {
            positiveColor = v;
            return this;
        }

        public Builder negativeColor(Color v) {
            negativeColor = v;
            return this;
        }

        public Builder fillAlpha(double v) {
            fillAlpha = v;
            return this;
        }

        public Builder boundaryColor(Color v) {
            boundaryColor = v;
            return this;
        }

        public Builder thinBoundaries(boolean v) {
            thinBoundaries = v;
            return this;
        }

        public SuperpixelStyle build() {
            return new SuperpixelStyle(topK, showPositive, showNegative, positiveColor, negativeColor, fillAlpha,
                    boundaryColor, thinBoundaries);
        }
    }
}
