package org.xai4j.perturbation.lime;

/** The local linear model LIME fits. */
public enum Surrogate {
    /** Weighted ridge regression with intercept: Σ w (y − b − x·β)² + α‖β‖² (lime's default, α = 1). */
    RIDGE,
    /** Weighted lasso with intercept: Σ w (y − b − x·β)² / (2 Σ w) + α‖β‖₁ (sklearn's scaling). */
    LASSO;

    /** Fits this surrogate. */
    public LinearFit fit(double[][] x, double[] y, double[] w, double alpha) {
        return this == RIDGE ? WeightedRidge.fit(x, y, w, alpha) : WeightedLasso.fit(x, y, w, alpha);
    }
}
