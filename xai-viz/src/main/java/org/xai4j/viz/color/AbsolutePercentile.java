package org.xai4j.viz.color;

import java.util.LinkedHashMap;
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
        Percentiles.requireFinite(values, "map");
        double[] abs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            abs[i] = Math.abs(values[i]);
        }
        double s = Percentiles.percentile(abs, percentile);
        double[] out = new double[values.length];
        if (s > 0) {
            for (int i = 0; i < values.length; i++) {
                out[i] = Math.min(1.0, abs[i] / s);
            }
        }
        return out;
    }

    @Override
    public boolean signed() {
        return false;
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("normalization", "absolute-percentile");
        m.put("percentile", Double.toString(percentile));
        return m;
    }
}
