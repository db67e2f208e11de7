package org.xai4j.perturbation.lime;

/**
 * The weighted means that centre a weighted linear fit (both surrogates start from them and end with
 * {@link #fit}): the sum of the weights, the mean of every design column and the mean target.
 *
 * @param weightSum Σ w
 * @param x         Σ w·x[·][j] / Σ w for every column j
 * @param y         Σ w·y / Σ w
 */
record WeightedMeans(double weightSum, double[] x, double y) {
    /**
     * The weighted means of the design {@code x} and targets {@code y} under weights {@code w}.
     *
     * @param x the design matrix, n × p
     * @param y the targets, length n
     * @param w the weights, length n
     * @return the means, each accumulated in sample order and then divided by Σ w
     */
    static WeightedMeans of(double[][] x, double[] y, double[] w) {
        int n = y.length;
        int p = n == 0 ? 0 : x[0].length;
        double sw = 0;
        double my = 0;
        double[] mx = new double[p];
        for (int i = 0; i < n; i++) {
            sw += w[i];
            my += w[i] * y[i];
            for (int j = 0; j < p; j++) {
                mx[j] += w[i] * x[i][j];
            }
        }
        my /= sw;
        for (int j = 0; j < p; j++) {
            mx[j] /= sw;
        }
        return new WeightedMeans(sw, mx, my);
    }

    /**
     * The fit with coefficients {@code beta} found on the centred data: intercept = mean y − Σ beta·mean x,
     * and its weighted R² on the original samples.
     *
     * @param beta the coefficients, one per column
     * @param x    the design matrix, n × p
     * @param y    the targets, length n
     * @param w    the weights, length n
     * @return the fit
     */
    LinearFit fit(double[] beta, double[][] x, double[] y, double[] w) {
        double intercept = this.y;
        for (int j = 0; j < beta.length; j++) {
            intercept -= beta[j] * this.x[j];
        }
        return new LinearFit(beta, intercept, LinearFit.weightedR2(x, y, w, beta, intercept, this.y));
    }
}
