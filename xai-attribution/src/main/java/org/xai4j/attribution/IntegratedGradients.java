package org.xai4j.attribution;

import java.util.EnumSet;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.Provenance;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Checks;

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
public final class IntegratedGradients implements AttributionMethod {
    /** The method's name in descriptors and provenance. */
    public static final String NAME = "integrated-gradients";

    private final DifferentiableModel model;
    private final IntegratedGradientsConfig config;
    private final QuadratureRule rule;

    /** Integrated Gradients with Captum's defaults (50 Gauss–Legendre steps from a zero baseline). */
    public IntegratedGradients(DifferentiableModel model) {
        this(model, IntegratedGradientsConfig.defaults());
    }

    public IntegratedGradients(DifferentiableModel model, IntegratedGradientsConfig config) {
        this.model = Checks.requireNonNull(model, "model");
        this.config = Checks.requireNonNull(config, "config");
        this.rule = config.quadrature().rule(config.steps());
    }

    /** This method's settings. */
    public IntegratedGradientsConfig config() {
        return config;
    }

    @Override
    public DifferentiableModel model() {
        return model;
    }

    @Override
    public Attribution explain(INDArray input, Target target) {
        Prepared p = Prepared.of(model, input, target, config.batchPolicy());
        INDArray ref = References.of(config.baseline(), input, config.seed());
        Path path = integrate(input, ref, p.resolved());
        // Completeness: Σ (x − x')·avg∇f − (f(x) − f(x')).
        int rows = config.batchPolicy().rowsPerBatch(Rows.bytesPerRow(input));
        INDArray refOut = Batching.map(ref, rows, block -> ModelCalls.predict(model, block));
        INDArray fx = p.resolved().scores(p.output()).castTo(DataType.DOUBLE);
        INDArray fb = p.resolved().scores(refOut).castTo(DataType.DOUBLE);
        INDArray total = path.averaged.mul(path.diff).sum(1);
        INDArray delta = total.sub(fx.sub(fb));
        INDArray values = path.values(config.multiplyByInputs(), input);
        Long seed = config.baseline().isRandom() ? config.seed() : null;
        return new Attribution(values, delta, Provenance.of(descriptor(), model.id(), p.resolved().describe(),
                config.baseline().describe(), seed));
    }

    @Override
    public INDArray attributeChecked(INDArray input, Target resolved) {
        INDArray ref = References.of(config.baseline(), input, config.seed());
        return integrate(input, ref, resolved).values(config.multiplyByInputs(), input);
    }

    /** The path-averaged gradient (N×D, double) and x − x' (N×D, double). */
    private record Path(INDArray averaged, INDArray diff) {
        INDArray values(boolean multiply, INDArray input) {
            INDArray v = multiply ? averaged.mul(diff) : averaged;
            return v.reshape(input.shape()).castTo(input.dataType());
        }
    }

    private Path integrate(INDArray input, INDArray ref, Target resolved) {
        int n = (int) input.size(0);
        INDArray base = Rows.doubleMatrix(ref);
        INDArray diff = Rows.doubleMatrix(input).subi(base);
        INDArray acc = Nd4j.zeros(DataType.DOUBLE, n, diff.size(1));
        int maxRows = config.batchPolicy().rowsPerBatch(Rows.bytesPerRow(input));
        for (Blocks.Block block : Blocks.plan(n, rule.size(), maxRows)) {
            int[] rowOf = block.rowOf();
            int[] sampleOf = block.sampleOf();
            double[] alpha = new double[rowOf.length];
            double[] weight = new double[rowOf.length];
            for (int j = 0; j < rowOf.length; j++) {
                alpha[j] = rule.alpha(sampleOf[j]);
                weight[j] = rule.weight(sampleOf[j]);
            }
            // x' + α(x − x') for every (row, point) of the block; fresh arrays, inputs untouched.
            INDArray points = Rows.pick(diff, rowOf).muliColumnVector(Rows.column(alpha)).addi(Rows.pick(base, rowOf));
            INDArray batch = points.reshape(Rows.withRows(rowOf.length, input.shape())).castTo(input.dataType());
            INDArray grad = ModelCalls.gradients(model, batch, resolved.select(rowOf)).inputGradient();
            INDArray weighted = grad.castTo(DataType.DOUBLE).reshape(rowOf.length, diff.size(1))
                    .mulColumnVector(Rows.column(weight));
            Rows.addInto(acc, weighted, rowOf);
        }
        return new Path(acc, diff);
    }

    @Override
    public MethodDescriptor descriptor() {
        Set<Capability> caps = EnumSet.of(Capability.GRADIENTS, Capability.BASELINE, Capability.CONVERGENCE_DELTA);
        if (config.baseline().isRandom()) {
            caps.add(Capability.STOCHASTIC);
        }
        return new MethodDescriptor(NAME, config.toMap(), caps);
    }
}
