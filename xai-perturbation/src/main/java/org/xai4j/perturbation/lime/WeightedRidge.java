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
    /** Samples whose terms are added in one sweep over the normal matrix (see {@link #accumulateBlock}). */
    private static final int BLOCK = 4;

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
        double[][] xc = new double[BLOCK][p];
        double[] yc = new double[BLOCK];
        for (int i0 = 0; i0 < n; i0 += BLOCK) {
            int m = Math.min(BLOCK, n - i0);
            for (int s = 0; s < m; s++) {
                for (int j = 0; j < p; j++) {
                    xc[s][j] = x[i0 + s][j] - mx[j];
                }
                yc[s] = y[i0 + s] - my;
            }
            if (m == BLOCK) {
                accumulateBlock(a, b, xc, yc, w, i0);
            } else {
                for (int s = 0; s < m; s++) {
                    accumulate(a, b, xc[s], yc[s], w[i0 + s]);
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

    /** Adds one centred sample's terms, w·xc·xcᵀ (lower triangle) and w·xc·yc, to {@code a} and {@code b}. */
    private static void accumulate(double[][] a, double[] b, double[] xc, double yc, double w) {
        for (int r = 0; r < b.length; r++) {
            double wr = w * xc[r];
            b[r] += wr * yc;
            double[] ar = a[r];
            for (int c = 0; c <= r; c++) {
                ar[c] += wr * xc[c];
            }
        }
    }

    /**
     * {@link #accumulate} for the {@link #BLOCK} samples from {@code i0} on, each sum still taken in sample order
     * (so the rounding is that of one sample at a time) but with every entry of {@code a} read and written once
     * per block instead of once per sample.
     */
    private static void accumulateBlock(double[][] a, double[] b, double[][] xc, double[] yc, double[] w, int i0) {
        double[] x0 = xc[0];
        double[] x1 = xc[1];
        double[] x2 = xc[2];
        double[] x3 = xc[3];
        for (int r = 0; r < b.length; r++) {
            double w0 = w[i0] * x0[r];
            double w1 = w[i0 + 1] * x1[r];
            double w2 = w[i0 + 2] * x2[r];
            double w3 = w[i0 + 3] * x3[r];
            b[r] = b[r] + w0 * yc[0] + w1 * yc[1] + w2 * yc[2] + w3 * yc[3];
            double[] ar = a[r];
            for (int c = 0; c <= r; c++) {
                ar[c] = ar[c] + w0 * x0[c] + w1 * x1[c] + w2 * x2[c] + w3 * x3[c];
            }
        }
    }
}
