package org.xai4j.metrics.faithfulness;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.Explainer;
import org.xai4j.core.target.Target;

/**
 * An explanation method seen as a function of the input: N rows in, N attribution maps out. Metrics that
 * re-explain perturbed inputs (sensitivity-max, the sanity checks) take one.
 */
@FunctionalInterface
public interface AttributionFunction {
    /**
     * Attributions for every row of {@code input} with respect to {@code target}; must not modify {@code input}.
     *
     * @param input N rows
     * @param target the target explained
     * @return one attribution per input element, the input's shape (or without its channel axis)
     */
    INDArray attribute(INDArray input, Target target);

    /**
     * The values of an {@link Explainer}'s attributions.
     *
     * @param explainer an explainer over input batches
     * @return a function returning {@code explainer.explain(input, target).values()}
     */
    static AttributionFunction of(Explainer<INDArray, ? extends Attribution> explainer) {
        return (input, target) -> explainer.explain(input, target).values();
    }
}
