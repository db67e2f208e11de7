package org.xai4j.attribution.lrp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.node.AddNode;
import org.xai4j.core.graph.node.AvgPoolNode;
import org.xai4j.core.graph.node.BatchNormNode;
import org.xai4j.core.graph.node.ClipNode;
import org.xai4j.core.graph.node.ConcatNode;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.ConvTransposeNode;
import org.xai4j.core.graph.node.FlattenNode;
import org.xai4j.core.graph.node.GeluNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.GlobalAvgPoolNode;
import org.xai4j.core.graph.node.HardSigmoidNode;
import org.xai4j.core.graph.node.HardSwishNode;
import org.xai4j.core.graph.node.IdentityNode;
import org.xai4j.core.graph.node.LeakyReluNode;
import org.xai4j.core.graph.node.MaxPoolNode;
import org.xai4j.core.graph.node.PadNode;
import org.xai4j.core.graph.node.ReduceMeanNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.graph.node.ReshapeNode;
import org.xai4j.core.graph.node.SigmoidNode;
import org.xai4j.core.graph.node.SiluNode;
import org.xai4j.core.graph.node.TanhNode;
import org.xai4j.core.graph.node.TransposeNode;

/**
 * An LRP composite in zennit's sense: which {@link BackwardRule} each node of a graph gets, by node name, by node
 * type, and for the <em>first layer</em> (the first linear node, in execution order, that the input reaches and
 * that the first-layer type matches). {@link #bind} turns it into the graph engine's {@link Composite} for one
 * graph and fails, naming the node, if any node that the input reaches has no rule.
 *
 * <p>Every composite made here (the built-ins and {@link #builder}'s, unless {@link Builder#withoutBaseMap}) ends
 * with zennit's base map: activations → {@link Pass}, additions, average and global average pooling and mean
 * reductions → {@link Norm}, an unmerged batch norm → {@link Pass}, and the plain gradient for the nodes that only
 * move values (flatten, reshape, transpose, identity, pad, concat, max pooling — whose gradient hands each window's
 * relevance to its winner, zennit's behaviour). Softmax, products, quotients, resizing and MatMul are not covered:
 * explain the logits, or add a rule for them (a gate × signal product, as in a squeeze-and-excitation block:
 * {@code byName(node, new SignalTakesAll(signalInput))}).
 *
 * <p>Built-ins (zennit 0.5.1's layer maps; "Conv" means Conv and ConvTranspose, "dense" Gemm):
 * <ul>
 *   <li>{@code epsilon-plus}: Conv → {@link ZPlus}, dense → {@link Epsilon};</li>
 *   <li>{@code epsilon-plus-flat}: the same, the first linear layer (Conv or dense) → {@link Flat};</li>
 *   <li>{@code epsilon-gamma-box}: Conv → {@link Gamma} (γ = 0.25), dense → {@link Epsilon}, the first Conv →
 *       {@link ZBox}(low, high);</li>
 *   <li>{@code epsilon-alpha2-beta1}: Conv → {@link AlphaBeta}(2, 1), dense → {@link Epsilon};</li>
 *   <li>{@code epsilon-alpha2-beta1-flat}: the same, the first linear layer → {@link Flat}.</li>
 * </ul>
 * Immutable; its rules are shared by every graph it binds (their parameter caches are per node).
 */
public final class LrpComposite implements org.xai4j.core.Describable {
    /** The built-in composites' names, as the CLI and {@link #named} take them. */
    public static final List<String> NAMES = List.of("epsilon-plus", "epsilon-plus-flat", "epsilon-gamma-box",
            "epsilon-alpha2-beta1", "epsilon-alpha2-beta1-flat");

    private record Entry(String description, Predicate<Node> matches, BackwardRule rule) {
    }

    private static final BackwardRule UNCOVERED = new BackwardRule() {
        @Override
        public INDArray[] backward(BackwardContext context) {
            throw new UnsupportedModelException("no LRP rule covers node '" + context.node().name() + "' ("
                    + context.node().opType() + ")");
        }

        @Override
        public String describe() {
            return "none";
        }
    };

    private final String name;
    private final Map<String, BackwardRule> byName;
    private final List<Entry> entries;
    private final Entry firstLayer;

    private LrpComposite(String name, Map<String, BackwardRule> byName, List<Entry> entries, Entry firstLayer) {
        this.name = name;
        this.byName = Map.copyOf(byName);
        this.entries = List.copyOf(entries);
        this.firstLayer = firstLayer;
    }

    /** The composite's name (a built-in's kebab-case name, or the builder's). */
    public String name() {
        return name;
    }

