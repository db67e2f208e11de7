package org.xai4j.attribution.layer;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Capability;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.target.Target;
import org.xai4j.attribution.internal.PerRowAttribution;

/**
 * Layer gradient × activation, Captum's {@code LayerGradientXActivation}: a ⊙ ∂f/∂a for the output a of a
 * named layer (gradient × input, Shrikumar et al. 2016, applied at a hidden layer). The result has the
 * layer's shape (N×…); one forward and backward pass per batch.
 */
public final class LayerGradientXActivation
        extends PerRowAttribution<LayeredModel, LayerGradientXActivationConfig> {
    /** The method's name in descriptors and provenance. */
    public static final String NAME = "layer-gradient-x-activation";

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
        super(NAME, model, config, LayerGradientXActivationConfig::batch, "layer gradient", Capability.GRADIENTS,
                Capability.LAYERS);
        Layers.require(model, config.layer());
    }

    /** a ⊙ ∂f/∂a at the layer (or ∂f/∂a alone without multiplying by the activation). */
    @Override
    protected BlockPass pass(INDArray block, Target target) {
        String layer = config().layer();
        LayerPass pass = ModelCalls.layerGradients(model(), block, target, List.of(layer));
        INDArray g = Layers.checked(model(), block, pass.gradient(layer), layer);
        if (!config().multiplyByActivations()) {
            return new BlockPass(g, pass.output());
        }
        INDArray a = Layers.checked(model(), block, pass.activation(layer), layer);
        return new BlockPass(a.mul(g.castTo(a.dataType())), pass.output());
    }
}
