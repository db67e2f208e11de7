package org.xai4j.viz.image;

import java.awt.Color;
import org.xai4j.core.InvalidConfigException;

/**
 * How {@link SuperpixelOverlay} draws LIME-style segment weights.
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
    /**
     * Validates the style.
     *
     * @param topK           how many segments to highlight; at least 1
     * @param showPositive   highlight segments that support the target
     * @param showNegative   highlight segments that speak against it (this or {@code showPositive} must be true)
     * @param positiveColor  fill and outline of supporting segments; not null
     * @param negativeColor  fill and outline of opposing segments; not null
     * @param fillAlpha      opacity of the fill, in [0, 1]
     * @param boundaryColor  colour of every other segment boundary; {@code null}: none
     * @param thinBoundaries draw those boundaries one pixel wide rather than on both sides of each edge
     * @throws InvalidConfigException if topK is below 1, neither sign is shown, a sign colour is null or
     *         fillAlpha is outside [0, 1]
     */
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

    /**
     * The defaults: top 5 segments of either sign, LIME's green and red at opacity 0.35, thin yellow boundaries.
     *
     * @return the default style
     */
    public static SuperpixelStyle defaults() {
        return builder().build();
    }

    /**
     * Starts a style from the defaults.
     *
     * @return a new builder
     */
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

        /**
         * How many segments to highlight, by decreasing |weight| (default 5).
         *
         * @param v at least 1 (checked at {@link #build()})
         * @return this builder
         */
        public Builder topK(int v) {
            topK = v;
            return this;
        }

        /**
         * Whether segments that support the target are highlighted (default true).
         *
         * @param v true to highlight them; this or {@link #showNegative} must be true
         * @return this builder
         */
        public Builder showPositive(boolean v) {
            showPositive = v;
            return this;
        }

        /**
         * Whether segments that speak against the target are highlighted (default true).
         *
         * @param v true to highlight them; this or {@link #showPositive} must be true
         * @return this builder
         */
        public Builder showNegative(boolean v) {
            showNegative = v;
            return this;
        }

        /**
         * Fill and outline of supporting segments (default pure green, as LIME).
         *
         * @param v the colour; not null (checked at {@link #build()})
         * @return this builder
         */
        public Builder positiveColor(Color v) {
            positiveColor = v;
            return this;
        }

        /**
         * Fill and outline of opposing segments (default pure red, as LIME).
         *
         * @param v the colour; not null (checked at {@link #build()})
         * @return this builder
         */
        public Builder negativeColor(Color v) {
            negativeColor = v;
            return this;
        }

        /**
         * Opacity of the highlighted segments' fill (default 0.35).
         *
         * @param v in [0, 1]: 0 outlines only, 1 hides the image there (checked at {@link #build()})
         * @return this builder
         */
        public Builder fillAlpha(double v) {
            fillAlpha = v;
            return this;
        }

        /**
         * Colour of the other segments' boundaries (default yellow, as scikit-image's {@code mark_boundaries}).
         *
         * @param v the colour; {@code null}: no boundaries drawn
         * @return this builder
         */
        public Builder boundaryColor(Color v) {
            boundaryColor = v;
            return this;
        }

        /**
         * Whether the other boundaries are one pixel wide (default) or drawn on both sides of each edge.
         *
         * @param v true for {@link SegmentMap#thinBoundaries()}, false for {@link SegmentMap#boundaries()}
         * @return this builder
         */
        public Builder thinBoundaries(boolean v) {
            thinBoundaries = v;
            return this;
        }

        /**
         * The style as set.
         *
         * @return the style
         * @throws InvalidConfigException if topK is below 1, neither sign is shown, a sign colour is null or
         *         fillAlpha is outside [0, 1]
         */
        public SuperpixelStyle build() {
            return new SuperpixelStyle(topK, showPositive, showNegative, positiveColor, negativeColor, fillAlpha,
                    boundaryColor, thinBoundaries);
        }
    }
}
