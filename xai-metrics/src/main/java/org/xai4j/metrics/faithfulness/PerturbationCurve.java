package org.xai4j.metrics.faithfulness;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.Provenance;

/**
 * A perturbation curve per row: the target score after each step, against the fraction of features
 * perturbed, and the area under it by the trapezoidal rule over [0, 1]. Immutable.
 *
 * @param metric     {@code deletion}, {@code insertion}, {@code pixel-flipping} or {@code monotonicity}
 * @param fractions  the fraction of features perturbed at each point: 0, s/n, 2s/n, …, 1 (shared by all rows)
 * @param scores     {@code scores[i][j]}: row i's target score at point j
 * @param auc        the area under each row's curve
 * @param provenance how it was computed
 */
public record PerturbationCurve(String metric, double[] fractions, double[][] scores, double[] auc,
                                Provenance provenance) {
    /**
     * Copies the mutable arguments, so that later changes by the caller do not reach this record.
     *
     * @param metric {@code deletion}, {@code insertion}, {@code pixel-flipping} or {@code monotonicity}
     * @param fractions the fraction of features perturbed at each point: 0, s/n, 2s/n, …, 1 (shared by all rows)
     * @param scores {@code scores[i][j]}: row i's target score at point j
     * @param auc the area under each row's curve
     * @param provenance how it was computed
     */
    public PerturbationCurve {
        fractions = fractions.clone();
        scores = copy(scores);
        auc = auc.clone();
    }

    /**
     * The fraction of features perturbed at each point: 0, s/n, 2s/n, …, 1 (shared by all rows).
     *
     * @return a copy
     */
    @Override
    public double[] fractions() {
        return fractions.clone();
    }

    /**
     * {@code scores[i][j]}: row i's target score at point j.
     *
     * @return a copy
     */
    @Override
    public double[][] scores() {
        return copy(scores);
    }

    /**
     * The area under each row's curve.
     *
     * @return a copy
     */
    @Override
    public double[] auc() {
        return auc.clone();
    }

    /**
     * Row {@code i}'s curve.
     *
     * @param i a row, 0 ≤ i &lt; N
     * @return a copy of its scores, one per fraction
     */
    public double[] curve(int i) {
        return scores[i].clone();
    }

    /**
     * The mean over rows of the area under the curve.
     *
     * @return the mean of {@link #auc()}
     */
    public double meanAuc() {
        double s = 0;
        for (double a : auc) {
            s += a;
        }
        return s / auc.length;
    }

    /**
     * The mean curve over rows.
     *
     * @return a new array: per fraction, the mean score over rows
     */
    public double[] meanCurve() {
        double[] m = new double[fractions.length];
        for (double[] row : scores) {
            for (int j = 0; j < m.length; j++) {
                m[j] += row[j] / scores.length;
            }
        }
        return m;
    }

    /**
     * The trapezoidal area under y(x).
     *
     * @param x increasing abscissae
     * @param y the values at {@code x}, the same length
     * @return Σ (x[j+1] − x[j]) · (y[j] + y[j+1]) / 2; 0 for fewer than two points
     */
    public static double trapezoid(double[] x, double[] y) {
        double a = 0;
        for (int j = 0; j + 1 < x.length; j++) {
            a += (x[j + 1] - x[j]) * (y[j] + y[j + 1]) / 2;
        }
        return a;
    }

    /**
     * A JSON-friendly map.
     *
     * @return a new insertion-ordered map of plain values: the metric, fractions, mean curve, AUCs and provenance
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", metric);
        m.put("fractions", fractions.clone());
        m.put("meanCurve", meanCurve());
        m.put("auc", auc.clone());
        m.put("meanAuc", meanAuc());
        m.put("provenance", provenance == null ? null : provenance.toMap());
        return m;
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
