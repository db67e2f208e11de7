package org.xai4j.attribution.gradient;

import java.util.Optional;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import java.util.EnumSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.attribution.rules.RuleTables;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.NativeBuffers;
import org.xai4j.attribution.internal.AttributionBase;
import org.xai4j.attribution.internal.Blocks;
import org.xai4j.attribution.internal.FlatRows;
import org.xai4j.attribution.internal.Plans;
import org.xai4j.attribution.internal.Prepared;

/**
 * DeepLiftShap (Lundberg &amp; Lee, "A Unified Approach to Interpreting Model Predictions", NeurIPS 2017; the
 * DeepLIFT approximation of SHAP values), as Captum's {@code DeepLiftShap}: the mean over the B background rows
 * b_k of {@link DeepLift DeepLIFT} against b_k, (1/B) Σ_k m_k ⊙ (x − b_k).
 *
 * <p>Every (input row, background row) pair is one row of a batched pass (rows repeated, background tiled, as
 * Captum expands them), in blocks of at most the batch policy's rows; a row's result does not depend on the
 * other rows. The convergence delta per row is the mean of the pairs' deltas, Σ attribution − (f(x) −
 * mean_k f(b_k)) (Captum returns the N·B pair deltas).
 *
 * <p>The rules are {@link DeepLift}'s ({@link RuleTables#deepLift}), or a table of the caller's
 * ({@link #DeepLiftShap(Graph, DeepLiftShapConfig, Composite)}); a graph with a node they have no rule for is
 * refused when the method is constructed.
 */
public final class DeepLiftShap extends AttributionBase<Graph, DeepLiftShapConfig> {
    /** The method's name in descriptors and provenance. */
    public static final String NAME = "deeplift-shap";

    private final Composite composite;
    /** Whether the caller passed the rules (then they, not the config's max-pool and softmax variants, apply). */
    private final boolean customRules;

    /**
     * DeepLiftShap with the given settings and the rules of {@link RuleTables#deepLift} for the config's
     * max-pool and softmax variants.
     *
     * @param model  the differentiable graph to explain; not null
     * @param config the settings, with the background set; not null
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null
     * @throws org.xai4j.core.UnsupportedModelException if a node that the input reaches is of a type
     *         {@link RuleTables#deepLift} has no row for (nodes computed from constants only are not checked)
     */
    public DeepLiftShap(Graph model, DeepLiftShapConfig config) {
        this(model, config, null);
    }

    /**
     * DeepLiftShap with the given settings and a rule table of the caller's (see
     * {@link DeepLift#DeepLift(Graph, DeepLiftConfig, Composite)}); the config's {@code maxPool} and
     * {@code softmax} are then not read.
     *
     * @param model  the differentiable graph to explain; not null
     * @param config the settings, with the background set; not null
     * @param rules  the DeepLIFT rule per node; {@code null}: the table of the config's variants, as the
     *               two-argument constructor
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null
     * @throws org.xai4j.core.UnsupportedModelException if a node that the input reaches gets no rule from
     *         {@code rules} (see {@link DeepLift#DeepLift(Graph, DeepLiftConfig, Composite)}); nodes computed from
     *         constants only are not checked
     */
    public DeepLiftShap(Graph model, DeepLiftShapConfig config, Composite rules) {
        super(NAME, model, config);
        this.customRules = rules != null;
        this.composite = DeepLift.rules(rules, config.maxPool(), config.softmax(), model, NAME);
    }

    /**
     * Rows × (background + 1) + background: one forward of the input (to resolve the target), one backward pass
     * of multipliers per pair of input row and background row, one forward of the background (for the
     * convergence delta).
     */
    @Override
    public Optional<Plan> plan(INDArray input, Target target) {
        long rows = Plans.rows(model(), input);
        long b = config().background().size();
        return Optional.of(new Plan(NAME, Math.addExact(Math.multiplyExact(rows, b + 1), b), "the background rows",
                "(1 forward + " + b + " background rows) " + Plans.times(rows) + ", + " + b + " background forwards"));
    }

