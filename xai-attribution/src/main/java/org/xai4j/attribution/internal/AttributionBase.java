package org.xai4j.attribution.internal;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Provenance;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.util.Checks;
import org.xai4j.attribution.AttributionMethod;

/**
 * What every attribution method holds: its name, the model it explains and its settings, both checked not null
 * at construction. A method class extends this (or {@link PerRowAttribution}) and keeps to its algorithm.
 *
 * @param <M> the kind of model the method needs (gradients, layers, an explanation graph)
 * @param <C> the method's settings record
 */
public abstract class AttributionBase<M extends PredictionFunction, C extends ExplainerConfig> implements AttributionMethod {
    private final String name;
    private final M model;
    private final C config;

    /**
     * Checks and keeps the method's parts.
     *
     * @param name   the method's name in descriptors and provenance
     * @param model  the model to explain
     * @param config the method's settings
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null (in that order)
     */
    protected AttributionBase(String name, M model, C config) {
        this.name = name;
        this.model = Checks.requireNonNull(model, "model");
        this.config = Checks.requireNonNull(config, "config");
    }

    /**
     * The method's name in descriptors, provenance and plans.
     *
     * @return the name given at construction
     */
    protected final String name() {
        return name;
    }

    /**
     * This method's settings.
     *
     * @return the settings given at construction (the defaults when none were)
     */
    public C config() {
        return config;
    }

    @Override
    public M model() {
        return model;
    }

    /**
     * An explanation's result with its provenance: this method's descriptor, the model's id and the resolved target.
     *
     * @param values   the attribution values
     * @param delta    the convergence delta per row, or null when the method reports none
     * @param prepared the validated input and resolved target of this call
     * @param baseline the description of the baseline or background set, or null when the method uses none
     * @param seed     the seed that drew the randomness, or null when nothing was random
     * @return the attribution
     */
    protected final Attribution result(INDArray values, INDArray delta, Prepared prepared, String baseline, Long seed) {
        return new Attribution(values, delta, provenance(prepared, baseline, seed));
    }

    /**
     * As {@link #result}, keeping {@code values} and {@code delta} themselves instead of copies
     * ({@link Attribution#ofOwnArrays}): for arrays this call made for the result alone.
     *
     * @param values   the attribution values, made for this result
     * @param delta    the convergence delta per row, made for this result, or null
     * @param prepared the validated input and resolved target of this call
     * @param baseline the description of the baseline or background set, or null when the method uses none
     * @param seed     the seed that drew the randomness, or null when nothing was random
     * @return the attribution
     */
    protected final Attribution resultOfOwnArrays(INDArray values, INDArray delta, Prepared prepared, String baseline,
                                                  Long seed) {
        return Attribution.ofOwnArrays(values, delta, provenance(prepared, baseline, seed));
    }

    private Provenance provenance(Prepared prepared, String baseline, Long seed) {
        return Provenance.of(descriptor(), model, prepared.resolved().describe(), baseline, seed);
    }
}
