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
    public OverlayStyle {
        if (colormap == null || normalization == null || alphaMode == null) {
            throw new InvalidConfigException("overlay colormap, normalization and alpha mode must not be null");
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new InvalidConfigException("overlay alpha must lie in [0, 1] but was " + alpha);
        }
    }

    /** The defaults: jet, min–max, alpha 0.5, constant. */
    public static OverlayStyle defaults() {
        return builder().build();
    }

    /** For signed attributions: bwr, symmetric scaling at the 99th percentile of |v|, value-weighted alpha 0.8. */
    public static OverlayStyle signed() {
        return builder().colormap(Colormap.BWR).normalization(Normalization.symmetric(99)).alpha(0.8)
                .alphaMode(AlphaMode.BY_VALUE).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings as text. */
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

        public Builder colormap(Colormap v) {
            colormap = v;
            return this;
        }

        public Builder normalization(Normalization v) {
            normalization = v;
            return this;
        }

        public Builder alpha(double v) {
            alpha = v;
            return this;
        }

        public Builder alphaMode(AlphaMode v) {
            alphaMode = v;
            return this;
        }

        public OverlayStyle build() {
            return new OverlayStyle(colormap, normalization, alpha, alphaMode);
        }
    }
}
