package org.xai4j.attribution.gradient;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Capability;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.target.Target;
import org.xai4j.attribution.internal.FlatRows;
import org.xai4j.attribution.internal.PerRowAttribution;

/**
 * Saliency maps (Simonyan, Vedaldi &amp; Zisserman, "Deep Inside Convolutional Networks", 2014): the gradient
 * of the target score with respect to the input, ∂f(x)/∂x, by default its absolute value (Captum's
 * {@code Saliency}), optionally reduced to the maximum over channels. Cost: one forward and backward pass per
 * row, as Captum's, for a class or predicted target (the pass checks the class against its own output and
 * resolves "predicted" on it); a mask or function target first takes a forward pass to be validated and resolved.
 */
public final class Saliency extends PerRowAttribution<DifferentiableModel, SaliencyConfig> {
    /** The method's name in descriptors and provenance. */
    public static final String NAME = "saliency";

    /**
     * Saliency with Captum's defaults ({@code abs = true}).
     *
     * @param model the model, which must provide input gradients
     * @throws org.xai4j.core.InvalidConfigException if {@code model} is null
     */
    public Saliency(DifferentiableModel model) {
        this(model, SaliencyConfig.DEFAULTS);
    }

    /**
     * Saliency with the given settings.
     *
     * @param model  the model, which must provide input gradients
     * @param config absolute value or sign, reduction over channels, batch policy
     * @throws org.xai4j.core.InvalidConfigException if an argument is null
     */
    public Saliency(DifferentiableModel model, SaliencyConfig config) {
        super(NAME, model, config, SaliencyConfig::batch, "gradient", Capability.GRADIENTS);
    }

    @Override
    protected void checkInput(INDArray input) {
        requireChannels(input);
    }

    /** ∂f/∂x, its magnitude unless signed, its largest channel when asked. */
    @Override
    protected BlockPass pass(INDArray block, Target target) {
        Gradients g = ModelCalls.gradients(model(), block, target);
        INDArray v = config().abs() ? g.mappedInputGradient(Math::abs) : g.inputGradient();
        return new BlockPass(config().maxOverChannels() ? v.max(true, 1) : v, g.output());
    }

    /** The model's gradient pass seeds its backward from its own output. */
    @Override
    protected boolean resolvesTargetInPass() {
        return true;
    }

    private void requireChannels(INDArray input) {
        if (config().maxOverChannels() && input.rank() != 4) {
            throw new InvalidShapeException("maxOverChannels needs an N×C×H×W input but got shape " + FlatRows.shape(input));
        }
    }
}
