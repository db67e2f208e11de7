package org.xai4j.viz.color;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.InvalidConfigException;

/**
 * Min–max scaling between the {@code lo}-th and {@code hi}-th percentiles of the values (linear
 * interpolation, as numpy), with values outside clipped to 0 and 1. When both percentiles coincide
 * every value becomes 0.
 *
 * @param lo lower percentile in [0, 100)
 * @param hi upper percentile in (lo, 100]
 */
public record PercentileRange(double lo, double hi) implements Normalization {
    /**
     * Checks the percentiles.
     *
     * @param lo lower percentile in [0, 100)
     * @param hi upper percentile in (lo, 100]
     * @throws org.xai4j.core.InvalidConfigException unless 0 ≤ lo &lt; hi ≤ 100
     */
    public PercentileRange {
        if (!(lo >= 0 && hi <= 100 && lo < hi)) {
            throw new InvalidConfigException("percentile range needs 0 ≤ lo < hi ≤ 100 but was [" + lo + ", " + hi + "]");
        }
    }

    @Override
    public double[] apply(double[] values) {
        double[] sorted = Percentiles.sortedCopy(values, "map");
        double a = Percentiles.ofSorted(sorted, lo);
        double b = Percentiles.ofSorted(sorted, hi);
        double[] out = new double[values.length];
        if (b > a) {
            for (int i = 0; i < values.length; i++) {
                out[i] = Math.max(0.0, Math.min(1.0, (values[i] - a) / (b - a)));
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
        m.put("normalization", "percentile-range");
        m.put("lo", Double.toString(lo));
        m.put("hi", Double.toString(hi));
        return m;
    }
}
