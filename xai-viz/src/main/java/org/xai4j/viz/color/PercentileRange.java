package org.xai4j.viz.color;

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
        return Percentiles.rescale(values, Percentiles.ofSorted(sorted, lo), Percentiles.ofSorted(sorted, hi));
    }

    @Override
    public boolean signed() {
        return false;
    }

    @Override
    public Map<String, String> toMap() {
        return Percentiles.settings("percentile-range", "lo", Double.toString(lo), "hi", Double.toString(hi));
    }
}
