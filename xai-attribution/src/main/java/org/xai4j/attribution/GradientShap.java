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
import org.xai4j.core.util.Rng;

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
public final class GradientShap implements AttributionMethod {
    /** The method's name in descriptors and provenance. */
    public static final String NAME = "gradient-shap";

    private final DifferentiableModel model;
    private final GradientShapConfig config;

    public GradientShap(DifferentiableModel model, GradientShapConfig config) {
        this.model = Checks.requireNonNull(model, "model");
        this.config = Checks.requireNonNull(config, "config");
    }

    /** This method's settings. */
    public GradientShapConfig config() {
        return config;
    }

    @Override
    public DifferentiableModel model() {
        return model;
    }

    @Override
    public Attribution explain(INDArray input, Target target) {
        Prepared p = Prepared.of(model, input, target, config.batchPolicy());
        INDArray bg = background(input);
        Result r = run(input, p.resolved(), bg, config.convergenceDelta() ? p.output() : null);
        return new Attribution(r.values, r.delta, Provenance.of(descriptor(), model.id(), p.resolved().describe(),
                config.background().describe(), config.seed()));
    }

    @Override
    public INDArray attributeChecked(INDArray input, Target resolved) {
        return run(input, resolved, background(input), null).values;
    }

    /** The background rows as a B×D double matrix, checked against the input's row shape. */
    private INDArray background(INDArray input) {
        INDArray samples = config.background().samples();
        Checks.requireSameRowShape(input, "input", samples, "background set");
        return samples;
    }

    private record Result(INDArray values, INDArray delta) {
    }

    private Result run(INDArray input, Target resolved, INDArray bgRows, INDArray inputOutput) {
        int n = (int) input.size(0);
        int d = (int) Rows.rowLength(input);
        int b = (int) bgRows.size(0);
        int samples = config.samples();
        double sd = config.noiseSd();
        INDArray x = Rows.doubleMatrix(input);
        INDArray bg = Rows.doubleMatrix(bgRows);
        int maxRows = config.batchPolicy().rowsPerBatch(Rows.bytesPerRow(input));
        boolean delta = inputOutput != null;
        INDArray bgScoresOut = delta ? Batching.map(bgRows.castTo(input.dataType()), maxRows,
                block -> ModelCalls.predict(model, block)) : null;
        double[] gapSum = new double[n];
        INDArray acc = Nd4j.zeros(DataType.DOUBLE, n, d);
        INDArray completeness = delta ? Nd4j.zeros(DataType.DOUBLE, n, d) : null;
        RowStreams streams = new RowStreams(config.seed(), n);
        for (Blocks.Block block : Blocks.plan(n, samples, maxRows)) {
            int[] rowOf = block.rowOf();
            int m = rowOf.length;
            double[] noise = sd > 0 ? new double[m * d] : null;
            int[] pick = new int[m];
            double[] alpha = new double[m];
            for (int j = 0; j < m; j++) {
                if (noise != null) {
                    streams.gaussian(rowOf[j], sd, noise, j * d, d);
                }
                Rng r = streams.of(rowOf[j]);
                pick[j] = Math.min(b - 1, (int) (r.nextDouble() * b));
                alpha[j] = r.nextDouble();
            }
            INDArray xt = Rows.pick(x, rowOf);
            if (noise != null) {
                xt.addi(Nd4j.create(noise, new long[] {m, d}, DataType.DOUBLE));
            }
            INDArray base = Rows.pick(bg, pick);
            INDArray dirn = xt.sub(base);
            INDArray points = dirn.mulColumnVector(Rows.column(alpha)).addi(base);
            Target t = resolved.select(rowOf);
            INDArray batch = points.reshape(Rows.withRows(m, input.shape())).castTo(input.dataType());
            INDArray grad = ModelCalls.gradients(model, batch, t).inputGradient().castTo(DataType.DOUBLE).reshape(m, d);
            INDArray weighted = config.multiplyByInputs() || delta ? grad.mul(dirn) : null;
            Rows.addInto(acc, config.multiplyByInputs() ? weighted : grad, rowOf);
            if (delta) {
                Rows.addInto(completeness, weighted, rowOf);
            }
            if (delta) {
                INDArray fx = noise == null
                        ? t.scores(pickRows(inputOutput, rowOf))
                        : t.scores(ModelCalls.predict(model, xt.reshape(Rows.withRows(m, input.shape())).castTo(input.dataType())));
                INDArray fb = t.scores(pickRows(bgScoresOut, pick));
                double[] gap = Rows.flat(fx.castTo(DataType.DOUBLE).sub(fb.castTo(DataType.DOUBLE)));
                for (int j = 0; j < m; j++) {
                    gapSum[rowOf[j]] += gap[j];
                }
            }
        }
        acc.divi(samples);
        INDArray d2 = null;
        if (delta) {
            // mean over draws of Σ_j (x̃ − b)_j·∇_j f − (f(x̃) − f(b)); with multiplyByInputs the first term is Σ attribution.
            double[] t = Rows.flat(completeness.sum(1).divi(samples));
            for (int i = 0; i < n; i++) {
                t[i] -= gapSum[i] / samples;
            }
            d2 = Nd4j.create(t, new long[] {n}, DataType.DOUBLE);
        }
        return new Result(acc.reshape(input.shape()).castTo(input.dataType()), d2);
    }

    /** Rows {@code idx} of an N×… array. */
    private static INDArray pickRows(INDArray a, int[] idx) {
        INDArray flat = a.dup('c').reshape('c', a.size(0), a.length() / a.size(0));
        return Rows.pick(flat, idx).reshape(Rows.withRows(idx.length, a.shape()));
    }

    @Override
    public MethodDescriptor descriptor() {
        Set<Capability> caps = EnumSet.of(Capability.GRADIENTS, Capability.BASELINE, Capability.STOCHASTIC);
        if (config.convergenceDelta()) {
            caps.add(Capability.CONVERGENCE_DELTA);
        }
        return new MethodDescriptor(NAME, config.toMap(), caps);
    }
}
