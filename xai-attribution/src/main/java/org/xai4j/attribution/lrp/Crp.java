package org.xai4j.attribution.lrp;

import java.util.Optional;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import org.xai4j.core.model.ModelCalls;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.attribution.rules.RuleTable;
import org.xai4j.core.Capability;
import org.xai4j.core.Explainer;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.Provenance;
import org.xai4j.core.graph.BackwardEdit;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.Propagation;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;
import org.xai4j.attribution.internal.FlatRows;
import org.xai4j.attribution.internal.Plans;
import org.xai4j.attribution.internal.Prepared;

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
 * <p>Each input row takes one pass: one forward of the row, then one backward pass from the target; at L a
 * {@link org.xai4j.core.graph.BackwardEdit} turns L's relevance into K rows, row k masked to channel k (and, for the
 * exclusion, drops what the pass carries around L), so below L the backward carries the K channels as K rows against
 * the row's one set of forward values (the LRP rules broadcast them). The result also holds every channel's
 * relevance at L for the unconditioned prediction (summed over positions, signed: zennit-crp's
 * {@code ChannelConcept.attribute(relevance, abs_norm=False)}) and its
 * {@link ConceptRelevance#topChannels top channels}. Cost per row: one forward pass of the model, the backward from
 * the target to L on one row, and below L a backward of K rows (on the benchmark ResNet-18, 4 channels at
 * {@code layer3.1.conv2} cost 0.8–1.0× one forward+input-gradient pass of a batch of 4).
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
    /** Per node name: the names of the nodes that feed it (its ancestors), made when first needed. */
    private final Map<String, Set<String>> feeders = new ConcurrentHashMap<>();
    /** Node name → position in the graph's topological order. */
    private final Map<String, Integer> position = new HashMap<>();

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
        this.composite = NonNegativeInputs.mark(lrpComposite.bind(canonical, NAME), canonical);
        this.layer = layerNode(config.layer());
        for (Node n : canonical.nodes()) {
            position.put(n.name(), position.size());
        }
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

    /** Whether {@code lower} feeds {@code upper}: some path of the graph leads from its output to {@code upper}. */
    private boolean feeds(Node lower, Node upper) {
        return feeders.computeIfAbsent(upper.name(), k -> {
            Map<String, Node> producers = new HashMap<>();
            for (Node n : canonical.nodes()) {
                producers.put(n.output(), n);
            }
            Set<String> seen = new HashSet<>();
            ArrayDeque<Node> todo = new ArrayDeque<>(List.of(upper));
            while (!todo.isEmpty()) {
                for (String in : todo.pop().inputs()) {
                    Node p = producers.get(in);
                    if (p != null && seen.add(p.name())) {
                        todo.push(p);
                    }
                }
            }
            return seen;
        }).contains(lower.name());
    }

    /**
     * Rows × 2: one forward of the input (to resolve the target), then per row one relevance pass: a forward of the
     * row, the backward from the target down to the layer, and below it the channels as K rows of one backward
     * (against the row's one set of forward values).
     */
    @Override
    public Optional<Plan> plan(INDArray input, Target target) {
        long rows = Plans.rows(model, input);
        long k = config.channels().size();
        return Optional.of(new Plan(NAME, Math.multiplyExact(rows, 2), "",
                "(1 forward + 1 relevance pass carrying " + k + " channel" + (k == 1 ? "" : "s")
                        + " as rows below the layer) " + Plans.times(rows)));
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
            INDArray[] top = new INDArray[1];
            maps[i] = expandRow(conditionalRow(xi, p.resolved().rows(i, i + 1), concepts, top)
                    .castTo(input.dataType()));
            INDArray r = top[0];
            long c = r.size(1);
            channelRel[i] = r.rank() == 2 ? r.dup() : r.sum(range(2, r.rank())).reshape(1, c);
        }
        return new ConceptRelevance(config.layer(), config.channels(), Nd4j.concat(0, maps),
                Nd4j.concat(0, channelRel).castTo(input.dataType()),
                Provenance.of(descriptor(), model, p.resolved().describe(), null, null));
    }

    /**
     * The input relevance of each row conditioned on each concept: a concept is a list of channel conditions on
     * different layers (a channel of layer A <em>and</em> a channel of layer B), applied from the deepest layer
     * down, each excluding the paths that bypass its layer (zennit-crp's {@code exclude_parallel=True}). The K
     * concepts of one row that condition the same layers go through one pass: one forward of the row, and below the
     * deepest layer a backward of K rows. Result: N × K × (input row shape).
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
        int per = config.lrp().batch().rowsPerBatch(FlatRows.bytesPerRow(input));
        return org.xai4j.core.util.Batching.map(input, per, (block, range) -> {
            INDArray r = relevanceAt(block, config.lrp().init().apply(p.resolved().rows(range.from(), range.to())), layer);
            return (r.rank() == 2 ? r.dup() : r.sum(range(2, r.rank()))).castTo(input.dataType());
        });
    }

    /** The model's output for {@code input} (to resolve targets once for a data set). */
    INDArray explainTargetOutput(INDArray input) {
        int per = config.lrp().batch().rowsPerBatch(FlatRows.bytesPerRow(input));
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
     * K × (input row shape) for one row and its resolved target, one relevance pass per group of concepts that
     * condition the same layers (all concepts in one pass when parallel paths are kept). If {@code top} is given, its
     * slot receives the unconditioned relevance at the explainer's layer, 1 × C × … (that layer must be in every
     * concept).
     */
    private INDArray conditionalRow(INDArray xi, Target row, List<List<ChannelCondition>> concepts, INDArray[] top) {
        Target ti = config.lrp().init().apply(row);
        // Each concept's conditions as nodes, deepest first; concepts with the same layer sequence share a pass.
        Map<List<String>, List<Integer>> groups = new LinkedHashMap<>();
        List<List<Node>> chains = new ArrayList<>();
        List<List<Integer>> channels = new ArrayList<>();
        for (List<ChannelCondition> concept : concepts) {
            if (concept == null || concept.isEmpty()) {
                throw new InvalidConfigException("crp: a concept needs at least one condition");
            }
            List<ChannelCondition> sorted = new ArrayList<>(concept);
            sorted.sort((a, b) -> Integer.compare(position.get(layerNode(b.layer()).name()),
                    position.get(layerNode(a.layer()).name())));
            List<Node> chain = new ArrayList<>();
            List<Integer> ch = new ArrayList<>();
            for (ChannelCondition cc : sorted) {
                Node n = layerNode(cc.layer());
                if (chain.contains(n)) {
                    throw new InvalidConfigException("crp: a concept names layer '" + cc.layer() + "' twice");
                }
                if (!chain.isEmpty() && !feeds(n, chain.get(chain.size() - 1))) {
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
        if (!config.excludeParallel()) {
            // zennit-crp's exclude_parallel=False: one pass for all concepts; at each conditioned layer row m is
            // masked to concept m's channel (or passes whole), and relevance on paths around the layers continues.
            List<Integer> all = new ArrayList<>();
            for (int m = 0; m < chains.size(); m++) {
                all.add(m);
            }
            return pass(xi, ti, all, chains, channels, false, top);
        }
        if (groups.size() == 1) {
            return pass(xi, ti, groups.values().iterator().next(), chains, channels, true, top);
        }
        INDArray[] out = new INDArray[concepts.size()];
        for (List<Integer> members : groups.values()) {
            INDArray g = pass(xi, ti, members, chains, channels, true, top);
            for (int m = 0; m < members.size(); m++) {
                out[members.get(m)] = g.get(NDArrayIndex.interval(m, m + 1));
            }
        }
        return Nd4j.concat(0, out);
    }

    /**
     * One relevance pass of one row for the concepts {@code members}: one forward, then the backward from the target;
     * at each conditioned layer a {@link ChannelMask} edit turns the relevance into K = members rows, row m masked
     * to concept m's channel, so that below the first such layer the pass carries K rows against the row's one set
     * of forward values. {@code dropBypass} drops the relevance on paths around each conditioned layer
     * (exclude_parallel). Returns K × (input row shape).
     */
    private INDArray pass(INDArray xi, Target ti, List<Integer> members, List<List<Node>> chains,
                          List<List<Integer>> channels, boolean dropBypass, INDArray[] top) {
        int k = members.size();
        Map<Node, int[]> masks = new LinkedHashMap<>();
        for (int m = 0; m < k; m++) {
            List<Node> chain = chains.get(members.get(m));
            for (int j = 0; j < chain.size(); j++) {
                int[] ch = masks.computeIfAbsent(chain.get(j), n -> {
                    int[] a = new int[k];
                    Arrays.fill(a, ChannelMask.ALL);
                    return a;
                });
                ch[m] = channels.get(members.get(m)).get(j);
            }
        }
        Propagation.Builder b = Propagation.builder().target(ti).composite(composite);
        masks.forEach((n, ch) -> b.edit(new BackwardEdit(n.name(), new ChannelMask(n.name(), ch), dropBypass)));
        if (top != null) {
            b.layers(layer.name());
        }
        LayerPass lp = ModelCalls.call(canonical, xi, () -> canonical.propagate(xi, b.build()));
        if (top != null) {
            top[0] = lp.gradients().get(layer.name());
        }
        return lp.inputGradient();
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
