package org.xai4j.attribution;

import java.util.Optional;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.Provenance;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Checks;

/**
 * Saliency maps (Simonyan, Vedaldi &amp; Zisserman, "Deep Inside Convolutional Networks", 2014): the gradient
 * of the target score with respect to the input, ∂f(x)/∂x, by default its absolute value (Captum's
 * {@code Saliency}), optionally reduced to the maximum over channels. Cost: one forward pass to validate
 * and resolve the target, then one forward and backward pass per batch.
 */
public final class Saliency implements AttributionMethod {
    /** The method's name in descriptors and provenance. */
    public static final String NAME = "saliency";

    private final DifferentiableModel model;
    private final SaliencyConfig config;

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
        this.model = Checks.requireNonNull(model, "model");
        this.config = Checks.requireNonNull(config, "config");
    }

    /**
     * This method's settings.
     *
     * @return the settings given at construction
     */
    public SaliencyConfig config() {
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
        Prepared p = Prepared.of(model, input, target, config.batch());
        requireChannels(input);
        INDArray values = attributeChecked(input, p.resolved());
        return new Attribution(values, null, Provenance.of(descriptor(), model.id(), p.resolved().describe(), null, null));
    }

    @Override
    public INDArray attributeChecked(INDArray input, Target resolved) {
        requireChannels(input);
        int rows = config.batch().rowsPerBatch(Rows.bytesPerRow(input));
        INDArray grad = Batching.map(input, rows, (block, range) ->
                ModelCalls.gradients(model, block, resolved.rows(range.from(), range.to())).inputGradient());
        INDArray v = config.abs() ? org.nd4j.linalg.ops.transforms.Transforms.abs(grad, true) : grad;
        if (config.maxOverChannels()) {
            v = v.max(true, 1);
        }
        return v;
    }

    private void requireChannels(INDArray input) {
        if (config.maxOverChannels() && input.rank() != 4) {
            throw new InvalidShapeException("maxOverChannels needs an N×C×H×W input but got shape " + Rows.shape(input));
        }
    }

    @Override
    public MethodDescriptor descriptor() {
        return MethodDescriptor.of(NAME, config, Capability.GRADIENTS);
    }
}
