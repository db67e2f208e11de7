package org.xai4j.attribution.gradient;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.HostArrays;
import org.xai4j.attribution.internal.AttributionBase;
import org.xai4j.attribution.internal.ConvergenceDelta;
import org.xai4j.attribution.internal.FlatRows;
import org.xai4j.attribution.internal.PathIntegral;
import org.xai4j.attribution.internal.Prepared;
import org.xai4j.attribution.internal.References;

/**
 * Integrated Gradients (Sundararajan, Taly &amp; Yan, "Axiomatic Attribution for Deep Networks", ICML 2017):
 * IG_j(x) = (x_j − x'_j) · ∫₀¹ ∂f(x' + α(x − x'))/∂x_j dα, the integral replaced by a {@link Quadrature}
 * rule Σ_s w_s ∂f(x' + α_s(x − x'))/∂x_j, as Captum's {@code IntegratedGradients}.
 *
 * <p>The path points of all rows are sent to the model in blocks of at most the batch policy's rows and the
 * weighted gradients are summed as they arrive, so memory does not grow with the number of steps. Every
 * result carries the convergence delta per row, Σ_j IG_j − (f(x) − f(x')) (completeness; with
 * {@code multiplyByInputs = false} it is computed from Σ_j (x_j − x'_j)·IG_j, the same quantity).
 */
public final class IntegratedGradients extends AttributionBase<DifferentiableModel, IntegratedGradientsConfig> {
    /** The method's name in descriptors and provenance. */
    public static final String NAME = "integrated-gradients";

    /** Built at the first call, after the plan has passed the budget (a huge {@code steps} never allocates). */
    private volatile QuadratureRule rule;
    /** A constant baseline's references and the model's output on them, kept between calls. */

    /**
     * Integrated Gradients with Captum's defaults (50 Gauss–Legendre steps from a zero baseline).
     *
     * @param model the model to explain; its gradient with respect to the input is taken at every step; not null
     * @throws org.xai4j.core.InvalidConfigException if {@code model} is null
     */
    public IntegratedGradients(DifferentiableModel model) {
        this(model, IntegratedGradientsConfig.DEFAULTS);
    }

    /**
     * Integrated Gradients with the given settings.
     *
     * @param model  the model to explain; its gradient with respect to the input is taken at every step; not null
     * @param config the settings (baseline, steps, quadrature rule, ...); not null
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null
     */
    public IntegratedGradients(DifferentiableModel model, IntegratedGradientsConfig config) {
        super(NAME, model, config);
    }

    /**
     * Rows × (steps + 2): every row's path points, plus one forward of the inputs (to resolve the target) and
     * one of the baselines (for the convergence delta).
     */
    @Override
    public Optional<Plan> plan(INDArray input, Target target) {
        Checks.requireArray(input, "input");
        long rows = input.size(0);
        return Optional.of(new Plan(NAME, Math.multiplyExact(rows, config().steps() + 2L), "steps",
                "steps=" + config().steps() + " path points + 2 forwards, × " + rows + " input row" + (rows == 1 ? "" : "s")));
    }

    @Override
    public Attribution explain(INDArray input, Target target) {
        Limits.start(plan(input, target).orElseThrow());
        Prepared p = Prepared.of(model(), input, target, config().batch());
        INDArray ref = References.of(config().baseline(), input, config().seed());
        PathIntegral path = integrate(HostArrays.doubles(ref), input, p.resolved());
        // Completeness: Σ (x − x')·avg∇f − (f(x) − f(x')).
        INDArray delta = ConvergenceDelta.of(path.totals(), model(), p, ref, config().batch());
        INDArray values = path.values(config().multiplyByInputs(), input.shape(), input.dataType());
        Long seed = config().baseline().isRandom() ? config().seed() : null;
        // values and delta are new arrays of this call (PathIntegral.values, ConvergenceDelta.of): kept, not copied
        return resultOfOwnArrays(values, delta, p, config().baseline().describe(), seed);
    }

    @Override
    public INDArray attributeChecked(INDArray input, Target resolved) {
        // checked, not started: the caller's plan (a wrapper's, e.g. NoiseTunnel's) already counts these passes
        new Plan(NAME, Math.multiplyExact(input.size(0), (long) config().steps()), "steps",
                "steps=" + config().steps() + " path points × " + input.size(0) + " rows").requireWithinBudget();
        INDArray ref = References.of(config().baseline(), input, config().seed());
        return integrate(HostArrays.doubles(ref), input, resolved).values(config().multiplyByInputs(), input.shape(),
                input.dataType());
    }

    @Override
    public long checkedPassesPerRow() {
        return config().steps();
    }

    /** The path integral from the references {@code start} (flattened) to {@code input}. */
    private PathIntegral integrate(double[] start, INDArray input, Target resolved) {
        int maxRows = config().batch().rowsPerBatch(FlatRows.bytesPerRow(input));
        QuadratureRule rule = this.rule;
        if (rule == null) {
            rule = config().quadrature().rule(config().steps());
            this.rule = rule;
        }
        return new PathIntegral(start, HostArrays.doubles(input), input.shape(), input.dataType()).run(rule,
                maxRows, (rowOf, points) -> ModelCalls.gradients(model(), points, resolved.select(rowOf))
                        .inputGradient());
    }

    @Override
    public MethodDescriptor descriptor() {
        Set<Capability> caps = EnumSet.of(Capability.GRADIENTS, Capability.BASELINE, Capability.CONVERGENCE_DELTA);
        if (config().baseline().isRandom()) {
            caps.add(Capability.STOCHASTIC);
        }
        return new MethodDescriptor(NAME, config().toMap(), caps);
    }
}
