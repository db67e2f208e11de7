package org.xai4j.metrics.uncertainty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xai4j.core.util.Checks;

/**
 * Calibration of a classifier's confidence (the largest class probability) against its accuracy:
 * <ul>
 *   <li>reliability-diagram bins: M equal-width bins over [0, 1]; bin m holds the samples whose confidence c
 *       satisfies m/M &lt; c ≤ (m+1)/M (a confidence of exactly 0 goes to the first bin);</li>
 *   <li>expected calibration error ECE = Σₘ (|Bₘ|/N) |acc(Bₘ) − conf(Bₘ)| (Naeini, Cooper, Hauskrecht:
 *       "Obtaining Well Calibrated Probabilities Using Bayesian Binning", AAAI 2015; Guo, Pleiss, Sun,
 *       Weinberger: "On Calibration of Modern Neural Networks", ICML 2017);</li>
 *   <li>maximum calibration error MCE = maxₘ |acc(Bₘ) − conf(Bₘ)| over non-empty bins;</li>
 *   <li>the multi-class Brier score (Brier, 1950): (1/N) Σᵢ Σₖ (pᵢₖ − 1[yᵢ = k])², from 0 to 2.</li>
 * </ul>
 *
 * @param ece   the expected calibration error
 * @param mce   the maximum calibration error
 * @param brier the Brier score
 * @param bins  the reliability-diagram bins, lowest first (empty bins included)
 */
public record Calibration(double ece, double mce, double brier, List<Bin> bins) {
    /** 15 bins, as Guo et al. */
    public static final int DEFAULT_BINS = 15;

    /**
     * One reliability-diagram bin.
     *
     * @param lower          the excluded lower edge
     * @param upper          the included upper edge
     * @param count          samples in the bin
     * @param meanConfidence their mean confidence ({@code NaN} when empty)
     * @param accuracy       the share of them predicted correctly ({@code NaN} when empty)
     */
    public record Bin(double lower, double upper, int count, double meanConfidence, double accuracy) {
        /**
         * |accuracy − mean confidence|, or 0 for an empty bin.
         *
         * @return the gap, in [0, 1]
         */
        public double gap() {
            return count == 0 ? 0 : Math.abs(accuracy - meanConfidence);
        }
    }

    /**
     * Copies {@code bins}.
     *
     * @param ece the expected calibration error, in [0, 1]
     * @param mce the maximum calibration error, in [0, 1]
     * @param brier the Brier score, in [0, 2]
     * @param bins the bins, lowest first
     */
    public Calibration {
        bins = List.copyOf(bins);
    }

    /**
     * With {@link #DEFAULT_BINS} bins.
     *
     * @param p the class probabilities of N samples
     * @param labels the N true classes, each in [0, K)
     * @return the calibration with 15 bins
     */
    public static Calibration of(ClassProbabilities p, int[] labels) {
        return of(p, labels, DEFAULT_BINS);
    }

    /**
     * Calibration of {@code p} against the true {@code labels} with {@code binCount} equal-width bins.
     *
     * @param p the class probabilities of N samples
     * @param labels the N true classes, each in [0, K)
     * @param binCount M, at least 1
     * @return the ECE, MCE, Brier score and the M bins
     * @throws org.xai4j.core.XaiException if {@code p} is null, {@code binCount} is below 1 or the labels do not
     *     match the samples
     */
    public static Calibration of(ClassProbabilities p, int[] labels, int binCount) {
        Checks.requireNonNull(p, "probabilities");
        Checks.requireAtLeast(binCount, 1, "bins");
        p.requireLabels(labels, "labels");
        int n = p.samples();
        int[] predicted = p.predicted();
        double[] conf = p.confidence();
        double[] edges = new double[binCount + 1];
        for (int m = 0; m <= binCount; m++) {
            edges[m] = m / (double) binCount;
        }
        int[] count = new int[binCount];
        double[] confSum = new double[binCount];
        int[] correct = new int[binCount];
        double brier = 0;
        for (int i = 0; i < n; i++) {
            int m = bin(conf[i], edges);
            count[m]++;
            confSum[m] += conf[i];
            if (predicted[i] == labels[i]) {
                correct[m]++;
            }
            for (int k = 0; k < p.classes(); k++) {
                double d = p.probability(i, k) - (k == labels[i] ? 1 : 0);
                brier += d * d;
            }
        }
        List<Bin> bins = new ArrayList<>(binCount);
        double ece = 0;
        double mce = 0;
        for (int m = 0; m < binCount; m++) {
            Bin b = count[m] == 0 ? new Bin(edges[m], edges[m + 1], 0, Double.NaN, Double.NaN)
                    : new Bin(edges[m], edges[m + 1], count[m], confSum[m] / count[m], correct[m] / (double) count[m]);
            bins.add(b);
            ece += count[m] / (double) n * b.gap();
            mce = Math.max(mce, b.gap());
        }
        return new Calibration(ece, mce, brier / n, bins);
    }

    /** The bin with edges[m] &lt; c ≤ edges[m+1]; c = 0 goes to bin 0. */
    private static int bin(double c, double[] edges) {
        int m = (int) Math.ceil(c * (edges.length - 1)) - 1;
        m = Math.max(0, Math.min(edges.length - 2, m));
        // correct the estimate where c·M rounded across an edge
        while (m > 0 && c <= edges[m]) {
            m--;
        }
        while (m < edges.length - 2 && c > edges[m + 1]) {
            m++;
        }
        return m;
    }

    /**
     * A JSON-friendly map.
     *
     * @return a new insertion-ordered map of plain values: the three scores and the bins
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ece", ece);
        m.put("mce", mce);
        m.put("brier", brier);
        List<Object> b = new ArrayList<>();
        for (Bin bin : bins) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("lower", bin.lower());
            e.put("upper", bin.upper());
            e.put("count", bin.count());
            e.put("meanConfidence", bin.count() == 0 ? null : bin.meanConfidence());
            e.put("accuracy", bin.count() == 0 ? null : bin.accuracy());
            b.add(e);
        }
        m.put("bins", b);
        return m;
    }
}
