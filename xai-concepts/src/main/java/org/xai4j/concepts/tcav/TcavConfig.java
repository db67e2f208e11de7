package org.xai4j.concepts.tcav;

import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithLayer;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link Tcav}. */
@Withers
public record TcavConfig(
        @Help("the layer the CAVs live in") String layer,
        @Help("fraction of each training set held out to measure CAV accuracy") double testFraction,
        @Help("L2 penalty of the logistic regression") double l2,
        @Help("convergence tolerance of the logistic regression") double tolerance,
        @Help("most iterations of the logistic regression") int maxIterations,
        @Help("significance level of the two-sided t-test") double alpha,
        @Help("hypotheses tested together (Bonferroni correction)") int comparisons,
        @Help("images per model call") BatchPolicy batch,
        @Help("seed of the train/test splits") long seed) implements WithBatch, WithSeed, WithLayer, TcavConfigWithers {
    /** No layer, 1/3 held out, λ = 1, tolerance 10⁻⁵, 500 iterations, α = 0.05, one comparison, 64 rows, seed 0. */
    public static final TcavConfig DEFAULTS = new TcavConfig(null, 0.33, 1.0, 1e-5, 500, 0.05, 1, BatchPolicy.DEFAULT,
            0);
    /** @param layer see {@link #layer()}
     * @param testFraction see {@link #testFraction()}
     * @param l2 see {@link #l2()}
     * @param tolerance see {@link #tolerance()}
     * @param maxIterations see {@link #maxIterations()}
     * @param alpha see {@link #alpha()}
     * @param comparisons see {@link #comparisons()}
     * @param batch see {@link #batch()}
     * @param seed see {@link #seed()}
     * @throws InvalidConfigException if {@code layer} is blank, {@code testFraction} or {@code alpha} is outside (0,
     *     1), {@code l2} is negative, {@code tolerance} is not positive, {@code maxIterations} or {@code comparisons}
     *     is below 1, or {@code batch} is null */
    public TcavConfig {
        if (layer != null && layer.isBlank()) {
            throw new InvalidConfigException("layer must not be blank");
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new InvalidConfigException("testFraction must lie in (0, 1) but was " + testFraction);
        }
        Checks.requireNonNegative(l2, "l2");
        if (!(tolerance > 0)) {
            throw new InvalidConfigException("tolerance must be > 0 but was " + tolerance);
        }
        Checks.requireAtLeast(maxIterations, 1, "maxIterations");
        if (!(alpha > 0 && alpha < 1)) {
            throw new InvalidConfigException("alpha must lie in (0, 1) but was " + alpha);
        }
        Checks.requireAtLeast(comparisons, 1, "comparisons");
        Checks.requireNonNull(batch, "batch");
    }
    /** {@return {@link #DEFAULTS} at {@code layer}}
     * @param layer the layer the CAVs live in */
    public static TcavConfig at(String layer) { return DEFAULTS.withLayer(layer); }
    /** The layer, or an error saying it must be set. */
    String requireLayer() {
        if (layer == null) {
            throw new InvalidConfigException("layer: TCAV needs the name of the layer the CAVs live in (TcavConfig.withLayer)");
        }
        return layer;
    }
}
