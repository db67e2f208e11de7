package org.xai4j.attribution.gradient;

import java.util.Optional;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import java.util.EnumSet;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.baseline.BackgroundBaseline;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.Rng;
import org.xai4j.attribution.internal.AttributionBase;
import org.xai4j.attribution.internal.Blocks;
import org.xai4j.attribution.internal.FlatRows;
import org.xai4j.attribution.internal.PlanMemo;
import org.xai4j.attribution.internal.Plans;
import org.xai4j.attribution.internal.Prepared;
import org.xai4j.attribution.internal.RowStreams;

/**
 * GradientSHAP / expected gradients (Lundberg &amp; Lee, "A Unified Approach to Interpreting Model
 * Predictions", 2017; Erion et al., "Improving performance of deep learning models with axiomatic
 * attribution priors and expected gradients", 2021), as Captum's {@code GradientShap}: for each of
 * {@code samples} draws, x̃ = x + ε with ε ~ N(0, σ²), a baseline b drawn uniformly from the background set
 * and α ~ U[0, 1); the attribution is the mean over draws of (x̃ − b) ⊙ ∇f(b + α(x̃ − b)).
 *
 * <p>Randomness: row i draws from a generator seeded with the configured seed alone, in this order for each
 * draw: the noise (only when σ &gt; 0; one {@link Rng#nextGaussian()} per element, row-major), then
 * u = {@link Rng#nextDouble()} picking background row ⌊u·B⌋, then α = {@link Rng#nextDouble()}.
 */
public final class GradientShap extends AttributionBase<DifferentiableModel, GradientShapConfig> {
    /** The method's name in descriptors and provenance. */
    public static final String NAME = "gradient-shap";

    /** Made once: the settings are fixed. */
    private final MethodDescriptor descriptor;
    /** The plan of the last row count asked for (it follows from the rows and the fixed settings). */
    private final PlanMemo plans = new PlanMemo(this::plan);

    /**
     * GradientSHAP of {@code model}.
     *
     * @param model  the model, which must provide input gradients
     * @param config the background set, sample count, noise, seed and batch policy
     * @throws org.xai4j.core.InvalidConfigException if an argument is null
     */
    public GradientShap(DifferentiableModel model, GradientShapConfig config) {
        super(NAME, model, config);
        Set<Capability> caps = EnumSet.of(Capability.GRADIENTS, Capability.BASELINE, Capability.STOCHASTIC);
        if (config.convergenceDelta()) {
            caps.add(Capability.CONVERGENCE_DELTA);
        }
        this.descriptor = new MethodDescriptor(NAME, config.toMap(), caps);
    }

    /**
     * Rows × (samples + 1): one forward of the input (to resolve the target), one gradient per sample; with the
     * convergence delta also one forward of the background and, when noise is added, one of every noisy row.
     */
    @Override
    public Optional<Plan> plan(INDArray input, Target target) {
        return Optional.of(plans.of(Plans.rows(model(), input), checkedPassesPerRow()));
    }

    private Plan plan(long rows) {
        long samples = config().samples();
        long passes = Math.multiplyExact(rows, samples + 1);
        String formula = "(1 forward + samples=" + samples + " gradients";
        if (config().convergenceDelta()) {
            long b = config().background().size();
            if (config().noiseSd() > 0) {
                passes = Math.addExact(passes, Math.multiplyExact(rows, samples));
                formula += " + " + samples + " noisy forwards";
            }
            passes = Math.addExact(passes, b);
            formula += ") " + Plans.times(rows) + ", + " + b + " background forwards";
        } else {
            formula += ") " + Plans.times(rows);
        }
        return new Plan(NAME, passes, "samples", formula);
    }

    @Override
    public long checkedPassesPerRow() {
        return config().samples();
    }

    @Override
    public Attribution explain(INDArray input, Target target) {
        Limits.start(plan(input, target).orElseThrow()); // checks the input against the model
        Prepared p = Prepared.ofCheckedInput(model(), input, target, config().batch());
        Result r = run(input, p.resolved(), config().convergenceDelta() ? p.output() : null);
        return resultOfOwnArrays(r.values, r.delta, p, config().background().describe(), config().seed());
    }

    @Override
    public INDArray attributeChecked(INDArray input, Target resolved) {
        return run(input, resolved, null).values;
    }

    private record Result(INDArray values, INDArray delta) {
    }

