package org.xai4j.metrics.uncertainty;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.Checks;
import org.xai4j.metrics.InvalidProbabilitiesException;

/**
 * Counts of (true class, predicted class) pairs: {@code count(t, p)} samples of class t were predicted
 * as p. Rows are true classes, columns predictions. Immutable.
 */
public final class ConfusionMatrix {
    private final long[][] counts;

    private ConfusionMatrix(long[][] counts) {
        this.counts = counts;
    }

    /**
     * From true labels and predictions, both in [0, classes).
     *
     * @param labels the N true classes
     * @param predicted the N predicted classes
     * @param classes K, at least 1
     * @return the K×K counts
     * @throws InvalidShapeException if the arrays differ in length or a class is outside [0, K)
     */
    public static ConfusionMatrix of(int[] labels, int[] predicted, int classes) {
        Checks.requireNonNull(labels, "labels");
        Checks.requireNonNull(predicted, "predictions");
        Checks.requireAtLeast(classes, 2, "classes");
        if (labels.length != predicted.length || labels.length == 0) {
            throw new InvalidShapeException("confusion matrix needs as many predictions as labels (and at least one) but got "
                    + labels.length + " labels and " + predicted.length + " predictions");
        }
        long[][] c = new long[classes][classes];
        for (int i = 0; i < labels.length; i++) {
            check(labels[i], classes, "label", i);
            check(predicted[i], classes, "prediction", i);
            c[labels[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(c);
    }

    /**
     * From class probabilities (predicted = most probable class) and true labels.
     *
     * @param p the class probabilities of N samples
     * @param labels the N true classes
     * @return the K×K counts
     */
    public static ConfusionMatrix of(ClassProbabilities p, int[] labels) {
        p.requireLabels(labels, "labels");
        return of(labels, p.predicted(), p.classes());
    }

    private static void check(int v, int classes, String what, int i) {
        if (v < 0 || v >= classes) {
            throw new InvalidProbabilitiesException(what + " of sample " + i + " is " + v + ", outside 0.." + (classes - 1));
        }
    }

    /**
     * The number of classes.
     *
     * @return K
     */
    public int classes() {
        return counts.length;
    }

    /**
     * Samples of true class {@code t} predicted as {@code p}.
     *
     * @param t the true class
     * @param p the predicted class
     * @return the count, at least 0
     */
    public long count(int t, int p) {
        return counts[t][p];
    }

    /**
     * A copy of the K×K counts.
     *
     * @return a new K×K array: rows true class, columns predicted class
     */
    public long[][] counts() {
        return Arrays.stream(counts).map(long[]::clone).toArray(long[][]::new);
    }

    /**
     * The number of samples.
     *
     * @return N, the sum of all counts
     */
    public long total() {
        return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
    }

    /**
     * The share of samples on the diagonal.
     *
     * @return the accuracy, in [0, 1]
     */
    public double accuracy() {
        long d = 0;
        for (int k = 0; k < counts.length; k++) {
            d += counts[k][k];
        }
        return d / (double) total();
    }

    /**
     * Per class: correct / samples of that class; {@code NaN} for a class with no samples.
     *
     * @return a new array of K values in [0, 1] or NaN
     */
    public double[] recall() {
        double[] r = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            long row = Arrays.stream(counts[k]).sum();
            r[k] = row == 0 ? Double.NaN : counts[k][k] / (double) row;
        }
        return r;
    }

    /**
     * Per class: correct / predictions of that class; {@code NaN} for a class never predicted.
     *
     * @return a new array of K values in [0, 1] or NaN
     */
    public double[] precision() {
        double[] r = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            long col = 0;
            for (long[] row : counts) {
                col += row[k];
            }
            r[k] = col == 0 ? Double.NaN : counts[k][k] / (double) col;
        }
        return r;
    }

    /**
     * A JSON-friendly map: the counts (rows = true class) and the accuracy.
     *
     * @return a new insertion-ordered map of plain values
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("counts", Arrays.stream(counts).map(r -> Arrays.stream(r).boxed().toList()).toList());
        m.put("accuracy", accuracy());
        m.put("rowsAre", "true class");
        return m;
    }
}
