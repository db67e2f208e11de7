package org.xai4j.concepts.nmf;

/**
 * One sweep of hierarchical alternating least squares (Cichocki and Phan, "Fast local algorithms for large scale
 * nonnegative matrix and tensor factorizations", IEICE Trans. Fundamentals E92-A(3), 2009) over the rows of one
 * factor: for each component t in order and each row i,
 * W[i,t] ← max(0, W[i,t] − (Σ_r G[t,r]·W[i,r] − R[i,t]) / G[t,t]), where G = F·Fᵀ (+ l2·I) is the other factor's
 * Gram matrix and R = X·Fᵀ (− l1) its cross term. Rows are independent, so a block of rows can be swept alone and
 * the result is the same as sweeping the whole factor. Returns the summed absolute projected gradient before the
 * updates (scikit-learn's {@code violation}).
 */
final class Hals {
    private Hals() {
    }

    /**
     * @param w    the factor's rows, rows × k row-major, updated in place
     * @param rows the number of rows
     * @param k    the number of components
     * @param g    the Gram matrix with the L2 penalty on its diagonal, k × k
     * @param r    the cross term with the L1 penalty subtracted, rows × k
     */
    static double sweep(double[] w, int rows, int k, double[] g, double[] r) {
        double violation = 0;
        for (int t = 0; t < k; t++) {
            double hess = g[t * k + t];
            for (int i = 0; i < rows; i++) {
                int row = i * k;
                double grad = -r[row + t];
                for (int q = 0; q < k; q++) {
                    grad += g[t * k + q] * w[row + q];
                }
                double pg = w[row + t] == 0 ? Math.min(0, grad) : grad;
                violation += Math.abs(pg);
                if (hess != 0) {
                    w[row + t] = Math.max(w[row + t] - grad / hess, 0);
                }
            }
        }
        return violation;
    }
}
