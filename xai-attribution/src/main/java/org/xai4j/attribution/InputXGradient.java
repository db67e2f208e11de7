package org.xai4j.attribution;

import java.util.Optional;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Checks;

/**
 * Gradient × input (Shrikumar et al., "Not Just a Black Box", 2016): x ⊙ ∂f(x)/∂x, Captum's
 * {@code InputXGradient}. For a model that is linear in its input this equals Integrated Gradients
 * from a zero baseline.
 */
public final class InputXGradient implements AttributionMethod {
    /** The method's name in descriptors and provenance. */
    public static final String NAME = "input-x-gradient";

    private final DifferentiableModel model;
    private final InputXGradientConfig config;

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
        this.model = Checks.requireNonNull(model, "model");
        this.config = Checks.requireNonNull(config, "config");
    }

    /**
     * This method's settings.
     *
     * @return the settings given at construction
     */
    public InputXGradientConfig config() {
        return config;
    }

    @Override
    public DifferentiableModel model() {
        return model;
    }

    /** Rows × 2: one forward of the input (to resolve the target), then one forward and backward per row. */
    @Override
    public Optional<Plan> plan(INDArray input, Target target) {
        long rows = Plans.rows(model, input);
        return Optional.of(new Plan(NAME, Math.multiplyExact(rows, 2L), "",
                "1 forward + 1 gradient, " + Plans.times(rows)));
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
        int rows = config.batch().rowsPerBatch(Rows.bytesPerRow(input));
        return Batching.map(input, rows, (block, range) -> {
            INDArray g = ModelCalls.gradients(model, block, resolved.rows(range.from(), range.to())).inputGradient();
            // mul allocates: neither the caller's input nor the model's gradient is touched.
            return block.mul(g.castTo(block.dataType()));
        });
    }

    @Override
    public MethodDescriptor descriptor() {
        return MethodDescriptor.of(NAME, config, Capability.GRADIENTS);
    }
}
