package org.xai4j.perturbation.lime;

import org.xai4j.core.util.Checks;

/**
 * Weighted lasso with an unpenalised intercept, in sklearn's scaling: minimises
 * Σ_i w_i (y_i − b − x_i·β)² / (2 Σ_i w_i) + α‖β‖₁ (Tibshirani 1996). Cyclic coordinate descent with
 * soft thresholding on weighted-centred data, until no coefficient moves by more than 1e-10 times the
 * spread of y, or 10 000 sweeps.
 */
public final class WeightedLasso {
    private static final int MAX_SWEEPS = 10_000;

    private WeightedLasso() {
    }

    /**
     * Fits the model; rows of {@code x} are samples. Arguments are not modified.
     *
     * @param x     the design matrix, n × p, one row per sample
     * @param y     the target of each sample, length n
     * @param w     the weight of each sample, length n, ≥ 0
     * @param alpha the penalty strength α, ≥ 0 (0 gives weighted least squares)
     * @return the fitted coefficients (p), intercept and weighted R²
     * @throws org.xai4j.core.InvalidConfigException if {@code alpha} is negative or not finite
     */
    public static LinearFit fit(double[][] x, double[] y, double[] w, double alpha) {
        Checks.requireNonNegative(alpha, "lasso alpha");
        int n = y.length;
        int p = n == 0 ? 0 : x[0].length;
        WeightedMeans means = WeightedMeans.of(x, y, w);
        double sw = means.weightSum();
        double my = means.y();
        double[] mx = means.x();
        double[][] xc = new double[n][p];
        double[] r = new double[n];
        double spread = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                xc[i][j] = x[i][j] - mx[j];
            }
            r[i] = y[i] - my;
            spread = Math.max(spread, Math.abs(r[i]));
        }
        double[] norm = new double[p];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < n; i++) {
                norm[j] += w[i] * xc[i][j] * xc[i][j];
            }
            norm[j] /= sw;
        }
        double[] beta = new double[p];
        double tolerance = 1e-10 * Math.max(spread, 1e-300);
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double maxStep = 0;
            for (int j = 0; j < p; j++) {
                if (norm[j] == 0) {
                    continue;
                }
                double rho = 0;
                for (int i = 0; i < n; i++) {
                    rho += w[i] * xc[i][j] * (r[i] + xc[i][j] * beta[j]);
                }
                rho /= sw;
                double updated = Math.signum(rho) * Math.max(Math.abs(rho) - alpha, 0.0) / norm[j];
                double step = updated - beta[j];
                if (step != 0) {
                    for (int i = 0; i < n; i++) {
                        r[i] -= xc[i][j] * step;
                    }
                    beta[j] = updated;
                    maxStep = Math.max(maxStep, Math.abs(step));
                }
            }
            if (maxStep <= tolerance) {
                break;
            }
        }
        return means.fit(beta, x, y, w);
    }
}
