package org.xai4j.perturbation.lime;

import org.xai4j.core.util.Checks;
import org.xai4j.perturbation.SymmetricSolver;

/**
 * Weighted ridge regression with an unpenalised intercept, as sklearn's {@code Ridge(alpha, fit_intercept=True)}
 * with {@code sample_weight}: minimises Σ_i w_i (y_i − b − x_i·β)² + α‖β‖². Solved by centring x and y on
 * their weighted means and solving (Xcᵀ W Xc + α I) β = Xcᵀ W yc; then b = ȳ_w − x̄_w·β. Written here
 * rather than taken from Smile because Smile's {@code RidgeRegression} standardises the columns before
 * penalising, which is a different model from lime's.
 */
public final class WeightedRidge {
    private WeightedRidge() {
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
        Checks.requireNonNegative(alpha, "ridge alpha");
        int n = y.length;
        int p = n == 0 ? 0 : x[0].length;
        WeightedMeans means = WeightedMeans.of(x, y, w);
        double my = means.y();
        double[] mx = means.x();
        double[][] a = new double[p][p];
        double[] b = new double[p];
        double[] xc = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                xc[j] = x[i][j] - mx[j];
            }
            double yc = y[i] - my;
            for (int r = 0; r < p; r++) {
                double wr = w[i] * xc[r];
                b[r] += wr * yc;
                double[] ar = a[r];
                for (int c = 0; c <= r; c++) {
                    ar[c] += wr * xc[c];
                }
            }
        }
        for (int r = 0; r < p; r++) {
            a[r][r] += alpha;
            for (int c = 0; c < r; c++) {
                a[c][r] = a[r][c];
            }
        }
        double[] beta = SymmetricSolver.solve(a, b);
        return means.fit(beta, x, y, w);
    }
}
