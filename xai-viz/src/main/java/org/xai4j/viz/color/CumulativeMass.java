package org.xai4j.viz.color;

import java.util.Locale;
import java.util.Map;
import org.xai4j.core.InvalidConfigException;

/**
 * The scaling of Captum's {@code visualize_image_attr}: a threshold {@code s} is the value at which the
 * ascending running sum of the selected magnitudes reaches {@code 100 − outlierPercent} percent of their
 * total ({@link Percentiles#cumulativeMassThreshold}); values are divided by {@code s} and clipped.
 *
 * <ul>
 *   <li>{@link Sign#ALL}: {@code s} from |v|; {@code t = 0.5 + 0.5·clip(v/s, −1, 1)} (signed);</li>
 *   <li>{@link Sign#POSITIVE}: negatives set to 0, {@code t = clip(v/s, 0, 1)};</li>
 *   <li>{@link Sign#NEGATIVE}: positives set to 0, {@code t = clip(|v|/s, 0, 1)} (strongest negative at 1);</li>
 *   <li>{@link Sign#ABSOLUTE_VALUE}: {@code t = clip(|v|/s, 0, 1)}.</li>
 * </ul>
 * When the selected magnitudes are all zero, every position is 0 (0.5 for {@code ALL}); Captum
 * refuses such a map instead.
 *
 * @param outlierPercent share of the mass to clip, in [0, 100) (Captum's default is 2)
 * @param sign           which part of the map to show
 */
public record CumulativeMass(double outlierPercent, Sign sign) implements Normalization {
    /** Which values a Captum-style visualisation shows. */
    public enum Sign {
        /** Both signs, zero at position 0.5, for a diverging colormap (Captum's {@code "all"}). */
        ALL,
        /** Only the positive values; negative ones are drawn as zero (Captum's {@code "positive"}). */
        POSITIVE,
        /** Only the negative values, by magnitude; positive ones are drawn as zero (Captum's {@code "negative"}). */
        NEGATIVE,
        /** The magnitudes |v| (Captum's {@code "absolute_value"}). */
        ABSOLUTE_VALUE;

        /**
         * Kebab-case name ({@code absolute-value}).
         *
         * @return the name, e.g. {@code absolute-value}
         */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Checks the values.
     *
     * @param outlierPercent share of the mass to clip, in [0, 100) (Captum's default is 2)
     * @param sign which part of the map to show
     * @throws org.xai4j.core.InvalidConfigException if {@code outlierPercent} is outside [0, 100) or {@code sign}
     *     is null
     */
    public CumulativeMass {
        if (!(outlierPercent >= 0 && outlierPercent < 100)) {
            throw new InvalidConfigException("outlier percent must lie in [0, 100) but was " + outlierPercent);
        }
        if (sign == null) {
            throw new InvalidConfigException("sign must not be null");
        }
    }

    @Override
    public double[] apply(double[] values) {
        Percentiles.requireFinite(values, "map");
        double[] sel = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            sel[i] = switch (sign) {
                case ALL, ABSOLUTE_VALUE -> Math.abs(v);
                case POSITIVE -> Math.max(v, 0.0);
                case NEGATIVE -> Math.max(-v, 0.0);
            };
        }
        double s = Percentiles.cumulativeMassThreshold(sel, 100.0 - outlierPercent);
        return sign == Sign.ALL ? Percentiles.centred(values, s) : Percentiles.rescale(sel, 0.0, s);
    }

    @Override
    public boolean signed() {
        return sign == Sign.ALL;
    }

    @Override
    public Map<String, String> toMap() {
        return Percentiles.settings("cumulative-mass", "outlierPercent", Double.toString(outlierPercent), "sign", sign.id());
    }
}
