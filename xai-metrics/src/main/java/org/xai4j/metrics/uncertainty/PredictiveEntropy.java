package org.xai4j.metrics.uncertainty;

import org.xai4j.core.util.Checks;

/**
 * Predictive entropy H(p) = −Σₖ pₖ ln pₖ (Shannon, 1948; in nats, 0 ln 0 = 0) of each sample's class
 * probabilities, from 0 (certain) to ln K (uniform), and its mean over the samples of each class.
 *
 * @param perSample    the entropy of each sample
 * @param perClassMean for each class, the mean entropy of the samples grouped into it; {@code NaN} for a
 *                     class with no samples
 * @param perClassCount how many samples each class has
 * @param maximum      ln K, the largest possible entropy
 */
public record PredictiveEntropy(double[] perSample, double[] perClassMean, int[] perClassCount, double maximum) {
    /**
     * Copies the arrays.
     *
     * @param perSample the entropy of each sample, in nats
     * @param perClassMean for each class, the mean entropy of its samples, NaN for an empty class
     * @param perClassCount how many samples each class has
     * @param maximum ln K
     */
    public PredictiveEntropy {
        perSample = perSample.clone();
        perClassMean = perClassMean.clone();
        perClassCount = perClassCount.clone();
    }

    /**
     * The entropy of each sample.
     *
     * @return a copy of the N entropies in nats, each in [0, ln K]
     */
    @Override
    public double[] perSample() {
        return perSample.clone();
    }

    /**
     * The mean entropy of each class's samples.
     *
     * @return a copy of K means in nats, NaN for a class with no samples
     */
    @Override
    public double[] perClassMean() {
        return perClassMean.clone();
    }

    /**
     * The number of samples in each class.
     *
     * @return a copy of the K counts, summing to N
     */
    @Override
    public int[] perClassCount() {
        return perClassCount.clone();
    }

    /**
     * The mean entropy over all samples.
     *
     * @return the mean in nats, in [0, ln K]
     */
    public double mean() {
        double s = 0;
        for (double h : perSample) {
            s += h;
        }
        return s / perSample.length;
    }

    /**
     * Entropies grouped by each sample's predicted class.
     *
     * @param p the class probabilities
     * @return the entropies, grouped by predicted class
     */
    public static PredictiveEntropy of(ClassProbabilities p) {
        return of(p, p.predicted());
    }

    /**
     * Entropies grouped by the given class of each sample (for instance its true label).
     *
     * @param p the class probabilities of N samples
     * @param groups the class of each sample, each in [0, K)
     * @return the entropies, grouped by {@code groups}
     */
    public static PredictiveEntropy of(ClassProbabilities p, int[] groups) {
        Checks.requireNonNull(p, "probabilities");
        p.requireLabels(groups, "groups");
        int n = p.samples();
        int k = p.classes();
        double[] h = new double[n];
        double[] sum = new double[k];
        int[] count = new int[k];
        for (int i = 0; i < n; i++) {
            double e = 0;
            for (int c = 0; c < k; c++) {
                double q = p.probability(i, c);
                if (q > 0) {
                    e -= q * Math.log(q);
                }
            }
            h[i] = e;
            sum[groups[i]] += e;
            count[groups[i]]++;
        }
        double[] mean = new double[k];
        for (int c = 0; c < k; c++) {
            mean[c] = count[c] == 0 ? Double.NaN : sum[c] / count[c];
        }
        return new PredictiveEntropy(h, mean, count, Math.log(k));
    }
}
