package org.xai4j.viz.color;

import java.util.Map;
import org.xai4j.core.InvalidConfigException;

/**
 * Magnitude scaling: {@code t = clip(|v|/s, 0, 1)} with {@code s} the {@code percentile}-th
 * percentile of {@code |v|}; the sign is dropped. An all-zero map becomes all zeros.
 *
 * @param percentile in (0, 100]
 */
public record AbsolutePercentile(double percentile) implements Normalization {
    /**
     * Checks the percentile.
     *
     * @param percentile in (0, 100]
     * @throws org.xai4j.core.InvalidConfigException if {@code percentile} is outside (0, 100]
     */
    public AbsolutePercentile {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new InvalidConfigException("absolute percentile must lie in (0, 100] but was " + percentile);
        }
    }

    @Override
    public double[] apply(double[] values) {
        double[] abs = Percentiles.magnitudes(values, "map");
        return Percentiles.rescale(abs, 0, Percentiles.percentile(abs, percentile));
    }

    @Override
    public boolean signed() {
        return false;
    }

    @Override
    public Map<String, String> toMap() {
        return Percentiles.settings("absolute-percentile", "percentile", Double.toString(percentile));
    }
}
