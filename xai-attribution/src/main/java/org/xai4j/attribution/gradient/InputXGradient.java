package org.xai4j.attribution.gradient;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Capability;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.target.Target;
import org.xai4j.attribution.internal.PerRowAttribution;

/**
 * Gradient × input (Shrikumar et al., "Not Just a Black Box", 2016): x ⊙ ∂f(x)/∂x, Captum's
 * {@code InputXGradient}. For a model that is linear in its input this equals Integrated Gradients
 * from a zero baseline.
 */
public final class InputXGradient extends PerRowAttribution<DifferentiableModel, InputXGradientConfig> {
    /** The method's name in descriptors and provenance. */
    public static final String NAME = "input-x-gradient";

    /**
     * Input × gradient with {@link InputXGradientConfig#DEFAULTS}.
     *
     * @param model the model, which must provide input gradients
     * @throws org.xai4j.core.InvalidConfigException if {@code model} is null
     */
    public InputXGradient(DifferentiableModel model) {
        this(model, InputXGradientConfig.DEFAULTS);
    }

    /**
     * Input × gradient with the given batch policy.
     *
     * @param model  the model, which must provide input gradients
     * @param config the batch policy
     * @throws org.xai4j.core.InvalidConfigException if an argument is null
     */
    public InputXGradient(DifferentiableModel model, InputXGradientConfig config) {
        super(NAME, model, config, InputXGradientConfig::batch, "gradient", Capability.GRADIENTS);
    }

    /** x ⊙ ∂f/∂x; mul allocates: neither the caller's input nor the model's gradient is touched. */
    @Override
    protected BlockPass pass(INDArray block, Target target) {
        Gradients g = ModelCalls.gradients(model(), block, target);
        return new BlockPass(block.mul(g.inputGradient().castTo(block.dataType())), g.output());
    }

    /** The model's gradient pass seeds its backward from its own output. */
    @Override
    protected boolean resolvesTargetInPass() {
        return true;
    }
}
