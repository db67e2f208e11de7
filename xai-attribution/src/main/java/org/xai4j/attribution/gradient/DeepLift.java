package org.xai4j.attribution.gradient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import java.util.EnumSet;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.attribution.rules.RuleTable;
import org.xai4j.attribution.rules.RuleTables;
import org.xai4j.attribution.rules.RuleVariant;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Propagation;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.NativeBuffers;
import org.xai4j.attribution.internal.AttributionBase;
import org.xai4j.attribution.internal.ConvergenceDelta;
import org.xai4j.attribution.internal.FlatRows;
import org.xai4j.attribution.internal.Plans;
import org.xai4j.attribution.internal.Prepared;
import org.xai4j.attribution.internal.References;

/**
 * DeepLIFT with the Rescale rule (Shrikumar, Greenside &amp; Kundaje, "Learning Important Features Through
 * Propagating Activation Differences", ICML 2017), as Captum's {@code DeepLift}: the input and the baseline
 * go forward through the explanation graph, then one backward pass carries multipliers instead of gradients
 * (the rules of {@link RuleTables#deepLift}: Rescale at every element-wise nonlinearity, the Shapley split at
 * products and quotients, the plain gradient at linear nodes, Captum's or the exact rule at max pooling and
 * softmax). The attribution is multiplier ⊙ (x − x′).
 *
 * <p>A graph holding a node type that the rule table has no row for is refused when the method is constructed
 * ({@link org.xai4j.core.UnsupportedModelException}); pass your own table's {@link RuleTable#composite()} to
 * {@link #DeepLift(Graph, DeepLiftConfig, Composite)} to give it a rule (or to replace any other).
 *
 * <p>Every result carries the convergence delta per row, Σ attribution − (f(x) − f(x′)) (summation-to-delta;
 * with {@code multiplyByInputs = false} computed from Σ multiplier ⊙ (x − x′), the same quantity). It is zero up
 * to rounding unless the graph has a max pool with overlapping windows or a softmax under
 * {@link RuleVariant#CAPTUM}. Cost: two forward passes (input and baseline, run together) and one backward
 * pass, plus one forward pass of the baseline for the delta.
 */
public final class DeepLift extends AttributionBase<Graph, DeepLiftConfig> {
    /** The method's name in descriptors and provenance. */
    public static final String NAME = "deeplift";

    private final Composite composite;
    /** Whether the caller passed the rules (then they, not the config's max-pool and softmax variants, apply). */
    private final boolean customRules;

    /**
     * DeepLIFT with Captum's defaults (zero baseline, Captum's max-pool and softmax rules).
     *
     * @param model the differentiable graph to explain; not null
     * @throws org.xai4j.core.InvalidConfigException if {@code model} is null
     * @throws org.xai4j.core.UnsupportedModelException if a node that the input reaches is of a type
     *         {@link RuleTables#deepLift} has no row for (nodes computed from constants only are not checked)
     */
    public DeepLift(Graph model) {
        this(model, DeepLiftConfig.DEFAULTS);
    }

    /**
     * DeepLIFT with the given settings and the rules of {@link RuleTables#deepLift} for the config's max-pool and
     * softmax variants.
     *
     * @param model  the differentiable graph to explain; not null
     * @param config the settings; not null
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null
     * @throws org.xai4j.core.UnsupportedModelException if a node that the input reaches is of a type
     *         {@link RuleTables#deepLift} has no row for (nodes computed from constants only are not checked)
     */
    public DeepLift(Graph model, DeepLiftConfig config) {
        this(model, config, null);
    }

    /**
     * DeepLIFT with the given settings and a rule table of the caller's, e.g.
     * {@code RuleTables.deepLift(CAPTUM, EXACT).with(MyNode.class, myRule).composite()}; the config's
     * {@code maxPool} and {@code softmax} are then not read. A node the composite gives
     * {@link RuleTable#unlisted()} (a {@link RuleTable}'s composite does so for types without a row) is refused.
     *
     * @param model  the differentiable graph to explain; not null
     * @param config the settings; not null
     * @param rules  the DeepLIFT rule per node; {@code null}: the table of the config's variants, as the
     *               two-argument constructor
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null
     * @throws org.xai4j.core.UnsupportedModelException if a node that the input reaches gets no rule from
     *         {@code rules} (nodes computed from constants only are not checked): from a {@link RuleTable}, a node
     *         of a type without a row or with a {@linkplain RuleTable.Builder#refuse refusing} row; from a
     *         hand-built composite, one that gets {@link RuleTable#unlisted()}; with {@code rules} null, as the
     *         two-argument constructor
     */
    public DeepLift(Graph model, DeepLiftConfig config, Composite rules) {
        super(NAME, model, config);
        this.customRules = rules != null;
        this.composite = DeepLift.rules(rules, config.maxPool(), config.softmax(), model, NAME);
    }

