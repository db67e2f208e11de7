package org.xai4j.attribution.lrp;

import org.xai4j.core.model.LayerPass;
import org.xai4j.core.model.ModelCalls;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.rules.LrpTables;
import org.xai4j.attribution.rules.RuleTable;
import org.xai4j.core.Capability;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Propagation;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Checks;
import org.xai4j.attribution.internal.PerRowAttribution;

/**
 * Layer-wise relevance propagation (Bach, Binder, Montavon, Klauschen, Müller &amp; Samek, "On Pixel-Wise
 * Explanations for Non-Linear Classifier Decisions by Layer-Wise Relevance Propagation", PLoS ONE 2015; Montavon et
 * al., "Layer-Wise Relevance Propagation: An Overview", 2019) over the explanation graph, with zennit's rules and
 * composites ({@link LrpTables}): one forward pass, then one backward pass in which each node redistributes the
 * relevance of its output to its inputs by its composite rule. The relevance starts at the target's one-hot vector
 * (zennit's {@code attributor(x, one_hot)}) or at its logit ({@link LrpConfig#init}).
 *
 * <p>Batch norms are merged into the preceding layers first ({@link MergeBatchNorm}, zennit's canonizer), and every
 * residual addition is a graph node that gets the {@link org.xai4j.attribution.lrp.Norm} rule, so residual networks
 * (ResNet and the like) need none of zennit's per-architecture canonizers. Every node between input and output must
 * have a rule: a graph with a node no rule covers fails at construction, naming it. Differences from zennit: see
 * docs/lrp.md. Cost: one forward and one backward pass (each linear layer's rule evaluates its map 1–5 times).
 */
public final class Lrp extends PerRowAttribution<Graph, LrpConfig> {
    /** The method's name in descriptors, provenance and the CLI. */
    public static final String NAME = "lrp";

    private final Graph canonical;
    private final RuleTable lrpComposite;
    /** Whether the caller passed the composite (then it, not the config's composite and bounds, applies). */
    private final boolean customRules;
    private final Composite composite;

    /**
     * LRP with {@link LrpConfig#DEFAULTS} (epsilon-plus-flat).
     *
     * @param model the model as an explanation graph
     * @throws org.xai4j.core.InvalidConfigException if {@code model} is null
     * @throws org.xai4j.core.UnsupportedModelException if a node the input reaches has no rule in the composite
     */
    public Lrp(Graph model) {
        this(model, LrpConfig.DEFAULTS);
    }

    /**
     * LRP with the composite that {@code config} names.
     *
     * @param model  the model as an explanation graph
     * @param config the composite, bounds, initial relevance, canonizing and batch policy
     * @throws org.xai4j.core.InvalidConfigException if an argument is null
     * @throws org.xai4j.core.UnsupportedModelException if a node the input reaches has no rule in the composite
     */
    public Lrp(Graph model, LrpConfig config) {
        this(model, Checks.requireNonNull(config, "config").rules(), config, false);
    }

    /**
     * LRP with a custom composite (e.g. {@code LrpTables.epsilonPlusFlat().with(MulNode.class, rule)}); {@code config}'s composite name, low and
     * high are then not used.
     *
     * @param model     the model as an explanation graph
     * @param composite the rule of every node
     * @param config    the initial relevance, canonizing and batch policy
     * @throws org.xai4j.core.InvalidConfigException if an argument is null
     * @throws org.xai4j.core.UnknownLayerException if a name row of {@code composite} names a node the graph lacks
     * @throws org.xai4j.core.UnsupportedModelException if a node that the input reaches gets no rule from
     *         {@code composite}: its type has no row or a refusing row, and no name or first-layer row covers it
     */
    public Lrp(Graph model, RuleTable composite, LrpConfig config) {
        this(model, composite, config, true);
    }

    private Lrp(Graph model, RuleTable composite, LrpConfig config, boolean customRules) {
        super(NAME, model, config, LrpConfig::batch, "relevance pass", Capability.BACKWARD_RULES);
        this.customRules = customRules;
        this.lrpComposite = Checks.requireNonNull(composite, "composite");
        this.canonical = config.canonize() ? MergeBatchNorm.apply(model) : model;
        this.composite = NonNegativeInputs.mark(composite.bind(canonical, NAME), canonical);
    }

    /**
     * The rule table in use: the composite {@link #config()} names, or the caller's table given at construction.
     *
     * @return the table, not bound to a graph
     */
    public RuleTable composite() {
        return lrpComposite;
    }

    /**
     * The graph the backward pass runs on (batch norms merged when {@link LrpConfig#canonize}).
     *
     * @return the canonized graph, or the model itself when canonizing is off
     */
    public Graph canonicalGraph() {
        return canonical;
    }

    /** One forward pass, then the relevance of the target's initial relevance sent back by the composite's rules. */
    @Override
    protected BlockPass pass(INDArray block, Target target) {
        LayerPass p = ModelCalls.call(canonical, block, () -> canonical.propagate(block,
                        Propagation.builder().target(config().init().apply(target)).composite(composite).build()));
        return new BlockPass(p.inputGradient().castTo(block.dataType()), p.output());
    }

    @Override
    public MethodDescriptor descriptor() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>(config().toMap());
        if (customRules) {
            m.keySet().removeAll(java.util.List.of("composite", "low", "high"));
            m.put("rules", lrpComposite.describe());
        }
        return MethodDescriptor.of(NAME, new org.xai4j.core.ExplainerConfig() {
            @Override
            public java.util.Map<String, String> toMap() {
                return m;
            }
        }, Capability.BACKWARD_RULES);
    }
}
