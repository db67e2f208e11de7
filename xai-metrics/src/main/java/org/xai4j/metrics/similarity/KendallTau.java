package org.xai4j.metrics.similarity;

import java.util.Map;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.xai4j.metrics.UndefinedMetricException;

/**
 * Kendall's τ-b (Kendall, 1945: "The treatment of ties in ranking problems"), the tie-corrected rank
 * correlation τ-b = (P − Q) / √((P + Q + T) (P + Q + U)), with P concordant and Q discordant pairs, T pairs
 * tied only in the first row and U only in the second; scipy's {@code kendalltau} default. Computed with
 * Knight's O(n log n) algorithm (commons-math3). Undefined
 * ({@link UndefinedMetricException}) when either row is constant.
 */
public final class KendallTau implements MapSimilarity {
    @Override
    public String name() {
        return "kendall";
    }

    @Override
    public Map<String, String> config() {
        return Map.of("variant", "tau-b");
    }

    @Override
    public double between(double[] a, double[] b, long[] rowShape) {
        if (a.length < 2) {
            throw new UndefinedMetricException("Kendall's tau needs at least 2 elements but the rows have " + a.length);
        }
        if (constant(a) || constant(b)) {
            throw new UndefinedMetricException("Kendall's tau is undefined: the " + (constant(a) ? "first" : "second")
                    + " map is constant (every pair tied)");
        }
        double t = new KendallsCorrelation().correlation(a, b);
        return Math.max(-1.0, Math.min(1.0, t));
    }

    private static boolean constant(double[] v) {
        for (double x : v) {
            if (x != v[0]) {
                return false;
            }
        }
        return true;
    }
}
