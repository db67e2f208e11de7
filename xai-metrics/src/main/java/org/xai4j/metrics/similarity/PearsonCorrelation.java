package org.xai4j.metrics.similarity;

import java.util.Map;
import org.xai4j.metrics.UndefinedMetricException;

/**
 * Pearson's product-moment correlation r between the flattened rows (Pearson, 1895), as scipy's
 * {@code pearsonr}. Computed in two passes around the means. Undefined (and reported as
 * {@link UndefinedMetricException}) when either row is constant.
 */
public final class PearsonCorrelation implements MapSimilarity {
    @Override
    public String name() {
        return "pearson";
    }

    @Override
    public Map<String, String> config() {
        return Map.of();
    }

    @Override
    public double between(double[] a, double[] b, long[] rowShape) {
        return correlation(a, b, "Pearson correlation");
    }

    /** Pearson's r of two equally long arrays; {@code what} names the metric in error messages. */
    static double correlation(double[] a, double[] b, String what) {
        int n = a.length;
        if (n < 2) {
            throw new UndefinedMetricException(what + " needs at least 2 elements but the rows have " + n);
        }
        double ma = 0, mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i] - ma;
            double db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        if (saa == 0 || sbb == 0) {
            throw new UndefinedMetricException(what + " is undefined: the " + (saa == 0 ? "first" : "second")
                    + " map is constant (zero variance)");
        }
        double r = sab / Math.sqrt(saa * sbb);
        return Math.max(-1.0, Math.min(1.0, r));
    }
}
