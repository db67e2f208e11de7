package org.xai4j.concepts.tcav;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.inference.TTest;

/** Means, standard deviations and the two-sided t-test TCAV reports. */
final class Stats {
    private Stats() {
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    static double std(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    /**
     * Two-sided two-sample Student t-test with pooled variance (scipy's {@code ttest_ind}, which Kim et al.'s code
     * uses), by Commons Math. When both samples are constant the statistic is undefined: p = 1 if their values are
     * equal, else 0.
     */
    static double pValue(double[] a, double[] b) {
        if (std(a) == 0 && std(b) == 0) {
            return mean(a) == mean(b) ? 1.0 : 0.0;
        }
        return new TTest().homoscedasticTTest(a, b);
    }

    static List<Double> list(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(x);
        }
        return out;
    }
}
