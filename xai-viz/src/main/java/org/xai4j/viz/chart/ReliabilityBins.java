package org.xai4j.viz.chart;

import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;

/**
 * Equal-width confidence bins for a reliability diagram (Guo et al., 2017, "On Calibration of Modern
 * Neural Networks"): bin {@code b} of {@code B} holds predictions with confidence in
 * {@code (b/B, (b+1)/B]} (confidence 0 goes to the first bin). Empty bins have count 0 and accuracy
 * and confidence 0.
 *
 * @param accuracy   fraction correct per bin
 * @param confidence mean confidence per bin
 * @param counts     predictions per bin
 */
public record ReliabilityBins(double[] accuracy, double[] confidence, int[] counts) {
    /**
     * Checks and copies the arrays.
     *
     * @param accuracy fraction correct per bin
     * @param confidence mean confidence per bin
     * @param counts predictions per bin
     * @throws org.xai4j.core.InvalidShapeException if the arrays are empty or differ in length
     */
    public ReliabilityBins {
        if (accuracy == null || confidence == null || counts == null || accuracy.length == 0
                || accuracy.length != confidence.length || accuracy.length != counts.length) {
            throw new InvalidShapeException("reliability bins need equally long, non-empty accuracy, confidence and counts");
        }
        accuracy = accuracy.clone();
        confidence = confidence.clone();
        counts = counts.clone();
    }

    /**
     * Bins {@code confidences} (each in [0, 1]) with whether each prediction was right.
     *
     * @param confidences the predictions' confidences, each in [0, 1]
     * @param correct whether each prediction was right
     * @param bins the number of equal-width bins, at least 1
     * @return the bins
     */
    public static ReliabilityBins of(double[] confidences, boolean[] correct, int bins) {
        if (bins < 1) {
            throw new InvalidConfigException("need at least one bin but got " + bins);
        }
        if (confidences == null || correct == null || confidences.length != correct.length || confidences.length == 0) {
            throw new InvalidShapeException("need one correctness flag per confidence (at least one) but got "
                    + (confidences == null ? "null" : confidences.length) + " and " + (correct == null ? "null" : correct.length));
        }
        double[] acc = new double[bins];
        double[] conf = new double[bins];
        int[] n = new int[bins];
        for (int i = 0; i < confidences.length; i++) {
            double c = confidences[i];
            if (!Double.isFinite(c)) {
                throw new NonFiniteValueException("confidence " + i + " is " + c);
            }
            if (c < 0 || c > 1) {
                throw new InvalidConfigException("confidence " + i + " is " + c + ", outside [0, 1]");
            }
            int b = c == 0 ? 0 : Math.min(bins - 1, (int) Math.ceil(c * bins) - 1);
            n[b]++;
            conf[b] += c;
            acc[b] += correct[i] ? 1 : 0;
        }
        for (int b = 0; b < bins; b++) {
            if (n[b] > 0) {
                conf[b] /= n[b];
                acc[b] /= n[b];
            }
        }
        return new ReliabilityBins(acc, conf, n);
    }

    /**
     * Number of bins.
     *
     * @return the number of bins
     */
    public int size() {
        return counts.length;
    }

    /**
     * Expected calibration error: Σ_b (n_b / N)·|accuracy_b − confidence_b|.
     *
     * @return the ECE, in [0, 1]
     */
    public double expectedCalibrationError() {
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        double e = 0;
        for (int b = 0; b < counts.length; b++) {
            e += counts[b] / (double) total * Math.abs(accuracy[b] - confidence[b]);
        }
        return e;
    }

    /**
     * Fraction correct per bin.
     *
     * @return a copy
     */
    @Override
    public double[] accuracy() {
        return accuracy.clone();
    }

    /**
     * Mean confidence per bin.
     *
     * @return a copy
     */
    @Override
    public double[] confidence() {
        return confidence.clone();
    }

    /**
     * Predictions per bin.
     *
     * @return a copy
     */
    @Override
    public int[] counts() {
        return counts.clone();
    }
}
