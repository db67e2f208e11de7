package org.xai4j.metrics.similarity;

import java.util.Map;

/**
 * The mean absolute difference (1/n) Σ |aᵢ − bᵢ| of the flattened rows: a distance (0 for identical maps),
 * defined for every input. Compare maps on a common scale (normalise them first) for the value to mean
 * something across methods.
 */
public final class MeanAbsoluteDifference implements MapSimilarity {
    @Override
    public String name() {
        return "mean-absolute-difference";
    }

    @Override
    public Map<String, String> config() {
        return Map.of();
    }

    @Override
    public boolean higherIsMoreSimilar() {
        return false;
    }

    @Override
    public double between(double[] a, double[] b, long[] rowShape) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s / a.length;
    }
}
