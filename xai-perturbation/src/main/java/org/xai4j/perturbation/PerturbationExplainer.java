package org.xai4j.perturbation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Capability;
import org.xai4j.core.Explainer;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Explanation;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.util.Checks;

/**
 * What every black-box perturbation method holds: the model (forward passes only), its settings and its
 * descriptor, checked and built once here.
 *
 * @param <C> the method's settings
 * @param <E> the method's explanation
 */
public abstract class PerturbationExplainer<C extends ExplainerConfig, E extends Explanation>
        implements Explainer<INDArray, E> {
    /** The model explained, used as a black box (forward passes only). */
    protected final PredictionFunction model;
    /** The method's settings. */
    protected final C config;
    private final MethodDescriptor descriptor;

    /**
     * For subclasses: checks the arguments and records the method's descriptor.
     *
     * @param name         the method's one name (registry, command line, provenance)
     * @param model        the model explained; not null
     * @param config       the settings; not null
     * @param capabilities what the method needs and offers
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null
     */
    protected PerturbationExplainer(String name, PredictionFunction model, C config, Capability... capabilities) {
        this.model = Checks.requireNonNull(model, "model");
        this.config = Checks.requireNonNull(config, "config");
        this.descriptor = MethodDescriptor.of(name, config, capabilities);
    }

    @Override
    public final MethodDescriptor descriptor() {
        return descriptor;
    }
}
