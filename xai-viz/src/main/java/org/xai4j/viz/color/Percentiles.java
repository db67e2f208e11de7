package org.xai4j.viz.color;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;

/** Order statistics used by {@link Normalization}. None modifies its argument. */
public final class Percentiles {
    private Percentiles() {
    }

    /**
     * The {@code p}-th percentile ({@code 0 ≤ p ≤ 100}) with linear interpolation between order
     * statistics: rank {@code p/100·(n−1)} in the sorted values (numpy's default method).
     *
     * @param values the values (not modified), not empty
     * @param p the percentile, in [0, 100]
     * @return the percentile value
     */
    public static double percentile(double[] values, double p) {
        double[] s = sortedCopy(values, "percentile input");
        return ofSorted(s, p);
    }

    /** {@link #percentile} of values already sorted ascending. */
    static double ofSorted(double[] sorted, double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new InvalidConfigException("percentile must lie in [0, 100] but was " + p);
        }
        double rank = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double w = rank - lo;
        return sorted[lo] + w * (sorted[hi] - sorted[lo]);
    }

    /**
     * The cumulative-mass threshold of Captum's image visualisation: sort the (non-negative) values
     * ascending and return the first one at which the running sum reaches {@code p} percent of the
     * total. With {@code p = 98} (Captum's {@code outlier_perc = 2}) the largest values that together
     * hold 2 % of the mass are clipped. Returns 0 when every value is 0.
     *
     * @param nonNegative the values, each at least 0 (not modified)
     * @param p the percentage of the total mass, in [0, 100]
     * @return the threshold value
     */
    public static double cumulativeMassThreshold(double[] nonNegative, double p) {
        if (!(p > 0 && p <= 100)) {
            throw new InvalidConfigException("cumulative-mass percentile must lie in (0, 100] but was " + p);
        }
        double[] s = sortedCopy(nonNegative, "cumulative-mass input");
        if (s[0] < 0) {
            throw new InvalidConfigException("cumulative-mass threshold needs non-negative values but got " + s[0]);
        }
        double total = 0;
        for (double v : s) {
            total += v;
        }
        double goal = total * 0.01 * p;
        double run = 0;
        for (double v : s) {
            run += v;
            if (run >= goal) {
                return v;
            }
        }
        return s[s.length - 1]; // rounding left the running sum a hair short of the total
    }

    static double[] sortedCopy(double[] values, String name) {
        requireFinite(values, name);
        double[] s = values.clone();
        Arrays.sort(s);
        return s;
    }

    /** |v| of every value, after {@link #requireFinite} under {@code name}. */
    static double[] magnitudes(double[] values, String name) {
        requireFinite(values, name);
        double[] abs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            abs[i] = Math.abs(values[i]);
        }
        return abs;
    }

    /** clip((v − lo)/(hi − lo), 0, 1) of every value; all zeros unless hi &gt; lo. */
    static double[] rescale(double[] values, double lo, double hi) {
        double[] out = new double[values.length];
        if (hi > lo) {
            for (int i = 0; i < values.length; i++) {
                out[i] = Math.max(0.0, Math.min(1.0, (values[i] - lo) / (hi - lo)));
            }
        }
        return out;
    }

    /** 0.5 + 0.5 · clip(v / s, −1, 1) of every value: zero at 0.5, ±s and beyond at 0 and 1; all 0.5 unless s &gt; 0. */
    static double[] centred(double[] values, double s) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double r = s > 0 ? Math.max(-1.0, Math.min(1.0, values[i] / s)) : 0.0;
            out[i] = 0.5 + 0.5 * r;
        }
        return out;
    }

    /**
     * A normalisation's settings for provenance: {@code normalization=name}, then the given key-value pairs.
     *
     * @param name      the normalisation's kebab-case name
     * @param keyValues alternating keys and values, in the order they are to appear
     * @return a new ordered map
     */
    static Map<String, String> settings(String name, String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("normalization", name);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /**
     * Fails on a null or empty array or on NaN/infinity, naming the first offending index.
     *
     * @param values the values
     * @param name what to call them in the message
     */
    public static void requireFinite(double[] values, String name) {
        if (values == null || values.length == 0) {
            throw new InvalidShapeException(name + ": expected at least one value but got none");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new NonFiniteValueException(name + " holds " + values[i] + " at index " + i);
            }
        }
    }
}
