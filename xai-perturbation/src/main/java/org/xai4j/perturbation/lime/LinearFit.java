package org.xai4j.perturbation.lime;

/**
 * A fitted linear model ŷ = intercept + x·coefficients with its weighted coefficient of determination
 * R² = 1 − Σ w (y − ŷ)² / Σ w (y − ȳ_w)² on the data it was fitted to (sklearn's {@code score} with
 * sample weights; 1 when the targets do not vary and the fit is exact, 0 when they do not vary otherwise).
 *
 * @param coefficients one coefficient per feature (column of the design matrix); copied in and out
 * @param intercept    the constant term b
 * @param r2           the weighted R² on the fitted data, at most 1 (negative when worse than the weighted mean)
 */
public record LinearFit(double[] coefficients, double intercept, double r2) {
    /**
     * Copies {@code coefficients}.
     *
     * @param coefficients one coefficient per feature; not null
     * @param intercept    the constant term
     * @param r2           the weighted R² on the fitted data
     */
    public LinearFit {
        coefficients = coefficients.clone();
    }

    /**
     * The coefficients.
     *
     * @return a copy, one per feature
     */
    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /**
     * The model's prediction for {@code x}.
     *
     * @param x one sample, at least as long as {@link #coefficients()} (extra entries are ignored)
     * @return intercept + Σ_j coefficients[j]·x[j]
     */
    public double predict(double[] x) {
        double s = intercept;
        for (int j = 0; j < coefficients.length; j++) {
            s += coefficients[j] * x[j];
        }
        return s;
    }

    /**
     * The weighted R² of {@code coefficients} and {@code intercept} on (x, y, w), given the weighted mean of y
     * ({@link WeightedMeans#y()}).
     */
    static double weightedR2(double[][] x, double[] y, double[] w, double[] coefficients, double intercept,
                             double meanY) {
        double res = 0;
        double tot = 0;
        for (int i = 0; i < y.length; i++) {
            double p = intercept;
            for (int j = 0; j < coefficients.length; j++) {
                p += coefficients[j] * x[i][j];
            }
            res += w[i] * (y[i] - p) * (y[i] - p);
            tot += w[i] * (y[i] - meanY) * (y[i] - meanY);
        }
        if (tot == 0) {
            return res == 0 ? 1.0 : 0.0;
        }
        return 1.0 - res / tot;
    }
}
