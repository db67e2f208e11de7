package org.xai4j.concepts.tcav;

import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.util.BatchPolicy;

/**
 * Settings of {@link Tcav}.
 *
 * @param layer         the layer whose (flattened) activations the CAVs live in (required; {@link #DEFAULTS} has none)
 * @param testFraction  the fraction of each concept-vs-random training set held out to measure the CAV's accuracy
 *                      (Captum's {@code test_split_ratio})
 * @param l2            the L2 penalty λ of the logistic regression (Smile's {@code lambda})
 * @param tolerance     the convergence tolerance of the logistic regression's L-BFGS
 * @param maxIterations the most L-BFGS iterations
 * @param alpha         the significance level of the two-sided t-test
 * @param comparisons   the number of hypotheses tested together (Bonferroni: significant when p &lt; alpha/comparisons)
 * @param batch         images per model call
 * @param seed          the seed of the train/test splits
 */
public record TcavConfig(
        @Help("the layer the CAVs live in") String layer,
        @Help("fraction of each training set held out to measure CAV accuracy") double testFraction,
        @Help("L2 penalty of the logistic regression") double l2,
        @Help("convergence tolerance of the logistic regression") double tolerance,
        @Help("most iterations of the logistic regression") int maxIterations,
        @Help("significance level of the two-sided t-test") double alpha,
        @Help("hypotheses tested together (Bonferroni correction)") int comparisons,
        @Help("images per model call") BatchPolicy batch,
        @Help("seed of the train/test splits") long seed) implements ExplainerConfig {

    /** No layer, 1/3 held out, λ = 1, tolerance 10⁻⁵, 500 iterations, α = 0.05, one comparison, 64 rows, seed 0. */
    public static final TcavConfig DEFAULTS = new TcavConfig(null, 0.33, 1.0, 1e-5, 500, 0.05, 1, BatchPolicy.DEFAULT, 0);

    /**
     * Checks the settings.
     *
     * @param layer the layer the CAVs live in; null only in {@link #DEFAULTS}, not blank
     * @param testFraction fraction of each training set held out to measure CAV accuracy
     * @param l2 L2 penalty of the logistic regression
     * @param tolerance convergence tolerance of the logistic regression
     * @param maxIterations most iterations of the logistic regression
     * @param alpha significance level of the two-sided t-test
     * @param comparisons hypotheses tested together (Bonferroni correction)
     * @param batch images per model call
     * @param seed seed of the train/test splits
     * @throws org.xai4j.core.InvalidConfigException if {@code layer} is blank, {@code testFraction} or
     *     {@code alpha} is outside (0, 1), {@code l2} is negative, {@code tolerance} is not positive,
     *     {@code maxIterations} or {@code comparisons} is below 1, or {@code batch} is null
     */
    public TcavConfig {
        if (layer != null && layer.isBlank()) {
            throw new InvalidConfigException("layer must not be blank");
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new InvalidConfigException("testFraction must lie in (0, 1) but was " + testFraction);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new InvalidConfigException("l2 must be a finite number ≥ 0 but was " + l2);
        }
        if (!(tolerance > 0)) {
            throw new InvalidConfigException("tolerance must be > 0 but was " + tolerance);
        }
        if (maxIterations < 1) {
            throw new InvalidConfigException("maxIterations must be at least 1 but was " + maxIterations);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new InvalidConfigException("alpha must lie in (0, 1) but was " + alpha);
        }
        if (comparisons < 1) {
            throw new InvalidConfigException("comparisons must be at least 1 but was " + comparisons);
        }
        if (batch == null) {
            throw new InvalidConfigException("batch must not be null");
        }
    }

    /**
     * {@link #DEFAULTS} at {@code layer}.
     *
     * @param layer the layer the CAVs live in
     * @return the settings
     */
    public static TcavConfig at(String layer) {
        return DEFAULTS.withLayer(layer);
    }

    /**
     * These settings with another {@code layer}.
     *
     * @param layer the layer the CAVs live in; null only in {@link #DEFAULTS}, not blank
     * @return a copy with {@code layer} replaced
     */
    public TcavConfig withLayer(String layer) {
        return new TcavConfig(layer, testFraction, l2, tolerance, maxIterations, alpha, comparisons, batch, seed);
    }

    /**
     * These settings with another {@code testFraction}.
     *
     * @param testFraction fraction of each training set held out to measure CAV accuracy
     * @return a copy with {@code testFraction} replaced
     */
    public TcavConfig withTestFraction(double testFraction) {
        return new TcavConfig(layer, testFraction, l2, tolerance, maxIterations, alpha, comparisons, batch, seed);
    }

    /**
     * These settings with another {@code l2}.
     *
     * @param l2 L2 penalty of the logistic regression
     * @return a copy with {@code l2} replaced
     */
    public TcavConfig withL2(double l2) {
        return new TcavConfig(layer, testFraction, l2, tolerance, maxIterations, alpha, comparisons, batch, seed);
    }

    /**
     * These settings with another {@code alpha}.
     *
     * @param alpha significance level of the two-sided t-test
     * @return a copy with {@code alpha} replaced
     */
    public TcavConfig withAlpha(double alpha) {
        return new TcavConfig(layer, testFraction, l2, tolerance, maxIterations, alpha, comparisons, batch, seed);
    }

    /**
     * These settings with another {@code comparisons}.
     *
     * @param comparisons hypotheses tested together (Bonferroni correction)
     * @return a copy with {@code comparisons} replaced
     */
    public TcavConfig withComparisons(int comparisons) {
        return new TcavConfig(layer, testFraction, l2, tolerance, maxIterations, alpha, comparisons, batch, seed);
    }

    /**
     * These settings with another {@code batch}.
     *
     * @param batch images per model call
     * @return a copy with {@code batch} replaced
     */
    public TcavConfig withBatch(BatchPolicy batch) {
        return new TcavConfig(layer, testFraction, l2, tolerance, maxIterations, alpha, comparisons, batch, seed);
    }

    /**
     * These settings with another {@code seed}.
     *
     * @param seed seed of the train/test splits
     * @return a copy with {@code seed} replaced
     */
    public TcavConfig withSeed(long seed) {
        return new TcavConfig(layer, testFraction, l2, tolerance, maxIterations, alpha, comparisons, batch, seed);
    }

    /** The layer, or an error saying it must be set. */
    String requireLayer() {
        if (layer == null) {
            throw new InvalidConfigException("layer: TCAV needs the name of the layer the CAVs live in (TcavConfig.withLayer)");
        }
        return layer;
    }
}
