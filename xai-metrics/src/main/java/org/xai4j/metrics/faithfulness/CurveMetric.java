package org.xai4j.metrics.faithfulness;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Checks;

/**
 * The shared body of {@link Deletion} and {@link Insertion}: the two curves differ only in where they start
 * (the input, features deleted; or the baseline, features inserted).
 */
abstract sealed class CurveMetric permits Deletion, Insertion {
    private final String name;
    private final boolean deleting;
    private final CurveConfig config;

    CurveMetric(String name, boolean deleting, CurveConfig config) {
        this.name = name;
        this.deleting = deleting;
        this.config = Checks.requireNonNull(config, "config");
    }

    /**
     * The curve of every row.
     *
     * @param model        the model
     * @param input        N rows; not modified
     * @param attributions the maps to evaluate: the input's shape, or without its channel axis
     * @param target       the scores to follow; resolved once on {@code input}
     * @return the curve of every row: the target score after each step, and its area
     */
    public PerturbationCurve evaluate(PredictionFunction model, INDArray input, INDArray attributions, Target target) {
        return Curves.run(name, model, input, attributions, target,
                config.order() == PerturbationOrder.MOST_RELEVANT_FIRST, deleting, config);
    }
}
