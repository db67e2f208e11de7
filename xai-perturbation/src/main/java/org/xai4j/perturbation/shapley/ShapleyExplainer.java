package org.xai4j.perturbation.shapley;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Capability;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.run.Plan;
import org.xai4j.core.target.Target;
import org.xai4j.perturbation.PerturbationExplainer;

/**
 * The shared body of the Shapley explainers: {@link #plan} and
 * {@link #explain} through {@link ShapleyRun}. A method only says how it forms and solves its coalitions
 * ({@link #setup}).
 *
 * @param <C> the method's settings
 */
abstract class ShapleyExplainer<C extends ExplainerConfig> extends PerturbationExplainer<C, ShapleyExplanation> {
    /** The run's coalition settings and coalition scheme for one input. */
    record Setup(CoalitionSettings settings, ShapleyRun.Method method) {
    }

    ShapleyExplainer(String name, PredictionFunction model, C config, Capability... capabilities) {
        super(name, model, config, capabilities);
    }

    /** The coalition settings and scheme for {@code input} (validating what only the input can tell). */
    abstract Setup setup(INDArray input);

    /** See {@link ShapleyRun#plan}: one forward per row, then {@link ShapleyRun.Method#plannedCoalitions} per row. */
    @Override
    public Optional<Plan> plan(INDArray input, Target target) {
        Setup s = setup(input);
        return Optional.of(ShapleyRun.plan(model, s.settings(), descriptor(), input, s.method()));
    }

    @Override
    public ShapleyExplanation explain(INDArray input, Target target) {
        Setup s = setup(input);
        return ShapleyRun.run(model, s.settings(), descriptor(), input, target, s.method());
    }
}
