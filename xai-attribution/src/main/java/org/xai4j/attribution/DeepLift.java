package org.xai4j.attribution;

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
import org.xai4j.core.Provenance;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Propagation;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Checks;

/**
 * DeepLIFT with the Rescale rule (Shrikumar, Greenside &amp; Kundaje, "Learning Important Features Through
 * Propagating Activation Differences", ICML 2017), as Captum's {@code DeepLift}: the input and the baseline
 * go forward through the explanation graph, then one backward pass carries multipliers instead of gradients
 * ({@link DeepLiftRule}: Rescale at every element-wise nonlinearity, the Shapley split at products and
 * quotients, the plain gradient at linear nodes, Captum's or the exact rule at max pooling and softmax). The
 * attribution is multiplier ⊙ (x − x′).
 *
 * <p>Every result carries the convergence delta per row, Σ attribution − (f(x) − f(x′)) (summation-to-delta;
 * with {@code multiplyByInputs = false} computed from Σ multiplier ⊙ (x − x′), the same quantity). It is zero up
 * to rounding unless the graph has a max pool with overlapping windows or a softmax under
 * {@link RuleVariant#CAPTUM}. Cost: two forward passes (input and baseline, run together) and one backward
 * pass, plus one forward pass of the baseline for the delta.
 */
public final class DeepLift implements AttributionMethod {
    /** The method's name in descriptors and provenance. */
    public static final String NAME = "deeplift";

    private final Graph model;
    private final DeepLiftConfig config;
    private final Composite composite;

    /** DeepLIFT with Captum's defaults (zero baseline, Captum's max-pool and softmax rules). */
    public DeepLift(Graph model) {
        this(model, DeepLiftConfig.DEFAULTS);
    }

    public DeepLift(Graph model, DeepLiftConfig config) {
        this.model = Checks.requireNonNull(model, "model");
        this.config = Checks.requireNonNull(config, "config");
        this.composite = DeepLiftRule.composite(config.maxPool(), config.softmax());
    }

    /** This method's settings. */
    public DeepLiftConfig config() {
        return config;
    }

    @Override
    public Graph model() {
        return model;
    }

    /**
     * Rows × 3: one forward of the input (to resolve the target), one backward pass of multipliers per row (its
     * reference travels with it), one forward of the references (for the convergence delta).
     */
    @Override
    public Optional<Plan> plan(INDArray input, Target target) {
        long rows = Plans.rows(model, input);
        return Optional.of(new Plan(NAME, Math.multiplyExact(rows, 3L), "",
                "1 forward + 1 multiplier pass + 1 reference forward, " + Plans.times(rows)));
    }

    @Override
    public long checkedPassesPerRow() {
        return 1;
    }

    @Override
    public Attribution explain(INDArray input, Target target) {
        Limits.start(plan(input, target).orElseThrow());
        Prepared p = Prepared.of(model, input, target, config.batch());
        INDArray ref = References.of(config.baseline(), input, config.seed());
        double[] totals = new double[(int) input.size(0)];
        INDArray values = run(input, ref, p.resolved(), totals);
        int rows = config.batch().rowsPerBatch(Rows.bytesPerRow(input));
        INDArray refOut = Batching.map(ref, rows, block -> ModelCalls.predict(model, block));
        INDArray gap = p.resolved().scores(p.output()).castTo(DataType.DOUBLE)
                .sub(p.resolved().scores(refOut).castTo(DataType.DOUBLE)).reshape(totals.length);
        INDArray delta = Nd4j.create(totals, new long[] {totals.length}, DataType.DOUBLE).sub(gap);
        Long seed = config.baseline().isRandom() ? config.seed() : null;
        return new Attribution(values, delta, Provenance.of(descriptor(), model.id(), p.resolved().describe(),
                config.baseline().describe(), seed));
    }

    @Override
    public INDArray attributeChecked(INDArray input, Target resolved) {
        INDArray ref = References.of(config.baseline(), input, config.seed());
        return run(input, ref, resolved, new double[(int) input.size(0)]);
    }

    /** The attributions (or multipliers); adds each row's Σ multiplier ⊙ (x − x′) to {@code totals}. */
    private INDArray run(INDArray input, INDArray ref, Target resolved, double[] totals) {
        int d = Rows.rowLength(input);
        double[] x = Memory.doubles(input);
        double[] b = Memory.doubles(ref);
        double[] out = new double[x.length];
        int maxRows = config.batch().rowsPerBatch(Rows.bytesPerRow(input));
        for (Batching.Range r : Batching.ranges(input.size(0), maxRows)) {
            double[] m = multipliers(model, composite, Batching.rows(input, r.from(), r.to()),
                    Batching.rows(ref, r.from(), r.to()), resolved.rows(r.from(), r.to()));
            for (int j = 0; j < m.length; j++) {
                int e = r.from() * d + j;
                double v = m[j] * (x[e] - b[e]);
                out[e] = config.multiplyByInputs() ? v : m[j];
                totals[e / d] += v;
            }
        }
        return Memory.array(out, input.shape(), input.dataType());
    }

    /** One backward pass of multipliers for rows {@code x} against reference rows {@code ref} (same shape). */
    static double[] multipliers(Graph model, Composite composite, INDArray x, INDArray ref, Target target) {
        LayerPass pass = ModelCalls.call(model, x, () -> model.propagate(x, Propagation.builder().target(target)
                .composite(composite).reference(ref).build()));
        double[] m = Memory.doubles(pass.inputGradient());
        Memory.freeIfCopy(pass.inputGradient(), x, ref);
        return m;
    }

    @Override
    public MethodDescriptor descriptor() {
        Set<Capability> caps = EnumSet.of(Capability.BACKWARD_RULES, Capability.BASELINE, Capability.CONVERGENCE_DELTA);
        if (config.baseline().isRandom()) {
            caps.add(Capability.STOCHASTIC);
        }
        return new MethodDescriptor(NAME, config.toMap(), caps);
    }
}
