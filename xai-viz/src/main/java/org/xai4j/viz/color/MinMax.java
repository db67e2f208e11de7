package org.xai4j.viz.color;

import java.util.LinkedHashMap;
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
        double[] out = new double[values.length];
        double range = hi - lo;
        if (range > 0) {
            for (int i = 0; i < values.length; i++) {
                out[i] = (values[i] - lo) / range;
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
        m.put("normalization", "min-max");
        return m;
    }
}