    /**
     * Rows × 3: one forward of the input (to resolve the target), one backward pass of multipliers per row (its
     * reference travels with it), one forward of the references (for the convergence delta).
     */
    @Override
    public Optional<Plan> plan(INDArray input, Target target) {
        long rows = Plans.rows(model(), input);
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
        Prepared p = Prepared.of(model(), input, target, config().batch());
        INDArray ref = References.of(config().baseline(), input, config().seed());
        double[] totals = new double[(int) input.size(0)];
        INDArray values = run(input, ref, p.resolved(), totals);
        INDArray delta = ConvergenceDelta.of(totals, model(), p, ref, config().batch());
        Long seed = config().baseline().isRandom() ? config().seed() : null;
        return result(values, delta, p, config().baseline().describe(), seed);
    }

    @Override
    public INDArray attributeChecked(INDArray input, Target resolved) {
        INDArray ref = References.of(config().baseline(), input, config().seed());
        return run(input, ref, resolved, new double[(int) input.size(0)]);
    }

    /** The attributions (or multipliers); adds each row's Σ multiplier ⊙ (x − x′) to {@code totals}. */
    private INDArray run(INDArray input, INDArray ref, Target resolved, double[] totals) {
        int d = FlatRows.rowLength(input);
        double[] x = HostArrays.doubles(input);
        double[] b = HostArrays.doubles(ref);
        double[] out = new double[x.length];
        int maxRows = config().batch().rowsPerBatch(FlatRows.bytesPerRow(input));
        for (Batching.Range r : Batching.ranges(input.size(0), maxRows)) {
            double[] m = multipliers(model(), composite, Batching.rows(input, r.from(), r.to()),
                    Batching.rows(ref, r.from(), r.to()), resolved.rows(r.from(), r.to()));
            for (int j = 0; j < m.length; j++) {
                int e = r.from() * d + j;
                double v = m[j] * (x[e] - b[e]);
                out[e] = config().multiplyByInputs() ? v : m[j];
                totals[e / d] += v;
            }
        }
        return HostArrays.array(out, input.shape(), input.dataType());
    }

    /**
     * The composite a DeepLIFT method runs: the caller's, or the table of the config's max-pool and softmax variants;
     * either must cover every node of {@code model}.
     *
     * @param custom  the caller's composite, or null for the table of {@code maxPool} and {@code softmax}
     * @param maxPool the rule variant at max-pool nodes (read only when {@code custom} is null)
     * @param softmax the rule variant at softmax nodes (read only when {@code custom} is null)
     * @param model   the graph the composite must cover
     * @param name    the method's name, for the refusal's message
     * @return the composite, checked against {@code model}
     * @throws org.xai4j.core.UnsupportedModelException if the composite has no rule for one of the graph's nodes
     */
    static Composite rules(Composite custom, RuleVariant maxPool, RuleVariant softmax, Graph model, String name) {
        Composite composite = custom != null ? custom : RuleTables.deepLift(maxPool, softmax).composite();
        RuleTable.requireCovers(composite, model, name);
        return composite;
    }

    /** One backward pass of multipliers for rows {@code x} against reference rows {@code ref} (same shape). */
    static double[] multipliers(Graph model, Composite composite, INDArray x, INDArray ref, Target target) {
        LayerPass pass = ModelCalls.call(model, x, () -> model.propagate(x, Propagation.builder().target(target)
                .composite(composite).reference(ref).build()));
        double[] m = HostArrays.doubles(pass.inputGradient());
        NativeBuffers.release(pass.inputGradient(), x, ref);
        return m;
    }

    @Override
    public MethodDescriptor descriptor() {
        Set<Capability> caps = EnumSet.of(Capability.BACKWARD_RULES, Capability.BASELINE, Capability.CONVERGENCE_DELTA);
        if (config().baseline().isRandom()) {
            caps.add(Capability.STOCHASTIC);
        }
        return new MethodDescriptor(NAME, settings(config().toMap(), customRules, composite), caps);
    }

    /** The config's settings, plus the caller's rules where they replace the config's variants. */
    static Map<String, String> settings(Map<String, String> config, boolean customRules, Composite rules) {
        if (!customRules) {
            return config;
        }
        Map<String, String> m = new LinkedHashMap<>(config);
        m.remove("maxPool");
        m.remove("softmax");
        m.put("rules", rules.describe());
        return m;
    }
}
