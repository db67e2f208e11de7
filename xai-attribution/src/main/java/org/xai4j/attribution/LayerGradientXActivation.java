package org.xai4j.attribution;

import java.util.Optional;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Checks;

/**
 * Layer gradient × activation, Captum's {@code LayerGradientXActivation}: a ⊙ ∂f/∂a for the output a of a
 * named layer (gradient × input, Shrikumar et al. 2016, applied at a hidden layer). The result has the
 * layer's shape (N×…); one forward and backward pass per batch.
 */
public final class LayerGradientXActivation implements AttributionMethod {
    /** The method's name in descriptors and provenance. */
    public static final String NAME = "layer-gradient-x-activation";

    private final LayeredModel model;
    private final LayerGradientXActivationConfig config;

    /**
     * Captum's defaults at {@code layer}.
     *
     * @param model the model, which must expose its layers' outputs and gradients
     * @param layer one of the model's {@link LayeredModel#layerNames() layer names}
     * @throws org.xai4j.core.InvalidConfigException if {@code model} is null or {@code layer} is null or blank
     * @throws org.xai4j.core.UnknownLayerException if the model has no layer of that name (the message lists the
     *                                              closest names)
     */
    public LayerGradientXActivation(LayeredModel model, String layer) {
        this(model, LayerGradientXActivationConfig.at(layer));
    }

    /**
     * Layer gradient × activation with the given settings.
     *
     * @param model  the model, which must expose its layers' outputs and gradients
     * @param config the layer, whether to multiply by the activation, and the batch policy
     * @throws org.xai4j.core.InvalidConfigException if an argument is null
     * @throws org.xai4j.core.UnknownLayerException if the model has no layer named {@code config.layer()}
     */
    public LayerGradientXActivation(LayeredModel model, LayerGradientXActivationConfig config) {
        this.model = Checks.requireNonNull(model, "model");
        this.config = Checks.requireNonNull(config, "config");
        Layers.require(model, config.layer());
    }

    /**
     * This method's settings.
     *
     * @return the settings given at construction
     */
    public LayerGradientXActivationConfig config() {
        return config;
    }

    @Override
    public LayeredModel model() {
        return model;
    }

    /** Rows × 2: one forward of the input (to resolve the target), then one pass to the layer and back per row. */
    @Override
    public Optional<Plan> plan(INDArray input, Target target) {
        long rows = Plans.rows(model, input);
        return Optional.of(new Plan(NAME, Math.multiplyExact(rows, 2L), "",
                "1 forward + 1 layer gradient, " + Plans.times(rows)));
    }

    @Override
    public long checkedPassesPerRow() {
        return 1;
    }

    @Override
    public Attribution explain(INDArray input, Target target) {
        Limits.start(plan(input, target).orElseThrow());
        return AttributionMethod.explainPlain(this, input, target, config.batch());
    }

    @Override
    public INDArray attributeChecked(INDArray input, Target resolved) {
        String layer = config.layer();
        int rows = config.batch().rowsPerBatch(Rows.bytesPerRow(input));
        return Batching.map(input, rows, (block, range) -> {
            Target t = resolved.rows(range.from(), range.to());
            LayerPass pass = ModelCalls.layerGradients(model, block, t, List.of(layer));
            INDArray g = Layers.checked(model, block, pass.gradient(layer), layer);
            if (!config.multiplyByActivations()) {
                return g;
            }
            INDArray a = Layers.checked(model, block, pass.activation(layer), layer);
            return a.mul(g.castTo(a.dataType()));
        });
    }

    @Override
    public MethodDescriptor descriptor() {
        return MethodDescriptor.of(NAME, config, Capability.GRADIENTS, Capability.LAYERS);
    }
}
