package org.xai4j.metrics.faithfulness;

/**
 * The deletion curve and its area (Petsiuk, Das, Saenko: "RISE: Randomized Input Sampling for Explanation
 * of Black-box Models", BMVC 2018). Starting from the input, features are replaced by the baseline
 * {@code stepSize} at a time in order of relevance (most relevant first by default); the target score is
 * recorded after every step, including before the first (fraction 0) and after the last (fraction 1). With
 * most-relevant-first, a faithful map makes the score fall fast: lower AUC is better.
 *
 * <p>The scores are the model's outputs as given (wrap the model with a softmax to work on probabilities).
 */
public final class Deletion extends CurveMetric {
    /**
     * Deletion with {@code config}.
     *
     * @param config the order, step size, baseline, seed and batch policy
     * @throws org.xai4j.core.InvalidConfigException if {@code config} is null
     */
    public Deletion(CurveConfig config) {
        super("deletion", true, config);
    }

    /** With the defaults: most relevant first, one feature per step, zero baseline. */
    public Deletion() {
        this(CurveConfig.DEFAULTS);
    }
}
