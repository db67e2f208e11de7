package org.xai4j.attribution;

import java.util.Optional;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.Provenance;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.HostArrays;
import org.xai4j.attribution.gradient.Saliency;
import org.xai4j.attribution.internal.Blocks;
import org.xai4j.attribution.internal.FlatRows;
import org.xai4j.attribution.internal.PlanMemo;
import org.xai4j.attribution.internal.Plans;
import org.xai4j.attribution.internal.Prepared;
import org.xai4j.attribution.internal.SeededNormals;

/**
 * Averages any {@link AttributionMethod} over noisy copies of the input, as Captum's {@code NoiseTunnel}:
 * for s = 1…S, a_s = A(x + ε_s) with ε_s ~ N(0, σ²); SmoothGrad (Smilkov et al., "SmoothGrad: removing noise
 * by adding noise", 2017) returns mean_s a_s, SmoothGrad² mean_s a_s², VarGrad (Adebayo et al. 2018)
 * mean_s a_s² − (mean_s a_s)².
 *
 * <p>The target is resolved once on the original input ("predicted" is the prediction for x, not for each
 * noisy copy). Row i's noise comes from a generator seeded with the configured seed alone (one
 * {@link org.xai4j.core.util.Rng#nextGaussian()} per element, row-major, sample after sample), so a row's
 * result does not depend on the other rows. Every row and every call thus draws the same numbers: they are
 * drawn once and kept between calls (softly, up to 2<sup>20</sup> of them: 8 MiB). Noisy copies go to the
 * wrapped method in blocks of at most the batch policy's rows. No convergence delta is reported. The wrapped
 * method's descriptor is read once, at construction (a method's settings are an immutable record), and
 * provenance repeats it as {@code inner.*}.
 */
public final class NoiseTunnel implements AttributionMethod {
    /** The method's name in descriptors and provenance. */
    public static final String NAME = "smoothgrad";

    private final AttributionMethod inner;
    private final NoiseTunnelConfig config;
    /** The wrapped method's descriptor, read once: it and {@link #config} are fixed, so this wrapper's is too. */
    private final MethodDescriptor innerDescriptor;
    private final MethodDescriptor descriptor;
    /** The plan of the last row count asked for (it follows from the rows and the fixed settings). */
    private final PlanMemo plans = new PlanMemo(this::plan);
    /** The seed's standard normal draws, kept between calls (every row and every call draws the same ones). */
    private final SeededNormals normals;

    /**
     * SmoothGrad over {@code inner} with Captum's defaults ({@link NoiseTunnelConfig#DEFAULTS}).
     *
     * @param inner the method applied to every noisy copy (e.g. {@link Saliency})
     * @throws org.xai4j.core.InvalidConfigException if {@code inner} is null
     */
    public NoiseTunnel(AttributionMethod inner) {
        this(inner, NoiseTunnelConfig.DEFAULTS);
    }

    /**
     * {@code inner} averaged over noisy copies as {@code config} says.
     *
     * @param inner  the method applied to every noisy copy
     * @param config the combination (SmoothGrad, SmoothGrad², VarGrad), sample count, noise, seed and batch policy
     * @throws org.xai4j.core.InvalidConfigException if an argument is null
     */
    public NoiseTunnel(AttributionMethod inner, NoiseTunnelConfig config) {
        this.inner = Checks.requireNonNull(inner, "inner method");
        this.config = Checks.requireNonNull(config, "config");
        this.innerDescriptor = inner.descriptor();
        this.descriptor = descriptor(innerDescriptor);
        this.normals = new SeededNormals(config.seed());
    }

    /**
     * This wrapper's settings.
     *
     * @return the settings given at construction
     */
    public NoiseTunnelConfig config() {
        return config;
    }

    /**
     * The wrapped method.
     *
     * @return the method applied to every noisy copy
     */
    public AttributionMethod inner() {
        return inner;
    }

    @Override
    public PredictionFunction model() {
        return inner.model();
    }

    /**
     * Rows × (1 + samples × the wrapped method's passes per row): one forward of the input (to resolve the
     * target), then the wrapped method on every noisy copy.
     */
    @Override
    public Optional<Plan> plan(INDArray input, Target target) {
        return Optional.of(plans.of(Plans.rows(inner.model(), input), inner.checkedPassesPerRow()));
    }

    private Plan plan(long rows) {
        long perCopy = inner.checkedPassesPerRow();
        return new Plan(NAME, Math.multiplyExact(rows, Math.addExact(1, checkedPassesPerRow())), "samples",
                "(1 forward + samples=" + config.samples() + " noisy copies × " + perCopy + " " + innerDescriptor.name()
                        + " pass" + (perCopy == 1 ? "" : "es") + ") " + Plans.times(rows));
    }

    @Override
    public long checkedPassesPerRow() {
        return Math.multiplyExact((long) config.samples(), inner.checkedPassesPerRow());
    }

