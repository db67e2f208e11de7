package org.xai4j.metrics.faithfulness;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Checks;

/**
 * The insertion curve and its area (Petsiuk, Das, Saenko, RISE, BMVC 2018). Starting from the baseline
 * (zeros, or e.g. {@link org.xai4j.core.baseline.Baseline#blur(double) a blurred copy}), the input's
 * features are put back {@code stepSize} at a time in order of relevance (most relevant first by
 * default); the target score is recorded at fractions 0 … 1. With most-relevant-first, a faithful map
 * makes the score rise fast: higher AUC is better.
 */
public final class Insertion {
    private final CurveConfig config;

    /**
     * Insertion with {@code config}.
     *
     * @param config the order, step size, baseline, seed and batch policy
     * @throws org.xai4j.core.InvalidConfigException if {@code config} is null
     */
    public Insertion(CurveConfig config) {
        this.config = Checks.requireNonNull(config, "config");
    }

    /** With the defaults: most relevant first, one feature per step, zero baseline. */
    public Insertion() {
        this(CurveConfig.DEFAULTS);
    }

    /**
     * The insertion curve of every row; see {@link Deletion#evaluate} for the arguments.
     *
     * @param model the model
     * @param input N rows; not modified
     * @param attributions the maps to evaluate: the input's shape, or without its channel axis
     * @param target the scores to follow; resolved once on {@code input}
     * @return the curve of every row: the target score after each step, and its area
     */
    public PerturbationCurve evaluate(PredictionFunction model, INDArray input, INDArray attributions, Target target) {
        return Curves.run("insertion", model, input, attributions, target,
                config.order() == PerturbationOrder.MOST_RELEVANT_FIRST, false, config);
    }
}