    /** The attributions (and with {@code inputOutput}, the model's output on the input, the deltas). */
    private Result run(INDArray input, Target resolved, INDArray inputOutput) {
        BackgroundBaseline background = config().background();
        background.requireSameRowShape(input, "input");
        int n = (int) input.size(0);
        int d = FlatRows.rowLength(input);
        int b = background.size();
        int samples = config().samples();
        double sd = config().noiseSd();
        boolean multiply = config().multiplyByInputs();
        double[] x = HostArrays.doubles(input);
        double[] bg = background.doubles(); // read in place: the set's rows are not copied first
        int maxRows = config().batch().rowsPerBatch(FlatRows.bytesPerRow(input));
        boolean delta = inputOutput != null;
        INDArray bgOut = delta ? Batching.map(background.samples().castTo(input.dataType()), maxRows,
                block -> ModelCalls.predict(model(), block)) : null;
        double[] sum = new double[n * d];
        double[] completeness = new double[n];
        double[] gapSum = new double[n];
        RowStreams streams = new RowStreams(config().seed(), n);
        for (Blocks.Block block : Blocks.plan(n, samples, maxRows)) {
            int[] rowOf = block.rowOf();
            int m = rowOf.length;
            double[] noisy = sd > 0 ? new double[m * d] : null; // x̃ = x + ε, only where noise is drawn
            double[] dirn = new double[m * d];
            int[] pick = new int[m];
            long[] shape = FlatRows.withRows(m, input.shape());
            // the path points b + α(x̃ − b), written into the model's array a few rows at a time
            INDArray batch = HostArrays.filledByRows(shape, input.dataType(), (chunk, from, count) -> {
                for (int j = from; j < from + count; j++) {
                    int off = j * d;
                    double[] src = x;
                    int srcOff = rowOf[j] * d;
                    if (sd > 0) {
                        streams.gaussian(rowOf[j], sd, noisy, off, d);
                        for (int e = 0; e < d; e++) {
                            noisy[off + e] += x[srcOff + e];
                        }
                        src = noisy;
                        srcOff = off;
                    }
                    Rng r = streams.of(rowOf[j]);
                    pick[j] = Math.min(b - 1, (int) (r.nextDouble() * b));
                    double alpha = r.nextDouble();
                    int boff = pick[j] * d;
                    int at = (j - from) * d;
                    for (int e = 0; e < d; e++) {
                        dirn[off + e] = src[srcOff + e] - bg[boff + e];
                    }
                    if (chunk instanceof float[] f) {
                        for (int e = 0; e < d; e++) {
                            f[at + e] = (float) (bg[boff + e] + alpha * dirn[off + e]);
                        }
                    } else {
                        double[] v = (double[]) chunk;
                        for (int e = 0; e < d; e++) {
                            v[at + e] = bg[boff + e] + alpha * dirn[off + e];
                        }
                    }
                }
            });
            Target t = resolved.select(rowOf);
            double[] totals = new double[m];
            try {
                INDArray g = ModelCalls.gradients(model(), batch, t).inputGradient();
                // (x̃ − b) ⊙ ∇f per value, added to its input row's sum, read from the model's array in place
                HostArrays.forEachWindow(g, (values, length, first) -> {
                    FlatRows.forEachRun(first, length, d, (j, e, at, count) -> {
                        int src = j * d + e;
                        int dst = rowOf[j] * d + e;
                        double total = totals[j];
                        for (int k = 0; k < count; k++) {
                            double v = values[at + k] * dirn[src + k];
                            total += v;
                            sum[dst + k] += multiply ? v : values[at + k];
                        }
                        totals[j] = total;
                    });
                    return true;
                });
            } finally {
                batch.close(); // ours; freed once the gradient is read
            }
            for (int j = 0; j < m; j++) {
                completeness[rowOf[j]] += totals[j];
            }
            if (delta) {
                INDArray fx = sd > 0
                        ? t.scores(ModelCalls.predict(model(), HostArrays.array(noisy, shape, input.dataType())))
                        : t.scores(FlatRows.pick(inputOutput, rowOf));
                double[] gap = HostArrays.doubles(fx.castTo(DataType.DOUBLE).sub(t.scores(FlatRows.pick(bgOut, pick)).castTo(DataType.DOUBLE)));
                for (int j = 0; j < m; j++) {
                    gapSum[rowOf[j]] += gap[j];
                }
            }
        }
        for (int e = 0; e < sum.length; e++) {
            sum[e] /= samples;
        }
        INDArray deltas = null;
        if (delta) {
            // mean over draws of [Σ_j (x̃ − b)_j ∇_j f − (f(x̃) − f(b))]; with multiplyByInputs the first term is Σ attribution.
            double[] dv = new double[n];
            for (int i = 0; i < n; i++) {
                dv[i] = (completeness[i] - gapSum[i]) / samples;
            }
            deltas = Nd4j.create(dv, new long[] {n}, DataType.DOUBLE);
        }
        return new Result(HostArrays.array(sum, input.shape(), input.dataType()), deltas);
    }

    @Override
    public MethodDescriptor descriptor() {
        return descriptor;
    }
}
