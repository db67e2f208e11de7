package org.xai4j.viz.color;

import java.util.Map;

/** {@code (v − min)/(max − min)}; a constant map (max = min) becomes all zeros. */
public record MinMax() implements Normalization {
    @Override
    public double[] apply(double[] values) {
        Percentiles.requireFinite(values, "map");
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return Percentiles.rescale(values, lo, hi);
    }

    @Override
    public boolean signed() {
        return false;
    }

    @Override
    public Map<String, String> toMap() {
        return Percentiles.settings("min-max");
    }
}
