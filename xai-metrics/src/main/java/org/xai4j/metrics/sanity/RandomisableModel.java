package org.xai4j.metrics.sanity;

import java.util.Collection;
import java.util.List;
import org.xai4j.core.model.PredictionFunction;

/**
 * A model whose parameterised layers can be re-drawn at random, as the model parameter randomisation test
 * needs. The explanation graph, DL4J and test models implement it.
 *
 * <p>Contract: {@link #randomise} returns a new model and leaves this one unchanged; the values drawn for
 * a layer depend only on the seed and the layer's name (not on which other layers are randomised in the
 * same call), so the cascading test randomises each layer once and keeps it across steps.
 *
 * @param <M> the concrete model type, so an explainer built for this model can be built for its
 *            randomised copies too
 */
public interface RandomisableModel<M extends RandomisableModel<M>> extends PredictionFunction {
    /**
     * The names of the layers that hold parameters, in forward order (input side first).
     *
     * @return the layer names, input side first
     */
    List<String> randomisableLayers();

    /**
     * A copy of this model with the parameters of {@code layers} replaced by random values (typically the
     * layer's initialisation distribution), drawn from {@code seed} and each layer's name.
     *
     * @param layers names from {@link #randomisableLayers()}
     * @param seed the seed of the random values
     * @return a new model; this one is not modified
     * @throws org.xai4j.core.UnknownLayerException for a name not in {@link #randomisableLayers()}
     */
    M randomise(Collection<String> layers, long seed);
}
