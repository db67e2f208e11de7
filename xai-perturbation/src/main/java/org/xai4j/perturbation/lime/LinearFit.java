package org.xai4j.perturbation.lime;

/**
 * A fitted linear model ŷ = intercept + x·coefficients with its weighted coefficient of determination
 * R² = 1 − Σ w (y − ŷ)² / Σ w (y − ȳ_w)² on the data it was fitted to (sklearn's {@code score} with
 * sample weights; 1 when the targets do not vary and the fit is exact, 0 when they do not vary otherwise).
 */
public record LinearFit(double[] coefficients, double intercept, double r2) {
    public LinearFit {
        coefficients = coefficients.clone();
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** The model's prediction for {@code x}. */
    public double predict(double[] x) {
        double s = intercept;
        for (int j = 0; j < coefficients.length; j++) {
            s += coefficients[j] * x[j];
        }
        return s;
    }

    /** The weighted R² of {@code coefficients} and {@code intercept} on (x, y, w). */
    static double weightedR2(double[][] x, double[] y, double[] w, double[] coefficients, double intercept) {
        double sw = 0;
        double my = 0;
        for (int i = 0; i < y.length; i++) {
            sw += w[i];
            my += w[i] * y[i];
        }
        my /= sw;
        double res = 0;
        double tot = 0;
        for (int i = 0; i < y.length; i++) {
            double p = intercept;
            for (int j = 0; j < coefficients.length; j++) {
                p += coefficients[j] * x[i][j];
            }
            res += w[i] * (y[i] - p) * (y[i] - p);
            tot += w[i] * (y[i] - my) * (y[i] - my);
        }
        if (tot == 0) {
            return res == 0 ? 1.0 : 0.0;
        }
        return 1.0 - res / tot;
    }
}
