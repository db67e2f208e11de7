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

    /** From true labels and predictions, both in [0, classes). */
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

    /** From class probabilities (predicted = most probable class) and true labels. */
    public static ConfusionMatrix of(ClassProbabilities p, int[] labels) {
        p.requireLabels(labels, "labels");
        return of(labels, p.predicted(), p.classes());
    }

    private static void check(int v, int classes, String what, int i) {
        if (v < 0 || v >= classes) {
            throw new InvalidProbabilitiesException(what + " of sample " + i + " is " + v + ", outside 0.." + (classes - 1));
        }
    }

    /** The number of classes. */
    public int classes() {
        return counts.length;
    }

    /** Samples of true class {@code t} predicted as {@code p}. */
    public long count(int t, int p) {
        return counts[t][p];
    }

    /** A copy of the K×K counts. */
    public long[][] counts() {
        return Arrays.stream(counts).map(long[]::clone).toArray(long[][]::new);
    }

    /** The number of samples. */
    public long total() {
        return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
    }

    /** The share of samples on the diagonal. */
    public double accuracy() {
        long d = 0;
        for (int k = 0; k < counts.length; k++) {
            d += counts[k][k];
        }
        return d / (double) total();
    }

    /** Per class: correct / samples of that class; {@code NaN} for a class with no samples. */
    public double[] recall() {
        double[] r = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            long row = Arrays.stream(counts[k]).sum();
            r[k] = row == 0 ? Double.NaN : counts[k][k] / (double) row;
        }
        return r;
    }

    /** Per class: correct / predictions of that class; {@code NaN} for a class never predicted. */
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

    /** A JSON-friendly map: the counts (rows = true class) and the accuracy. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("counts", Arrays.stream(counts).map(r -> Arrays.stream(r).boxed().toList()).toList());
        m.put("accuracy", accuracy());
        m.put("rowsAre", "true class");
        return m;
    }
}
