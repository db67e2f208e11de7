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
        return Percentiles.centred(values, Percentiles.percentile(Percentiles.magnitudes(values, "map"), percentile));
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
