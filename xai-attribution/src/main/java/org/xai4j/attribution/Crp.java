package org.xai4j.attribution;

import java.util.Optional;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import org.xai4j.core.model.ModelCalls;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.attribution.rules.RuleTable;
import org.xai4j.attribution.lrp.MergeBatchNorm;
import org.xai4j.core.Capability;
import org.xai4j.core.Explainer;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.Provenance;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.Propagation;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Concept Relevance Propagation (Achtibat, Dreyer, Eisenbraun, Bosse, Wiegand, Samek &amp; Lapuschkin, "From
 * attribution maps to human-understandable explanations through Concept Relevance Propagation", Nature Machine
 * Intelligence 2023), as zennit-crp's {@code CondAttribution} with {@code ChannelConcept} and
 * {@code exclude_parallel=True}: LRP ({@link Lrp}'s composites and canonizer) from the target down to a layer L;
 * there, the relevance of all channels but one is zeroed, and only that channel's relevance continues down to the
 * input — <em>through L alone</em>: relevance that reaches the input along paths bypassing L (a residual block's
 * skip connection around L) is left out, so each channel's map shows what that channel contributes. Without that
 * exclusion the skip path's unmasked relevance, the same for every channel, dominates every map (all channels
 * "look the same").
 *
 * <p>For each input row the K conditioned channels go through the backward pass below L as one batch of K rows.
 * The result also holds every channel's relevance at L for the unconditioned prediction (summed over positions,
 * signed: zennit-crp's {@code ChannelConcept.attribute(relevance, abs_norm=False)}) and its
 * {@link ConceptRelevance#topChannels top channels}. Cost per row: one forward and backward pass of the model,
 * plus a forward and backward pass of the part of the model below L over K rows.
 */
public final class Crp implements Explainer<INDArray, ConceptRelevance> {
    /** The method's name in descriptors, provenance and the CLI. */
    public static final String NAME = "crp";

    private final Graph model;
    private final Graph canonical;
    private final CrpConfig config;
    private final Node layer;
    private final Composite composite;
    private final String compositeName;
    /** Per layer (node name): the graph cut at its output, with the full graph's rules. */
    private final Map<String, Below> below = new ConcurrentHashMap<>();

    private record Below(Graph graph, Composite composite, Map<String, Integer> order) {
    }

    /**
     * CRP with the LRP composite that {@code config}'s LRP settings name.
     *
     * @param model  the model as an explanation graph
     * @param config the layer, channels and LRP settings
     * @throws InvalidConfigException if {@code model} or {@code config} is null, or the layer does not depend on
     *                                the input
     * @throws org.xai4j.core.UnknownLayerException if the graph has no node or value of the layer's name
     * @throws org.xai4j.core.UnsupportedModelException if a node that the input reaches is of a type the composite
     *                                has no rule for (one without a row, or one it refuses: Sub, Mul, Div, Softmax,
     *                                Resize, Erf, Pow, Sqrt, a MatMul of two activations; see
     *                                {@link org.xai4j.attribution.rules.LrpTables})
     */
    public Crp(Graph model, CrpConfig config) {
        this(model, Checks.requireNonNull(config, "config").rules(), config, false);
    }

    /**
     * CRP with a caller's LRP rule table, which replaces the composite {@code config}'s LRP settings name.
     *
     * @param model        the model as an explanation graph
     * @param lrpComposite the LRP rules per node type (see {@code LrpTables}); its {@code describe()} is recorded
     *                     in the descriptor as {@code lrp.composite}
     * @param config       the layer, channels and the rest of the LRP settings (bounds, initial relevance,
     *                     canonizing)
     * @throws InvalidConfigException if an argument is null, or the layer does not depend on the input
     * @throws org.xai4j.core.UnknownLayerException if the graph has no node or value of the layer's name, or a
     *                                name row of {@code lrpComposite} names a node the graph lacks
     * @throws org.xai4j.core.UnsupportedModelException if a node that the input reaches gets no rule from
     *                                {@code lrpComposite}: its type has no row or a refusing row, and no name or
     *                                first-layer row covers it
     */
    public Crp(Graph model, RuleTable lrpComposite, CrpConfig config) {
        this(model, lrpComposite, config, true);
    }

    private Crp(Graph model, RuleTable lrpComposite, CrpConfig config, boolean customRules) {
        this.model = Checks.requireNonNull(model, "model");
        this.config = Checks.requireNonNull(config, "config");
        Checks.requireNonNull(lrpComposite, "composite");
        this.compositeName = customRules ? lrpComposite.describe() : config.lrp().composite();
        this.canonical = config.lrp().canonize() ? MergeBatchNorm.apply(model) : model;
        this.composite = lrpComposite.bind(canonical, NAME);
        this.layer = layerNode(config.layer());
    }

    /**
     * The settings this explainer was built with.
     *
     * @return the configuration, never null
     */
    public CrpConfig config() {
        return config;
    }

    private Node layerNode(String name) {
        Node n = canonical.node(name);
        if (!canonical.dependsOnInput(n.output())) {
            throw new InvalidConfigException("crp: layer '" + name + "' does not depend on the input");
        }
        return n;
    }

    /** The graph cut at {@code n}'s output (every path that bypasses n is gone), with the full graph's rules. */
    private Below below(Node n) {
        return below.computeIfAbsent(n.name(), k -> {
            Graph g = canonical.toBuilder().output(n.output()).batchPolicy(BatchPolicy.ofRows(Integer.MAX_VALUE))
                    .build();
            Composite.Builder b = Composite.builder();
            Map<String, Integer> order = new HashMap<>();
            for (Node m : g.nodes()) {
                b.byName(m.name(), composite.ruleFor(m));
                order.put(m.name(), order.size());
            }
            return new Below(g, b.build(), order);
        });
    }

    /**
     * Rows × (channels + 2): one forward of the input (to resolve the target), then per row one relevance pass
     * down to the layer and one conditional pass for each of the channels (the row repeated once per channel).
     */
    @Override
    public Optional<Plan> plan(INDArray input, Target target) {
        long rows = Plans.rows(model, input);
        long k = config.channels().size();
        return Optional.of(new Plan(NAME, Math.multiplyExact(rows, k + 2), "channels",
                "(1 forward + 1 relevance pass + " + k + " channel" + (k == 1 ? "" : "s") + ") " + Plans.times(rows)));
    }

    @Override
    public ConceptRelevance explain(INDArray input, Target target) {
        Limits.start(plan(input, target).orElseThrow());
        Prepared p = Prepared.of(model, input, target, config.lrp().batch());
        List<List<ChannelCondition>> concepts = new ArrayList<>();
        for (int c : config.channels()) {
            concepts.add(List.of(new ChannelCondition(config.layer(), c)));
        }
        int rows = (int) input.size(0);
        INDArray[] maps = new INDArray[rows];
        INDArray[] channelRel = new INDArray[rows];
        for (int i = 0; i < rows; i++) {
            INDArray xi = input.get(NDArrayIndex.interval(i, i + 1)).dup();
            Target row = p.resolved().rows(i, i + 1);
            INDArray r = relevanceAt(xi, config.lrp().init().apply(row), layer);
            long c = r.size(1);
            channelRel[i] = r.rank() == 2 ? r.dup() : r.sum(range(2, r.rank())).reshape(1, c);
            maps[i] = expandRow(conditionalRow(xi, row, concepts, r).castTo(input.dataType()));
        }
        return new ConceptRelevance(config.layer(), config.channels(), Nd4j.concat(0, maps),
                Nd4j.concat(0, channelRel).castTo(input.dataType()),
                Provenance.of(descriptor(), model.id(), p.resolved().describe(), null, null));
    }

    /**
     * The input relevance of each row conditioned on each concept: a concept is a list of channel conditions on
     * different layers (a channel of layer A <em>and</em> a channel of layer B), applied from the deepest layer
     * down, each excluding the paths that bypass its layer (zennit-crp's {@code exclude_parallel=True}). The K
     * concepts of one row go through the backward pass as one batch. Result: N × K × (input row shape).
     *
     * @param input    the input batch, N × (the model's input row shape)
     * @param target   the classes whose relevance is propagated, resolved on the model's output for {@code input}
     * @param concepts K concepts, each a non-empty list of conditions on distinct layers
     * @return a new array, N × K × (input row shape), in the input's data type
     * @throws InvalidConfigException if a concept names a layer twice, a layer that does not feed the layer above
     *                                it in the concept, or a channel out of range, or if {@code concepts} or one
     *                                of its concepts is null or empty
     */
    public INDArray conditional(INDArray input, Target target, List<List<ChannelCondition>> concepts) {
        Prepared p = Prepared.of(model, input, target, config.lrp().batch());
        if (concepts == null || concepts.isEmpty()) {
            throw new InvalidConfigException("crp: at least one concept is needed");
        }
        int rows = (int) input.size(0);
        INDArray[] maps = new INDArray[rows];
        for (int i = 0; i < rows; i++) {
            INDArray xi = input.get(NDArrayIndex.interval(i, i + 1)).dup();
            maps[i] = expandRow(conditionalRow(xi, p.resolved().rows(i, i + 1), concepts, null)
                    .castTo(input.dataType()));
        }
        return Nd4j.concat(0, maps);
    }

    /**
     * Every channel's relevance at the layer for each row (summed over positions, signed), without the conditional
     * maps: N × C_L. One LRP pass per batch of the LRP settings' batch policy, stopping at the layer.
     *
     * @param input  the input batch, N × (the model's input row shape)
     * @param target the classes whose relevance is propagated, resolved on the model's output for {@code input}
     * @return a new array, N × C_L, in the input's data type
     * @throws InvalidConfigException if the layer's output has rank below 2 (no channel axis)
     */
    public INDArray channelRelevance(INDArray input, Target target) {
        Prepared p = Prepared.of(model, input, target, config.lrp().batch());
        int per = config.lrp().batch().rowsPerBatch(Rows.bytesPerRow(input));
        return org.xai4j.core.util.Batching.map(input, per, (block, range) -> {
            INDArray r = relevanceAt(block, config.lrp().init().apply(p.resolved().rows(range.from(), range.to())), layer);
            return (r.rank() == 2 ? r.dup() : r.sum(range(2, r.rank()))).castTo(input.dataType());
        });
    }

    /** The model's output for {@code input} (to resolve targets once for a data set). */
    INDArray explainTargetOutput(INDArray input) {
        int per = config.lrp().batch().rowsPerBatch(Rows.bytesPerRow(input));
        return org.xai4j.core.util.Batching.map(input, per, block -> org.xai4j.core.model.ModelCalls.predict(model, block));
    }

    /**
     * The layer whose channels this explainer conditions on.
     *
     * @return the layer's name as configured (node name or output value name)
     */
    public String layer() {
        return config.layer();
    }

    /** The relevance at {@code n}'s output for one row (LRP from the target, stopping at n). */
    private INDArray relevanceAt(INDArray xi, Target ti, Node n) {
        INDArray r = ModelCalls.call(canonical, xi, () -> canonical.propagate(xi, Propagation.builder().target(ti)
                .composite(composite).layers(n.name()).inputGradient(false).build())).gradients().get(n.name());
        if (r.rank() < 2) {
            throw new InvalidConfigException("crp: layer '" + n.name() + "' has no channels (its output has shape "
                    + Arrays.toString(r.shape()) + "; expected N×C×…)");
        }
        return r;
    }

    /**
     * K × (input row shape) for one row and its resolved target; {@code top} is the relevance at the concepts'
     * deepest layer if known.
     */
    private INDArray conditionalRow(INDArray xi, Target row, List<List<ChannelCondition>> concepts, INDArray top) {
        Target ti = config.lrp().init().apply(row);
        // Each concept's conditions as nodes, deepest first; concepts with the same layer sequence share a batch.
        Map<List<String>, List<Integer>> groups = new LinkedHashMap<>();
        List<List<Node>> chains = new ArrayList<>();
        List<List<Integer>> channels = new ArrayList<>();
        for (List<ChannelCondition> concept : concepts) {
            if (concept == null || concept.isEmpty()) {
                throw new InvalidConfigException("crp: a concept needs at least one condition");
            }
            List<ChannelCondition> sorted = new ArrayList<>(concept);
            Map<String, Integer> position = new HashMap<>();
            for (int k = 0; k < canonical.nodes().size(); k++) {
                position.put(canonical.nodes().get(k).name(), k);
            }
            sorted.sort((a, b) -> Integer.compare(position.get(layerNode(b.layer()).name()),
                    position.get(layerNode(a.layer()).name())));
            List<Node> chain = new ArrayList<>();
            List<Integer> ch = new ArrayList<>();
            for (ChannelCondition cc : sorted) {
                Node n = layerNode(cc.layer());
                if (chain.contains(n)) {
                    throw new InvalidConfigException("crp: a concept names layer '" + cc.layer() + "' twice");
                }
                if (!chain.isEmpty() && !below(chain.get(chain.size() - 1)).order().containsKey(n.name())) {
                    throw new InvalidConfigException("crp: layer '" + cc.layer() + "' does not feed layer '"
                            + chain.get(chain.size() - 1).name() + "', so no relevance reaches it through that layer");
                }
                chain.add(n);
                ch.add(cc.channel());
            }
            chains.add(chain);
            channels.add(ch);
            groups.computeIfAbsent(chain.stream().map(Node::name).toList(), k -> new ArrayList<>()).add(chains.size() - 1);
        }
        INDArray[] out = new INDArray[concepts.size()];
        if (!config.excludeParallel()) {
            return withParallel(xi, row, chains, channels);
        }
        for (List<Integer> members : groups.values()) {
            List<Node> chain = chains.get(members.get(0));
            int k = members.size();
            INDArray xs = Nd4j.concat(0, java.util.Collections.nCopies(k, xi).toArray(INDArray[]::new));
            INDArray r = top != null && chain.get(0) == layer ? top : relevanceAt(xi, ti, chain.get(0));
            INDArray seed = masked(r, 0, members, channels, chain.get(0));
            for (int j = 1; j < chain.size(); j++) {
                Below b = below(chain.get(j - 1));
                INDArray s = seed;
                String at = chain.get(j).name();
                INDArray rj = ModelCalls.call(b.graph(), xs, () -> b.graph().propagate(xs, Propagation.builder()
                        .target(seedTarget(s)).composite(b.composite()).layers(at).inputGradient(false)
                        .build())).gradients().get(at);
                seed = maskedRows(rj, j, members, channels, chain.get(j));
            }
            Below last = below(chain.get(chain.size() - 1));
            INDArray seedNow = seed;
            INDArray g = ModelCalls.call(last.graph(), xs, () -> last.graph().propagate(xs, Propagation.builder()
                    .target(seedTarget(seedNow)).composite(last.composite()).build())).inputGradient();
            for (int m = 0; m < k; m++) {
                out[members.get(m)] = g.get(NDArrayIndex.interval(m, m + 1)).dup();
            }
        }
        return Nd4j.concat(0, out);
    }

    /**
     * zennit-crp's {@code exclude_parallel=False}: one backward pass of the whole graph over K copies of the row, the
     * relevance at each condition's layer masked to its channel (per copy); relevance on paths around the layers
     * reaches the input unmasked.
     */
    private INDArray withParallel(INDArray xi, Target row, List<List<Node>> chains, List<List<Integer>> channels) {
        int k = chains.size();
        Map<Node, int[]> masks = new LinkedHashMap<>();
        for (int m = 0; m < k; m++) {
            for (int j = 0; j < chains.get(m).size(); j++) {
                int[] ch = masks.computeIfAbsent(chains.get(m).get(j), n -> {
                    int[] a = new int[k];
                    Arrays.fill(a, -2); // −2: this concept has no condition on this layer: its copy passes unmasked
                    return a;
                });
                ch[m] = channels.get(m).get(j);
            }
        }
        Composite.Builder b = Composite.builder();
        for (Node n : canonical.nodes()) {
            int[] ch = masks.get(n);
            b.byName(n.name(), ch == null ? composite.ruleFor(n) : new MaskingRule(composite.ruleFor(n), ch));
        }
        INDArray xs = Nd4j.concat(0, java.util.Collections.nCopies(k, xi).toArray(INDArray[]::new));
        Target tk = config.lrp().init().apply(row.repeatEach(1, k));
        Composite masked = b.build();
        return ModelCalls.call(canonical, xs, () -> canonical.withBatchPolicy(BatchPolicy.ofRows(Integer.MAX_VALUE))
                .propagate(xs, Propagation.builder().target(tk).composite(masked).build())).inputGradient();
    }

    /** A node's rule applied to its upstream relevance masked, row m, to channel {@code channels[m]} (−2: all). */
    private static final class MaskingRule implements org.xai4j.core.graph.BackwardRule {
        private final org.xai4j.core.graph.BackwardRule inner;
        private final int[] channels;

        MaskingRule(org.xai4j.core.graph.BackwardRule inner, int[] channels) {
            this.inner = inner;
            this.channels = channels.clone();
        }

        @Override
        public INDArray[] backward(org.xai4j.core.graph.BackwardContext c) {
            INDArray up = c.upstream();
            if (up.rank() < 2 || up.size(0) != channels.length) {
                throw new InvalidConfigException("crp: layer '" + c.node().name() + "' has no channels (its output has"
                        + " shape " + Arrays.toString(up.shape()) + "; expected N×C×…)");
            }
            long[] ms = new long[up.rank()];
            Arrays.fill(ms, 1);
            ms[0] = up.size(0);
            ms[1] = up.size(1);
            INDArray mask = Nd4j.zeros(up.dataType(), ms);
            for (int m = 0; m < channels.length; m++) {
                if (channels[m] == -2) {
                    mask.get(NDArrayIndex.point(m)).assign(1);
                } else {
                    channel(channels[m], up, c.node());
                    mask.get(NDArrayIndex.point(m), NDArrayIndex.point(channels[m])).assign(1);
                }
            }
            INDArray masked = up.mul(mask);
            INDArray[] ins = new INDArray[c.inputCount()];
            List<Integer> constants = new ArrayList<>();
            for (int i = 0; i < ins.length; i++) {
                ins[i] = c.input(i);
                if (!c.needsGradient(i)) {
                    constants.add(i);
                }
            }
            return inner.backward(org.xai4j.core.graph.BackwardContext.of(c.node(), ins, c.output(), masked,
                    constants.stream().mapToInt(Integer::intValue).toArray()));
        }

        @Override
        public org.xai4j.core.graph.Retention retention(Node node) {
            return org.xai4j.core.graph.Retention.ALL;
        }

        @Override
        public String describe() {
            return "crp-mask(" + inner.describe() + ")";
        }
    }

    private static Target seedTarget(INDArray seed) {
        return Target.function("crp conditioned relevance", out -> Nd4j.zeros(out.dataType(), out.size(0)), out -> seed);
    }

    /** K rows of {@code r}'s single row, row m keeping only channel {@code channels[members[m]][step]}. */
    private INDArray masked(INDArray r, int step, List<Integer> members, List<List<Integer>> channels, Node n) {
        long[] ks = r.shape();
        ks[0] = members.size();
        INDArray seed = Nd4j.zeros(r.dataType(), ks);
        for (int m = 0; m < members.size(); m++) {
            int c = channel(channels.get(members.get(m)).get(step), r, n);
            seed.get(NDArrayIndex.point(m), NDArrayIndex.point(c)).assign(r.get(NDArrayIndex.point(0), NDArrayIndex.point(c)));
        }
        return seed;
    }

    /** {@code r} (K rows), row m keeping only channel {@code channels[members[m]][step]}. */
    private INDArray maskedRows(INDArray r, int step, List<Integer> members, List<List<Integer>> channels, Node n) {
        if (r.rank() < 2) {
            throw new InvalidConfigException("crp: layer '" + n.name() + "' has no channels (its output has shape "
                    + Arrays.toString(r.shape()) + "; expected N×C×…)");
        }
        INDArray seed = Nd4j.zeros(r.dataType(), r.shape());
        for (int m = 0; m < members.size(); m++) {
            int c = channel(channels.get(members.get(m)).get(step), r, n);
            seed.get(NDArrayIndex.point(m), NDArrayIndex.point(c)).assign(r.get(NDArrayIndex.point(m), NDArrayIndex.point(c)));
        }
        return seed;
    }

    private static int channel(int c, INDArray r, Node n) {
        if (c >= r.size(1)) {
            throw new InvalidConfigException("crp: channel " + c + " is out of range: layer '" + n.name() + "' has "
                    + r.size(1) + " channels (0.." + (r.size(1) - 1) + ")");
        }
        return c;
    }

    /** K × … → 1 × K × …. */
    private static INDArray expandRow(INDArray g) {
        long[] shape = new long[g.rank() + 1];
        shape[0] = 1;
        System.arraycopy(g.shape(), 0, shape, 1, g.rank());
        return g.reshape(shape);
    }

    private static int[] range(int from, int to) {
        int[] a = new int[to - from];
        for (int i = 0; i < a.length; i++) {
            a[i] = from + i;
        }
        return a;
    }

    @Override
    public MethodDescriptor descriptor() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>(config.toMap());
        m.put("lrp.composite", compositeName);
        return MethodDescriptor.of(NAME, new org.xai4j.core.ExplainerConfig() {
            @Override
            public java.util.Map<String, String> toMap() {
                return m;
            }
        }, Capability.BACKWARD_RULES, Capability.LAYERS);
    }
}
