package org.xai4j.viz.image;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.viz.color.Colormap;
import org.xai4j.viz.color.Normalization;

/**
 * How {@link Overlay} draws a map over its image.
 *
 * @param colormap      the colours (default {@link Colormap#JET}, as pytorch-grad-cam)
 * @param normalization values to colormap positions (default {@link Normalization#minMax()})
 * @param alpha         weight of the heatmap, in [0, 1] (default 0.5)
 * @param alphaMode     constant or value-weighted alpha (default {@link AlphaMode#CONSTANT})
 */
public record OverlayStyle(Colormap colormap, Normalization normalization, double alpha, AlphaMode alphaMode) {
    /**
     * Validates the style.
     *
     * @param colormap      the colours; not null
     * @param normalization values to colormap positions; not null
     * @param alpha         weight of the heatmap, in [0, 1]
     * @param alphaMode     constant or value-weighted alpha; not null
     * @throws InvalidConfigException if an argument is null or alpha is outside [0, 1]
     */
    public OverlayStyle {
        if (colormap == null || normalization == null || alphaMode == null) {
            throw new InvalidConfigException("overlay colormap, normalization and alpha mode must not be null");
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new InvalidConfigException("overlay alpha must lie in [0, 1] but was " + alpha);
        }
    }

    /**
     * The defaults: jet, min–max, alpha 0.5, constant.
     *
     * @return the default style
     */
    public static OverlayStyle defaults() {
        return builder().build();
    }

    /**
     * For signed attributions: bwr, symmetric scaling at the 99th percentile of |v|, value-weighted alpha 0.8.
     *
     * @return the style for maps with negative values (blue below zero, red above, white at zero)
     */
    public static OverlayStyle signed() {
        return signed(Normalization.symmetric(99));
    }

    /**
     * The {@link #signed()} style with another scaling, e.g. one fixed range shared by several maps.
     *
     * @param normalization how values map to [0, 1] (symmetric about zero, for the white to sit at zero)
     * @return bwr with value-weighted alpha 0.8 and {@code normalization}
     */
    public static OverlayStyle signed(Normalization normalization) {
        return builder().colormap(Colormap.BWR).normalization(normalization).alpha(0.8)
                .alphaMode(AlphaMode.BY_VALUE).build();
    }

    /**
     * Starts a style from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The settings as text, for provenance and reports.
     *
     * @return keys {@code colormap}, the normalisation's keys, {@code alpha} and {@code alphaMode}, in that order
     */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("colormap", colormap.id());
        m.putAll(normalization.toMap());
        m.put("alpha", Double.toString(alpha));
        m.put("alphaMode", alphaMode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        return m;
    }

    /** Builder with the defaults above. */
    public static final class Builder {
        private Colormap colormap = Colormap.JET;
        private Normalization normalization = Normalization.minMax();
        private double alpha = 0.5;
        private AlphaMode alphaMode = AlphaMode.CONSTANT;

        private Builder() {
        }

        /**
         * The colours of normalised positions (default {@link Colormap#JET}).
         *
         * @param v the colormap; not null at {@link #build()}
         * @return this builder
         */
        public Builder colormap(Colormap v) {
            colormap = v;
            return this;
        }

        /**
         * How map values become positions in [0, 1] (default {@link Normalization#minMax()}).
         *
         * @param v the normalisation; not null at {@link #build()}
         * @return this builder
         */
        public Builder normalization(Normalization v) {
            normalization = v;
            return this;
        }

        /**
         * The heatmap's weight in the blend (default 0.5).
         *
         * @param v in [0, 1]: 0 shows only the image, 1 only the heatmap (checked at {@link #build()})
         * @return this builder
         */
        public Builder alpha(double v) {
            alpha = v;
            return this;
        }

        /**
         * Whether alpha is the same everywhere or weighted by each position's value (default constant).
         *
         * @param v the mode; not null at {@link #build()}
         * @return this builder
         */
        public Builder alphaMode(AlphaMode v) {
            alphaMode = v;
            return this;
        }

        /**
         * The style as set.
         *
         * @return the style
         * @throws InvalidConfigException if a setting is null or alpha is outside [0, 1]
         */
        public OverlayStyle build() {
            return new OverlayStyle(colormap, normalization, alpha, alphaMode);
        }
    }
}
