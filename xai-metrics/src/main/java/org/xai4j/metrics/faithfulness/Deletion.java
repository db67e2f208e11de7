package org.xai4j.metrics.faithfulness;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Checks;

/**
 * The deletion curve and its area (Petsiuk, Das, Saenko: "RISE: Randomized Input Sampling for Explanation
 * of Black-box Models", BMVC 2018). Starting from the input, features are replaced by the baseline
 * {@code stepSize} at a time in order of relevance (most relevant first by default); the target score is
 * recorded after every step, including before the first (fraction 0) and after the last (fraction 1). With
 * most-relevant-first, a faithful map makes the score fall fast: lower AUC is better.
 *
 * <p>The scores are the model's outputs as given (wrap the model with a softmax to work on probabilities).
 */
public final class Deletion {
    private final CurveConfig config;

    /**
     * Deletion with {@code config}.
     *
     * @param config the order, step size, baseline, seed and batch policy
     * @throws org.xai4j.core.InvalidConfigException if {@code config} is null
     */
    public Deletion(CurveConfig config) {
        this.config = Checks.requireNonNull(config, "config");
    }

    /** With the defaults: most relevant first, one feature per step, zero baseline. */
    public Deletion() {
        this(CurveConfig.DEFAULTS);
    }

    /**
     * The deletion curve of every row.
     *
     * @param model        the model
     * @param input        N rows; not modified
     * @param attributions the maps to evaluate: the input's shape, or without its channel axis
     * @param target       the scores to follow; resolved once on {@code input}
     * @return the curve of every row: the target score after each step, and its area
     */
    public PerturbationCurve evaluate(PredictionFunction model, INDArray input, INDArray attributions, Target target) {
        return Curves.run("deletion", model, input, attributions, target,
                config.order() == PerturbationOrder.MOST_RELEVANT_FIRST, true, config);
    }
}
