package org.xai4j.attribution;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.Provenance;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Checks;

/**
 * Averages any {@link AttributionMethod} over noisy copies of the input, as Captum's {@code NoiseTunnel}:
 * for s = 1…S, a_s = A(x + ε_s) with ε_s ~ N(0, σ²); SmoothGrad (Smilkov et al., "SmoothGrad: removing noise
 * by adding noise", 2017) returns mean_s a_s, SmoothGrad² mean_s a_s², VarGrad (Adebayo et al. 2018)
 * mean_s a_s² − (mean_s a_s)².
 *
 * <p>The target is resolved once on the original input ("predicted" is the prediction for x, not for each
 * noisy copy). Row i's noise comes from a generator seeded with the configured seed alone (one
 * {@link org.xai4j.core.util.Rng#nextGaussian()} per element, row-major, sample after sample), so a row's
 * result does not depend on the other rows. Noisy copies go to the wrapped method in blocks of at most the
 * batch policy's rows. No convergence delta is reported.
 */
public final class NoiseTunnel implements AttributionMethod {
    /** The method's name in descriptors and provenance. */
    public static final String NAME = "noise-tunnel";

    private final AttributionMethod inner;
    private final NoiseTunnelConfig config;

    /** SmoothGrad over {@code inner} with Captum's defaults. */
    public NoiseTunnel(AttributionMethod inner) {
        this(inner, NoiseTunnelConfig.defaults());
    }

    public NoiseTunnel(AttributionMethod inner, NoiseTunnelConfig config) {
        this.inner = Checks.requireNonNull(inner, "inner method");
        this.config = Checks.requireNonNull(config, "config");
    }

    /** This wrapper's settings. */
    public NoiseTunnelConfig config() {
        return config;
    }

    /** The wrapped method. */
    public AttributionMethod inner() {
        return inner;
    }

    @Override
    public PredictionFunction model() {
        return inner.model();
    }

    @Override
    public Attribution explain(INDArray input, Target target) {
        Prepared p = Prepared.of(inner.model(), input, target, config.batchPolicy());
        INDArray values = attributeChecked(input, p.resolved());
        String baseline = inner.descriptor().config().get("baseline");
        return new Attribution(values, null, Provenance.of(descriptor(), inner.model().id(), p.resolved().describe(),
                baseline, config.seed()));
    }

    @Override
    public INDArray attributeChecked(INDArray input, Target resolved) {
        int n = (int) input.size(0);
        int d = (int) Rows.rowLength(input);
        int samples = config.samples();
        INDArray x = Rows.doubleMatrix(input);
        double[] sd = deviations(x);
        int maxRows = config.batchPolicy().rowsPerBatch(Rows.bytesPerRow(input));
        RowStreams streams = new RowStreams(config.seed(), n);
        INDArray sum = null;
        INDArray sumSq = null;
        long[] rowShape = null;
        for (Blocks.Block block : Blocks.plan(n, samples, maxRows)) {
            int[] rowOf = block.rowOf();
            int m = rowOf.length;
            double[] noise = new double[m * d];
            for (int j = 0; j < m; j++) {
                streams.gaussian(rowOf[j], sd[rowOf[j]], noise, j * d, d);
            }
            INDArray noisy = Rows.pick(x, rowOf).addi(Nd4j.create(noise, new long[] {m, d}, DataType.DOUBLE));
            INDArray batch = noisy.reshape(Rows.withRows(m, input.shape())).castTo(input.dataType());
            INDArray a = inner.attributeChecked(batch, resolved.select(rowOf));
            if (sum == null) {
                rowShape = a.shape();
                long width = a.length() / m;
                sum = Nd4j.zeros(DataType.DOUBLE, n, width);
                sumSq = Nd4j.zeros(DataType.DOUBLE, n, width);
            }
            INDArray flat = Rows.doubleMatrix(a);
            Rows.addInto(sum, flat, rowOf);
            if (config.type() != NoiseTunnelType.SMOOTHGRAD) {
                Rows.addInto(sumSq, flat.mul(flat), rowOf);
            }
        }
        INDArray mean = sum.divi(samples);
        INDArray out = switch (config.type()) {
            case SMOOTHGRAD -> mean;
            case SMOOTHGRAD_SQ -> sumSq.divi(samples);
            case VARGRAD -> sumSq.divi(samples).subi(mean.mul(mean));
        };
        return out.reshape(Rows.withRows(n, rowShape)).castTo(input.dataType());
    }

    /** σ_i per row: the absolute setting, or the fraction times the row's range. */
    private double[] deviations(INDArray x) {
        int n = (int) x.size(0);
        double[] sd = new double[n];
        if (config.scale() == NoiseScale.ABSOLUTE) {
            java.util.Arrays.fill(sd, config.noise());
        } else {
            double[] max = Rows.flat(x.max(1));
            double[] min = Rows.flat(x.min(1));
            for (int i = 0; i < n; i++) {
                sd[i] = config.noise() * (max[i] - min[i]);
            }
        }
        return sd;
    }

    @Override
    public MethodDescriptor descriptor() {
        MethodDescriptor in = inner.descriptor();
        Map<String, String> cfg = new LinkedHashMap<>(config.toMap());
        cfg.put("inner", in.name());
        in.config().forEach((k, v) -> cfg.put("inner." + k, v));
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        caps.addAll(in.capabilities());
        caps.remove(Capability.CONVERGENCE_DELTA);
        caps.add(Capability.STOCHASTIC);
        return new MethodDescriptor(NAME, cfg, caps);
    }
}
