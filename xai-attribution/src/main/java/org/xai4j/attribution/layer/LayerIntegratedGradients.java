package org.xai4j.attribution.layer;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.HostArrays;
import org.xai4j.attribution.gradient.IntegratedGradientsConfig;
import org.xai4j.attribution.gradient.QuadratureRule;
import org.xai4j.attribution.internal.AttributionBase;
import org.xai4j.attribution.internal.ConvergenceDelta;
import org.xai4j.attribution.internal.FlatRows;
import org.xai4j.attribution.internal.PathIntegral;
import org.xai4j.attribution.internal.Prepared;
import org.xai4j.attribution.internal.References;

/**
 * Layer Integrated Gradients, Captum's {@code LayerIntegratedGradients}: Integrated Gradients
 * (Sundararajan et al. 2017) in the activation space of a named layer. With a = the layer's activation for
 * the input and a' = for the baseline, LIG = (a − a') ⊙ Σ_s w_s ∂f/∂a evaluated with the layer's output
 * replaced by a' + α_s(a − a') (the rest of the model sees the original input, as in Captum). The
 * convergence delta is Σ LIG − (f(x) − f(x')), as Captum computes it; it tends to 0 when every path from
 * the input to the output goes through the layer.
 *
 * <p>Needs {@link LayeredModel#backwardReplacing}; models without it fail with
 * {@link org.xai4j.core.UnsupportedModelException}. Points are sent in blocks of at most the batch policy's
 * rows, so memory does not grow with the number of steps.
 */
public final class LayerIntegratedGradients extends AttributionBase<LayeredModel, LayerIntegratedGradientsConfig> {
    /** The method's name in descriptors and provenance. */
    public static final String NAME = "layer-integrated-gradients";

    /** Built at the first call, after the plan has passed the budget. */
    private volatile QuadratureRule rule;

    /**
     * Captum's defaults ({@link IntegratedGradientsConfig#DEFAULTS}) at {@code layer}.
     *
     * @param model the model, which must expose its layers' outputs and gradients
     * @param layer one of the model's {@link LayeredModel#layerNames() layer names}
     * @throws org.xai4j.core.InvalidConfigException if {@code model} is null or {@code layer} is null or blank
     * @throws org.xai4j.core.UnknownLayerException if the model has no layer of that name (the message lists the
     *                                              closest names)
     */
    public LayerIntegratedGradients(LayeredModel model, String layer) {
        this(model, LayerIntegratedGradientsConfig.at(layer));
    }

    /**
     * Layer Integrated Gradients with the given settings.
     *
     * @param model  the model, which must expose its layers' outputs and gradients
     * @param config the layer and the path integral's settings
     * @throws org.xai4j.core.InvalidConfigException if an argument is null
     * @throws org.xai4j.core.UnknownLayerException if the model has no layer named {@code config.layer()}
     */
    public LayerIntegratedGradients(LayeredModel model, LayerIntegratedGradientsConfig config) {
        super(NAME, model, config);
        Layers.require(model, config.layer());
    }

    /**
     * Rows × (steps + 4): every row's path points (backward passes with the layer replaced), the layer's
     * activation for the input and for the baseline, one forward of the inputs (to resolve the target) and one
     * of the baselines (for the convergence delta).
     */
    @Override
    public Optional<Plan> plan(INDArray input, Target target) {
        Checks.requireArray(input, "input");
        long rows = input.size(0);
        int steps = config().integration().steps();
        return Optional.of(new Plan(NAME, Math.multiplyExact(rows, steps + 4L), "steps", "steps=" + steps
                + " path points + 2 layer activations + 2 forwards, × " + rows + " input row" + (rows == 1 ? "" : "s")));
    }

    @Override
    public Attribution explain(INDArray input, Target target) {
        Limits.start(plan(input, target).orElseThrow());
        IntegratedGradientsConfig ig = config().integration();
        Prepared p = Prepared.of(model(), input, target, ig.batch());
        INDArray ref = References.of(ig.baseline(), input, ig.seed());
        Result r = integrate(input, ref, p.resolved());
        INDArray delta = ConvergenceDelta.of(r.path.totals(), model(), p, ref, ig.batch());
        Long seed = ig.baseline().isRandom() ? ig.seed() : null;
        return result(r.values(ig.multiplyByInputs()), delta, p, ig.baseline().describe(), seed);
    }

    @Override
    public INDArray attributeChecked(INDArray input, Target resolved) {
        IntegratedGradientsConfig ig = config().integration();
        // checked, not started: the caller's plan (a wrapper's) already counts these passes
        new Plan(NAME, Math.multiplyExact(input.size(0), ig.steps() + 2L), "steps", "steps="
                + ig.steps() + " path points + 2 layer activations, × " + input.size(0) + " rows").requireWithinBudget();
        INDArray ref = References.of(ig.baseline(), input, ig.seed());
        return integrate(input, ref, resolved).values(ig.multiplyByInputs());
    }

    /** The path integral and the layer's shape and type. */
    private record Result(PathIntegral path, long[] shape, DataType type) {
        INDArray values(boolean multiply) {
            return path.values(multiply, shape, type);
        }
    }

    private Result integrate(INDArray input, INDArray ref, Target resolved) {
        IntegratedGradientsConfig ig = config().integration();
        String layer = config().layer();
        INDArray actX = Layers.activation(model(), input, layer, ig.batch());
        INDArray actB = Layers.activation(model(), ref, layer, ig.batch());
        if (!java.util.Arrays.equals(actX.shape(), actB.shape())) {
            throw new org.xai4j.core.InvalidShapeException("layer '" + layer + "' has shape " + FlatRows.shape(actX)
                    + " for the input but " + FlatRows.shape(actB) + " for the baseline");
        }
        long bytesPerRow = Math.max(FlatRows.bytesPerRow(input), FlatRows.bytesPerRow(actX));
        int maxRows = ig.batch().rowsPerBatch(bytesPerRow);
        QuadratureRule rule = this.rule;
        if (rule == null) {
            rule = ig.quadrature().rule(ig.steps());
            this.rule = rule;
        }
        PathIntegral path = new PathIntegral(HostArrays.doubles(actB), HostArrays.doubles(actX), actX.shape(), actX.dataType())
                .run(rule, maxRows, (rowOf, replaced) -> {
                    INDArray inputs = FlatRows.pick(input, rowOf);
                    Target t = resolved.select(rowOf);
                    LayerPass pass = ModelCalls.backwardReplacing(model(), inputs, t, layer, replaced,
                            List.of(layer));
                    return Layers.checked(model(), inputs, pass.gradient(layer), layer);
                });
        return new Result(path, actX.shape(), actX.dataType());
    }

    @Override
    public long checkedPassesPerRow() {
        return config().integration().steps() + 2L;
    }

    @Override
    public MethodDescriptor descriptor() {
        Set<Capability> caps = EnumSet.of(Capability.GRADIENTS, Capability.LAYERS, Capability.BASELINE,
                Capability.CONVERGENCE_DELTA);
        if (config().integration().baseline().isRandom()) {
            caps.add(Capability.STOCHASTIC);
        }
        return new MethodDescriptor(NAME, config().toMap(), caps);
    }
}