    /** Which rule goes where, for provenance. */
    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder(name).append(": ");
        byName.forEach((n, r) -> sb.append("name ").append(n).append(" → ").append(r.describe()).append("; "));
        if (firstLayer != null) {
            sb.append("first ").append(firstLayer.description).append(" → ").append(firstLayer.rule.describe())
                    .append("; ");
        }
        for (Entry e : entries) {
            sb.append(e.description).append(" → ").append(e.rule.describe()).append("; ");
        }
        return sb.append("otherwise → none").toString();
    }

    @Override
    public String toString() {
        return "LrpComposite[" + describe() + "]";
    }

    /** The first node of {@code graph} (execution order) that the input reaches and the first-layer rule matches. */
    public java.util.Optional<Node> firstLayer(Graph graph) {
        if (firstLayer == null) {
            return java.util.Optional.empty();
        }
        for (Node n : graph.nodes()) {
            if (graph.dependsOnInput(n.output()) && firstLayer.matches.test(n)) {
                return java.util.Optional.of(n);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The engine composite for {@code graph}: names first, then the first layer, then the type entries in order.
     *
     * @throws UnsupportedModelException naming the first node the input reaches that no rule covers
     * @throws org.xai4j.core.UnknownLayerException if a rule is given for a node name the graph lacks
     */
    public Composite bind(Graph graph) {
        Composite.Builder b = Composite.builder();
        byName.forEach((n, r) -> {
            graph.node(n);
            b.byName(n, r);
        });
        firstLayer(graph).ifPresent(n -> {
            if (!byName.containsKey(n.name())) {
                b.byName(n.name(), firstLayer.rule);
            }
        });
        for (Entry e : entries) {
            b.when(e.description, e.matches, e.rule);
        }
        Composite c = b.fallback(UNCOVERED).build();
        List<String> uncovered = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (graph.dependsOnInput(n.output()) && c.ruleFor(n) == UNCOVERED) {
                uncovered.add("'" + n.name() + "' (" + n.opType() + ")");
            }
        }
        if (!uncovered.isEmpty()) {
            throw new UnsupportedModelException("LRP composite '" + name + "' has no rule for node "
                    + String.join(", ", uncovered) + " of graph '" + graph.id() + "': LRP needs a rule for every node"
                    + " between the input and the output (explain the logits rather than a softmax, or add a rule for"
                    + " this node type with LrpComposite.builder())");
        }
        return c;
    }

    /**
     * A built-in composite by its kebab-case name ({@link #NAMES}); {@code low}/{@code high} are the z<sup>B</sup>
     * bounds of {@code epsilon-gamma-box} (ignored by the others).
     *
     * @throws InvalidConfigException for an unknown name, or low &gt; high
     */
    public static LrpComposite named(String name, double low, double high) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (n) {
            case "epsilon-plus" -> epsilonPlus();
            case "epsilon-plus-flat" -> epsilonPlusFlat();
            case "epsilon-gamma-box" -> epsilonGammaBox(low, high);
            case "epsilon-alpha2-beta1" -> epsilonAlpha2Beta1();
            case "epsilon-alpha2-beta1-flat" -> epsilonAlpha2Beta1Flat();
            default -> throw new InvalidConfigException("composite: unknown LRP composite '" + name + "'; expected one of "
                    + String.join(", ", NAMES));
        };
    }

    /** zennit's {@code EpsilonPlus}: Conv → z⁺, dense → ε (1e-6). */
    public static LrpComposite epsilonPlus() {
        return builder("epsilon-plus").convolutions(new ZPlus()).dense(new Epsilon()).build();
    }

    /** zennit's {@code EpsilonPlusFlat}: as {@link #epsilonPlus}, the first linear layer → flat. */
    public static LrpComposite epsilonPlusFlat() {
        return builder("epsilon-plus-flat").convolutions(new ZPlus()).dense(new Epsilon()).firstLinear(new Flat())
                .build();
    }

    /** zennit's {@code EpsilonGammaBox(low, high)}: Conv → γ (0.25), dense → ε, the first Conv → z<sup>B</sup>. */
    public static LrpComposite epsilonGammaBox(double low, double high) {
        return epsilonGammaBox(new ZBox(low, high));
    }

    /** {@code EpsilonGammaBox} with per-channel (or per-pixel) bounds, as {@link ZBox#ZBox(INDArray, INDArray)}. */
    public static LrpComposite epsilonGammaBox(INDArray low, INDArray high) {
        return epsilonGammaBox(new ZBox(low, high));
    }

    private static LrpComposite epsilonGammaBox(ZBox box) {
        return builder("epsilon-gamma-box").convolutions(new Gamma()).dense(new Epsilon()).firstConvolution(box).build();
    }

    /** zennit's {@code EpsilonAlpha2Beta1}: Conv → α2β1, dense → ε. */
    public static LrpComposite epsilonAlpha2Beta1() {
        return builder("epsilon-alpha2-beta1").convolutions(new AlphaBeta(2, 1)).dense(new Epsilon()).build();
    }

    /** zennit's {@code EpsilonAlpha2Beta1Flat}: as {@link #epsilonAlpha2Beta1}, the first linear layer → flat. */
    public static LrpComposite epsilonAlpha2Beta1Flat() {
        return builder("epsilon-alpha2-beta1-flat").convolutions(new AlphaBeta(2, 1)).dense(new Epsilon())
                .firstLinear(new Flat()).build();
    }

    /** A builder for a custom composite called {@code name}; its entries come before zennit's base map. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Whether {@code n} is a convolution (zennit's {@code Convolution}: Conv and ConvTranspose). */
    public static boolean isConvolution(Node n) {
        return n instanceof ConvNode || n instanceof ConvTransposeNode;
    }

    /** Whether {@code n} is a linear layer (zennit's {@code Linear}: a convolution or a dense layer). */
    public static boolean isLinearLayer(Node n) {
        return isConvolution(n) || n instanceof GemmNode;
    }

    /** Builds an {@link LrpComposite}. */
    public static final class Builder {
        private final String name;
        private final Map<String, BackwardRule> byName = new LinkedHashMap<>();
        private final List<Entry> entries = new ArrayList<>();
        private final List<Entry> layers = new ArrayList<>();
        private Entry firstLayer;
        private boolean base = true;

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new InvalidConfigException("composite: a composite needs a name");
            }
            this.name = name;
        }

        /** {@code rule} for the node called {@code nodeName} (wins over everything else). */
        public Builder byName(String nodeName, BackwardRule rule) {
            if (nodeName == null || rule == null) {
                throw new InvalidConfigException("composite '" + name + "': byName needs a node name and a rule");
            }
            byName.put(nodeName, rule);
            return this;
        }

        /** {@code rule} for every node of {@code type} (before the base map and the layer rules). */
        public Builder byType(Class<? extends Node> type, BackwardRule rule) {
            if (type == null || rule == null) {
                throw new InvalidConfigException("composite '" + name + "': byType needs a node type and a rule");
            }
            entries.add(new Entry("type " + type.getSimpleName(), type::isInstance, rule));
            return this;
        }

        /** {@code rule} for every node matching {@code predicate} (before the base map and the layer rules). */
        public Builder when(String description, Predicate<Node> predicate, BackwardRule rule) {
            if (description == null || predicate == null || rule == null) {
                throw new InvalidConfigException("composite '" + name + "': when needs a description, a predicate and a rule");
            }
            entries.add(new Entry(description, predicate, rule));
            return this;
        }

        /** {@code rule} for Conv and ConvTranspose nodes. */
        public Builder convolutions(BackwardRule rule) {
            layers.add(new Entry("Conv/ConvTranspose", LrpComposite::isConvolution, require(rule)));
            return this;
        }

        /** {@code rule} for dense (Gemm) nodes. */
        public Builder dense(BackwardRule rule) {
            layers.add(new Entry("Gemm", n -> n instanceof GemmNode, require(rule)));
            return this;
        }

        /** {@code rule} for the first linear layer (Conv, ConvTranspose or Gemm) the input reaches. */
        public Builder firstLinear(BackwardRule rule) {
            firstLayer = new Entry("linear layer", LrpComposite::isLinearLayer, require(rule));
            return this;
        }

        /** {@code rule} for the first convolution the input reaches. */
        public Builder firstConvolution(BackwardRule rule) {
            firstLayer = new Entry("convolution", LrpComposite::isConvolution, require(rule));
            return this;
        }

        /** Leave out zennit's base map (activations, additions, pooling, batch norm, value-moving nodes). */
        public Builder withoutBaseMap() {
            base = false;
            return this;
        }

        private BackwardRule require(BackwardRule rule) {
            if (rule == null) {
                throw new InvalidConfigException("composite '" + name + "': the rule must not be null");
            }
            return rule;
        }

        public LrpComposite build() {
            List<Entry> all = new ArrayList<>(entries);
            if (base) {
                all.add(new Entry("activation", n -> n instanceof ReluNode || n instanceof LeakyReluNode
                        || n instanceof SigmoidNode || n instanceof TanhNode || n instanceof SiluNode
                        || n instanceof GeluNode || n instanceof HardSigmoidNode || n instanceof HardSwishNode
                        || n instanceof ClipNode, Pass.INSTANCE));
                all.add(new Entry("Add/AveragePool/GlobalAveragePool/ReduceMean", n -> n instanceof AddNode
                        || n instanceof AvgPoolNode || n instanceof GlobalAvgPoolNode || n instanceof ReduceMeanNode,
                        new Norm()));
                all.add(new Entry("BatchNormalization", n -> n instanceof BatchNormNode, Pass.INSTANCE));
                all.add(new Entry("Flatten/Reshape/Transpose/Identity/Pad/Concat/MaxPool", n -> n instanceof FlattenNode
                        || n instanceof ReshapeNode || n instanceof TransposeNode || n instanceof IdentityNode
                        || n instanceof PadNode || n instanceof ConcatNode || n instanceof MaxPoolNode,
                        BackwardRule.gradient()));
            }
            all.addAll(layers);
            return new LrpComposite(name, byName, all, firstLayer);
        }
    }
}
