package org.xai4j.viz.color;

import java.util.Map;
import org.xai4j.core.InvalidConfigException;

/**
 * Signed scaling around zero: {@code t = 0.5 + 0.5·clip(v/s, −1, 1)} with {@code s} the
 * {@code percentile}-th percentile of {@code |v|} (100 = the largest magnitude). An all-zero map
 * becomes all 0.5.
 *
 * @param percentile in (0, 100]
 */
public record Symmetric(double percentile) implements Normalization {
    /**
     * Checks the percentile.
     *
     * @param percentile in (0, 100]
     * @throws org.xai4j.core.InvalidConfigException if {@code percentile} is outside (0, 100]
     */
    public Symmetric {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new InvalidConfigException("symmetric normalisation percentile must lie in (0, 100] but was "
                    + percentile);
        }
    }

    @Override
    public double[] apply(double[] values) {
        double s = Percentiles.percentile(Percentiles.magnitudes(values, "map"), percentile);
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double r = s > 0 ? Math.max(-1.0, Math.min(1.0, values[i] / s)) : 0.0;
            out[i] = 0.5 + 0.5 * r;
        }
        return out;
    }

    @Override
    public boolean signed() {
        return true;
    }

    @Override
    public Map<String, String> toMap() {
        return Percentiles.settings("symmetric", "percentile", Double.toString(percentile));
    }
}
