package org.xai4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xai4j.core.run.Plan;
import org.xai4j.core.target.Target;

/**
 * An explanation method bound to a model and a configuration.
 *
 * <p>Contract, checked for every method by the shared contract test: {@link #explain} is synchronous and
 * pure — it never modifies {@code input} (nor baselines it was given); row i of a batch result equals the
 * result for row i alone; the same configuration (and seed) gives the same bits; bad input raises an
 * {@link XaiException} subtype naming the problem, before any result is produced.
 *
 * @param <I> the input type, usually an ND4J batch (N rows on the first axis)
 * @param <E> the explanation type
 */
public interface Explainer<I, E extends Explanation> {
    /**
     * Explains {@code target} for every row of {@code input}.
     *
     * @param input the rows to explain (not modified)
     * @param target the output scores to explain; resolved on the model's output for {@code input}
     * @return the explanation of every row, with its provenance
     */
    E explain(I input, Target target);

    /**
     * What {@link #explain}{@code (input, target)} will cost, stated before any work: the rows it will send
     * through the model (counted the same way by {@link org.xai4j.core.model.ModelCalls}) and the parameter
     * that drives the count. Every explainer of the library states one, except Score-CAM and Ablation-CAM,
     * whose count depends on the layer's channels: they return empty here and declare it right after their first
     * pass ({@link org.xai4j.core.run.Limits#extend}); a method without any plan is still stopped by the budget
     * at its first model call past it.
     *
     * @param input the rows {@link #explain} would get
     * @param target the target {@link #explain} would get
     * @return the plan, or empty where the cost is known only once the work starts
     */
    default Optional<Plan> plan(I input, Target target) {
        return Optional.empty();
    }

    /**
     * Explains each input separately, with the same target.
     *
     * @param inputs the inputs, each explained on its own
     * @param target the target, resolved for each input separately
     * @return one explanation per input, in order
     */
    default List<E> explainAll(List<? extends I> inputs, Target target) {
        List<E> out = new ArrayList<>(inputs.size());
        for (I input : inputs) {
            out.add(explain(input, target));
        }
        return out;
    }

    /**
     * The method's name, configuration and capabilities.
     *
     * @return the descriptor, as recorded in provenance
     */
    MethodDescriptor descriptor();
}