    @Override
    public long checkedPassesPerRow() {
        return config().background().size();
    }

    @Override
    public Attribution explain(INDArray input, Target target) {
        Limits.start(plan(input, target).orElseThrow());
        Prepared p = Prepared.of(model(), input, target, config().batch());
        INDArray bg = background(input);
        int n = (int) input.size(0);
        int b = (int) bg.size(0);
        double[] totals = new double[n];
        INDArray values = run(input, bg, p.resolved(), totals);
        int rows = config().batch().rowsPerBatch(FlatRows.bytesPerRow(input));
        INDArray bgOut = Batching.map(bg, rows, block -> ModelCalls.predict(model(), block));
        double[] fx = HostArrays.doubles(p.resolved().scores(p.output()));
        double[] delta = new double[n];
        int[] repeat = new int[b];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(repeat, i);
            double[] fb = HostArrays.doubles(p.resolved().select(repeat).scores(bgOut));
            double mean = 0;
            for (double v : fb) {
                mean += v;
            }
            delta[i] = totals[i] / b - (fx[i] - mean / b);
        }
        return result(values, Nd4j.create(delta, new long[] {n}, DataType.DOUBLE), p, config().background().describe(),
                null);
    }

    @Override
    public INDArray attributeChecked(INDArray input, Target resolved) {
        return run(input, background(input), resolved, new double[(int) input.size(0)]);
    }

    /** The background rows, checked against the input's row shape, in the input's data type. */
    private INDArray background(INDArray input) {
        INDArray samples = config().background().samples();
        Checks.requireSameRowShape(input, "input", samples, "background set");
        return samples.castTo(input.dataType());
    }

    /** Mean over background rows of the attributions (or multipliers); adds Σ_k Σ m_k ⊙ (x − b_k) to totals. */
    private INDArray run(INDArray input, INDArray bgRows, Target resolved, double[] totals) {
        int n = (int) input.size(0);
        int d = FlatRows.rowLength(input);
        int b = (int) bgRows.size(0);
        double[] x = HostArrays.doubles(input);
        double[] bg = HostArrays.doubles(bgRows);
        double[] sum = new double[n * d];
        int maxRows = config().batch().rowsPerBatch(FlatRows.bytesPerRow(input));
        for (Blocks.Block block : Blocks.plan(n, b, maxRows)) {
            int[] rowOf = block.rowOf();
            int[] sampleOf = block.sampleOf();
            long[] shape = FlatRows.withRows(rowOf.length, input.shape());
            INDArray xs = HostArrays.array(FlatRows.pick(x, d, rowOf), shape, input.dataType());
            INDArray bs = HostArrays.array(FlatRows.pick(bg, d, sampleOf), shape, input.dataType());
            double[] m = DeepLift.multipliers(model(), composite, xs, bs, resolved.select(rowOf));
            NativeBuffers.release(xs);
            NativeBuffers.release(bs);
            for (int j = 0; j < rowOf.length; j++) {
                int i = rowOf[j];
                int boff = sampleOf[j] * d;
                for (int e = 0; e < d; e++) {
                    double mult = m[j * d + e];
                    double v = mult * (x[i * d + e] - bg[boff + e]);
                    sum[i * d + e] += config().multiplyByInputs() ? v : mult;
                    totals[i] += v;
                }
            }
        }
        for (int e = 0; e < sum.length; e++) {
            sum[e] /= b;
        }
        return HostArrays.array(sum, input.shape(), input.dataType());
    }

    @Override
    public MethodDescriptor descriptor() {
        return new MethodDescriptor(NAME, DeepLift.settings(config().toMap(), customRules, composite),
                EnumSet.of(Capability.BACKWARD_RULES, Capability.BASELINE, Capability.CONVERGENCE_DELTA));
    }
}
