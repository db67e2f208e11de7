package org.xai4j.perturbation.lime;

/** The local linear model LIME fits. */
public enum Surrogate {
    /** Weighted ridge regression with intercept: Σ w (y − b − x·β)² + α‖β‖² (lime's default, α = 1). */
    RIDGE,
    /** Weighted lasso with intercept: Σ w (y − b − x·β)² / (2 Σ w) + α‖β‖₁ (sklearn's scaling). */
    LASSO;

    /**
     * Fits this surrogate.
     *
     * @param x     the design matrix, one row per sample; not modified
     * @param y     the target of each sample
     * @param w     the weight of each sample, ≥ 0
     * @param alpha the penalty strength α, ≥ 0
     * @return the fitted coefficients, intercept and weighted R²
     * @throws org.xai4j.core.InvalidConfigException if {@code alpha} is negative or not finite
     */
    public LinearFit fit(double[][] x, double[] y, double[] w, double alpha) {
        return this == RIDGE ? WeightedRidge.fit(x, y, w, alpha) : WeightedLasso.fit(x, y, w, alpha);
    }
}