    @Override
    public Attribution explain(INDArray input, Target target) {
        Limits.start(plan(input, target).orElseThrow()); // checks the input against the model
        Prepared p = Prepared.ofCheckedInput(inner.model(), input, target, config.batch());
        INDArray values = attributeChecked(input, p.resolved());
        return Attribution.ofOwnArrays(values, null, Provenance.of(descriptor, inner.model(),
                p.resolved().describe(), innerDescriptor.config().get("baseline"), config.seed()));
    }

    @Override
    public INDArray attributeChecked(INDArray input, Target resolved) {
        int n = (int) input.size(0);
        int d = FlatRows.rowLength(input);
        int samples = config.samples();
        double[] x = HostArrays.doubles(input);
        double[] sd = deviations(x, n, d);
        int maxRows = config.batch().rowsPerBatch(FlatRows.bytesPerRow(input));
        SeededNormals.Reader eps = normals.reader(n, (long) samples * d); // ε, the same draws for every row
        boolean squares = config.type() != NoiseTunnelType.SMOOTHGRAD;
        double[] sum = null;
        double[] sumSq = null;
        long[] shape = null;
        int width = 0;
        for (Blocks.Block block : Blocks.plan(n, samples, maxRows)) {
            int[] rowOf = block.rowOf();
            int m = rowOf.length;
            // x + ε, written into the method's array a few rows at a time
            INDArray batch = HostArrays.filledByRows(FlatRows.withRows(m, input.shape()), input.dataType(),
                    (chunk, from, count) -> {
                        for (int j = from; j < from + count; j++) {
                            int k = eps.next(rowOf[j], d);
                            double[] z = eps.values();
                            double s = sd[rowOf[j]];
                            int src = rowOf[j] * d;
                            int at = (j - from) * d;
                            if (chunk instanceof float[] f) {
                                for (int e = 0; e < d; e++) {
                                    f[at + e] = (float) (x[src + e] + s * z[k + e]);
                                }
                            } else {
                                double[] v = (double[]) chunk;
                                for (int e = 0; e < d; e++) {
                                    v[at + e] = x[src + e] + s * z[k + e];
                                }
                            }
                        }
                    });
            try {
                INDArray a = inner.attributeChecked(batch, resolved.select(rowOf));
                if (a == null || a.rank() == 0 || a.size(0) != m) {
                    throw new org.xai4j.core.XaiException("method " + innerDescriptor.name() + " returned "
                            + (a == null ? "null" : "shape " + FlatRows.shape(a)) + " for " + m + " noisy rows");
                }
                if (sum == null) {
                    shape = FlatRows.withRows(n, a.shape());
                    width = FlatRows.rowLength(a);
                    sum = new double[n * width];
                    sumSq = squares ? new double[n * width] : null;
                }
                add(a, rowOf, width, sum, sumSq);
            } finally {
                batch.close(); // ours; freed once the attribution (possibly computed in its place) is read
            }
        }
        double[] out = new double[sum.length];
        for (int e = 0; e < out.length; e++) {
            double mean = sum[e] / samples;
            out[e] = switch (config.type()) {
                case SMOOTHGRAD -> mean;
                case SMOOTHGRAD_SQ -> sumSq[e] / samples;
                case VARGRAD -> sumSq[e] / samples - mean * mean;
            };
        }
        return HostArrays.array(out, shape, input.dataType());
    }

    /** Adds each block row's attribution (and its square) into its input row's sums, read in place. */
    private static void add(INDArray a, int[] rowOf, int width, double[] sum, double[] sumSq) {
        HostArrays.forEachWindow(a, (values, length, first) -> {
            FlatRows.forEachRun(first, length, width, (j, e, at, count) -> {
                int dst = rowOf[j] * width + e;
                for (int k = 0; k < count; k++) {
                    double val = values[at + k];
                    sum[dst + k] += val;
                    if (sumSq != null) {
                        sumSq[dst + k] += val * val;
                    }
                }
            });
            return true;
        });
    }

    /** σ_i per row: the absolute setting, or the fraction times the row's range. */
    private double[] deviations(double[] x, int n, int d) {
        double[] sd = new double[n];
        for (int i = 0; i < n; i++) {
            if (config.scale() == NoiseScale.ABSOLUTE) {
                sd[i] = config.noise();
            } else {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int e = i * d; e < (i + 1) * d; e++) {
                    lo = Math.min(lo, x[e]);
                    hi = Math.max(hi, x[e]);
                }
                sd[i] = config.noise() * (hi - lo);
            }
        }
        return sd;
    }

    @Override
    public MethodDescriptor descriptor() {
        return descriptor;
    }

    /** This wrapper's descriptor around the wrapped method's {@code in}. */
    private MethodDescriptor descriptor(MethodDescriptor in) {
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
