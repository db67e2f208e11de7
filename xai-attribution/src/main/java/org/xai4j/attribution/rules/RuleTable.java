package org.xai4j.attribution.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.Retention;
import org.xai4j.core.util.Checks;

/**
 * Which backward rule each node gets, as a table in the manner of zennit's composites. A node takes, in this
 * order: the rule of a row for its name ({@link #withNode}); the rule of the <em>first-layer</em> row if it is
 * the first node, in execution order, that the input reaches among that row's types (zennit's "the first layer
 * gets flat / z<sup>B</sup>"); the rule of the first type row whose type it is an instance of. A node of a
 * type no row lists has no rule, and neither has one whose row {@linkplain Builder#refuse refuses} its type: a
 * method refuses a graph in which the input reaches such a node ({@link #requireCovers}) instead of treating it
 * as linear, so a new nonlinear node type cannot slip through unnoticed. Immutable and thread-safe.
 *
 * <pre>{@code
 * RuleTable mine = RuleTables.deepLift(RuleVariant.EXACT, RuleVariant.EXACT)
 *         .with(SigmoidNode.class, myRule);     // ahead of every other type row
 * new DeepLift(graph, DeepLiftConfig.DEFAULTS, mine.composite());
 * RuleTable lrp = RuleTables.epsilonPlusFlat().withNode("/head/Mul", new SignalTakesAll(0));
 * new Lrp(graph, lrp, LrpConfig.DEFAULTS);
 * }</pre>
 */
public final class RuleTable implements org.xai4j.core.Describable {
    private record Row(Class<? extends Node> type, BackwardRule rule) {
    }

    /** The rule of the first node of one of {@code types} that the input reaches, e.g. "first linear layer". */
    private record FirstRow(String description, List<Class<? extends Node>> types, BackwardRule rule) {
        boolean matches(Node n) {
            return types.stream().anyMatch(t -> t.isInstance(n));
        }
    }

    /** The rule of nodes no row covers; {@link #requireCovers} looks for it. */
    private static final Refusal UNLISTED = new Refusal(null);

    private final Map<String, BackwardRule> byName;
    private final FirstRow first;
    private final List<Row> rows;

    private RuleTable(Map<String, BackwardRule> byName, FirstRow first, List<Row> rows) {
        this.byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        this.first = first;
        this.rows = List.copyOf(rows);
    }

    /**
     * Starts a table from scratch; {@link LrpTables#layers} and {@link RuleTables} start from a method's table.
     *
     * @return a new builder without rows
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * This table with {@code rule} for {@code type} and its subtypes, ahead of every other type row (an existing
     * row for exactly {@code type} is dropped). Name and first-layer rows still win over it.
     *
     * @param type the node type, e.g. {@code SigmoidNode.class}; not null
     * @param rule the rule for nodes of {@code type}; not null
     * @return a new table; this one is not changed
     * @throws InvalidConfigException if {@code type} or {@code rule} is null
     */
    public RuleTable with(Class<? extends Node> type, BackwardRule rule) {
        Checks.requireNonNull(type, "type");
        Checks.requireNonNull(rule, "rule");
        List<Row> next = new ArrayList<>();
        next.add(new Row(type, rule));
        for (Row r : rows) {
            if (r.type != type) {
                next.add(r);
            }
        }
        return new RuleTable(byName, first, next);
    }

    /**
     * This table with {@code rule} for the node called {@code nodeName}, ahead of every other row (zennit's
     * name map). Binding the table to a graph without such a node fails ({@link #composite(Graph)}). A second
     * call for the same name replaces the rule.
     *
     * @param nodeName the node's name in the graph, e.g. {@code "/head/Mul"}; not null
     * @param rule     the rule for that node; not null
     * @return a new table; this one is not changed
     * @throws InvalidConfigException if {@code nodeName} or {@code rule} is null
     */
    public RuleTable withNode(String nodeName, BackwardRule rule) {
        Checks.requireNonNull(nodeName, "nodeName");
        Checks.requireNonNull(rule, "rule");
        Map<String, BackwardRule> next = new LinkedHashMap<>(byName);
        next.put(nodeName, rule);
        return new RuleTable(next, first, rows);
    }

    /**
     * The rule the type rows give nodes of {@code type}: that of the first type row whose type is {@code type} or a
     * supertype of it. Name and first-layer rows are not consulted (they depend on the node, not its type).
     *
     * @param type a node type
     * @return the rule, which is a refusal for a type a {@linkplain Builder#refuse refusing} row lists; empty if no
     *         type row covers {@code type}
     */
    public Optional<BackwardRule> ruleFor(Class<? extends Node> type) {
        for (Row r : rows) {
            if (r.type.isAssignableFrom(type)) {
                return Optional.of(r.rule);
            }
        }
        return Optional.empty();
    }

    /**
     * The node types the type rows list, refused ones included.
     *
     * @return an unmodifiable list, in the order the rows are consulted
     */
    public List<Class<? extends Node>> types() {
        return rows.stream().<Class<? extends Node>>map(Row::type).toList();
    }

    /**
     * The rule of the first-layer row ({@link Builder#first}).
     *
     * @return the rule, or empty if the table has no first-layer row
     */
    public Optional<BackwardRule> firstLayerRule() {
        return Optional.ofNullable(first).map(FirstRow::rule);
    }

    /**
     * The rules of the name rows ({@link #withNode}).
     *
     * @return an unmodifiable map from node name to rule, in the order the names were first added
     */
    public Map<String, BackwardRule> byName() {
        return byName;
    }

    /**
     * The node of {@code graph} the first-layer row applies to: the first one in execution order that the input
     * reaches and that is of one of the row's types.
     *
     * @param graph the graph the table is to be bound to
     * @return the node, or empty if the table has no first-layer row or the graph no such node
     */
    public Optional<Node> firstLayer(Graph graph) {
        if (first == null) {
            return Optional.empty();
        }
        return graph.nodes().stream().filter(n -> graph.dependsOnInput(n.output()) && first.matches(n)).findFirst();
    }

    /**
     * The table as a {@link Composite} for {@link Graph#propagate}, for tables without a first-layer row (which
     * needs a graph: {@link #composite(Graph)}): name rows, then one {@code byType} entry per type row, in order;
     * a node no row covers gets {@link #unlisted()}, which fails if it is ever reached.
     *
     * @return a new composite with this table's rows
     * @throws InvalidConfigException if the table has a first-layer row
     */
    public Composite composite() {
        if (first != null) {
            throw new InvalidConfigException("rule table: its " + first.description + " row depends on the graph;"
                    + " expected composite(graph) but was composite()");
        }
        return build(Map.of());
    }

    /**
     * The table bound to {@code graph}: name rows (each checked against the graph), then the first-layer row as a
     * rule for the node {@link #firstLayer} finds (unless a name row already names it), then the type rows; a node
     * no row covers gets {@link #unlisted()}. Coverage is not checked here ({@link #bind} checks it).
     *
     * @param graph the graph whose nodes the composite will be applied to; not null
     * @return a new composite for {@code graph}
     * @throws InvalidConfigException if {@code graph} is null
     * @throws org.xai4j.core.UnknownLayerException if a name row names a node the graph lacks
     */
    public Composite composite(Graph graph) {
        Checks.requireNonNull(graph, "graph");
        byName.keySet().forEach(graph::node);
        Map<String, BackwardRule> firstLayer = new LinkedHashMap<>();
        firstLayer(graph).filter(n -> !byName.containsKey(n.name()))
                .ifPresent(n -> firstLayer.put(n.name(), first.rule));
        return build(firstLayer);
    }

    /**
     * The table bound to {@code graph} ({@link #composite(Graph)}), after {@link #requireCovers} has checked that
     * it has a rule for every node the input reaches.
     *
     * @param graph  the graph to explain; not null
     * @param method the explaining method's name, for the message (e.g. {@code "lrp"})
     * @return the table bound to {@code graph}
     * @throws InvalidConfigException if {@code graph} is null
     * @throws org.xai4j.core.UnknownLayerException if a name row names a node the graph lacks
     * @throws UnsupportedModelException if a node that the input reaches is of a type no row lists, or of a type a
     *                                   {@linkplain Builder#refuse refusing} row lists (and no name or first-layer
     *                                   row gives it a rule); the message names the first such node in execution
     *                                   order, its type and {@code method}
     */
    public Composite bind(Graph graph, String method) {
        Composite c = composite(graph);
        requireCovers(c, graph, method);
        return c;
    }

    private Composite build(Map<String, BackwardRule> firstLayer) {
        Composite.Builder b = Composite.builder().fallback(UNLISTED);
        byName.forEach(b::byName);
        firstLayer.forEach(b::byName);
        for (Row r : rows) {
            b.byType(r.type, r.rule);
        }
        return b.build();
    }

    /**
     * Refuses a graph in which the input reaches a node that {@code composite} has no rule for (one that gets
     * {@link #unlisted()} or a {@linkplain Builder#refuse refusing} row's rule) or whose rule
     * {@linkplain BackwardRule#refusal refuses} it (an LRP rule at a MatMul of two activations), naming the node,
     * its type and {@code method}. Nodes the input does not reach (those computed from constants only) are not checked, since
     * no backward pass crosses them. A composite with another fallback covers every node.
     *
     * @param composite the rule of every node, e.g. from {@link #composite(Graph)}; not null
     * @param graph     the graph to explain; not null
     * @param method    the explaining method's name, for the message (e.g. {@code "deeplift"})
     * @throws InvalidConfigException if {@code composite} or {@code graph} is null
     * @throws UnsupportedModelException for the first such node in execution order, naming it, its type and
     *                                   {@code method}, with the refusing row's or rule's reason where there is one
     */
    public static void requireCovers(Composite composite, Graph graph, String method) {
        Checks.requireNonNull(composite, "rules");
        Checks.requireNonNull(graph, "graph");
        for (Node n : graph.nodes()) {
            if (!graph.dependsOnInput(n.output())) {
                continue;
            }
            BackwardRule rule = composite.ruleFor(n);
            String type = n.getClass().getSimpleName();
            if (rule instanceof Refusal r) {
                throw new UnsupportedModelException(method + " has no backward rule for node '" + n.name()
                        + "' of type " + type + " (op " + n.opType() + "): " + (r.reason != null ? r.reason
                        : "the rule table has no row for " + type
                                + "; add one (RuleTable.with) and pass the table to the method"));
            }
            rule.refusal(n, graph).ifPresent(reason -> {
                throw new UnsupportedModelException(method + ": the rule " + rule.describe() + " cannot cross node '"
                        + n.name() + "' of type " + type + " (op " + n.opType() + "): " + reason);
            });
        }
    }

    /**
     * The rule of nodes no row covers. Use it as the fallback of a hand-built composite, so that
     * {@link #requireCovers} refuses the nodes it reaches.
     *
     * @return the shared rule, which throws {@link UnsupportedModelException} if a backward pass reaches its node
     */
    public static BackwardRule unlisted() {
        return UNLISTED;
    }

    /** The rows, for provenance: {@code name n → rule; first ... → rule; Type → rule; ...; otherwise → refused}. */
    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        byName.forEach((n, r) -> sb.append("name ").append(n).append(" → ").append(r.describe()).append("; "));
        if (first != null) {
            sb.append(first.description).append(" → ").append(first.rule.describe()).append("; ");
        }
        for (Row r : rows) {
            sb.append(r.type.getSimpleName()).append(" → ").append(r.rule.describe()).append("; ");
        }
        return sb.append("otherwise → ").append(UNLISTED.describe()).toString();
    }

    @Override
    public String toString() {
        return "RuleTable[" + describe() + "]";
    }

    /** The rule of a node without one: refused by {@link #requireCovers}, and throws if a pass ever reaches it. */
    private static final class Refusal implements BackwardRule {
        /** Why the table has no rule for the type, or null for a type without a row. */
        private final String reason;

        Refusal(String reason) {
            this.reason = reason;
        }

        @Override
        public org.nd4j.linalg.api.ndarray.INDArray[] backward(BackwardContext c) {
            throw new UnsupportedModelException("no backward rule for node '" + c.node().name() + "' of type "
                    + c.node().getClass().getSimpleName() + " (op " + c.node().opType() + ")"
                    + (reason == null ? "" : ": " + reason));
        }

        @Override
        public Retention retention(Node node) {
            return node.retention();
        }

        @Override
        public String describe() {
            return reason == null ? "refused (no rule)" : "refused";
        }
    }

    /** Builds a {@link RuleTable}, row by row. */
    public static final class Builder {
        private final List<Row> rows = new ArrayList<>();
        private FirstRow first;

        private Builder() {
        }

        /**
         * Adds a type row: {@code rule} for nodes of {@code type} (or a subtype) that no earlier row covers.
         *
         * @param type the node type; not null
         * @param rule the rule for its nodes; not null
         * @return this builder
         * @throws InvalidConfigException if {@code type} or {@code rule} is null
         */
        public Builder row(Class<? extends Node> type, BackwardRule rule) {
            rows.add(new Row(Checks.requireNonNull(type, "type"), Checks.requireNonNull(rule, "rule")));
            return this;
        }

        /**
         * Adds one type row per entry of {@code types}, each with {@code rule}, in the list's order.
         *
         * @param types the node types; not null, no null entry
         * @param rule  the rule for their nodes; not null
         * @return this builder
         * @throws InvalidConfigException if {@code types}, an entry of it or {@code rule} is null
         */
        public Builder rows(List<Class<? extends Node>> types, BackwardRule rule) {
            Checks.requireNonNull(types, "types");
            Checks.requireNonNull(rule, "rule");
            for (Class<? extends Node> t : types) {
                row(t, rule);
            }
            return this;
        }

        /**
         * A row for each of {@code types} saying that the method has no rule for them, and why: a graph in which
         * the input reaches such a node is refused with {@code reason} ({@link #requireCovers}).
         *
         * @param types  the node types the method has no rule for; not null, no null entry
         * @param reason what the refusal says, e.g. what to do instead; not null
         * @return this builder
         * @throws InvalidConfigException if {@code types}, an entry of it or {@code reason} is null
         */
        public Builder refuse(List<Class<? extends Node>> types, String reason) {
            return rows(types, new Refusal(Checks.requireNonNull(reason, "reason")));
        }

        /**
         * {@code rule} for the first node, in execution order, that the input reaches among {@code types} (zennit's
         * first-layer rule), ahead of the type rows; {@code description} names the position in {@link #toString},
         * e.g. "first linear layer". A table has at most one such row.
         *
         * @param description the position in words, e.g. {@code "first convolution"}; not null
         * @param types       the node types among which the first reached one gets {@code rule}; not null
         * @param rule        the rule for that node; not null
         * @return this builder
         * @throws InvalidConfigException if an argument is null, or a first-layer row was already given
         */
        public Builder first(String description, List<Class<? extends Node>> types, BackwardRule rule) {
            Checks.requireNonNull(description, "description");
            Checks.requireNonNull(types, "types");
            if (first != null) {
                throw new InvalidConfigException("rule table: first must be given at most once but was given for '"
                        + first.description + "' and '" + description + "'");
            }
            first = new FirstRow(description, List.copyOf(types), Checks.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * The table of the rows added so far.
         *
         * @return a new, immutable table
         * @throws InvalidConfigException if no type row was added (a first-layer row alone is not a table)
         */
        public RuleTable build() {
            if (rows.isEmpty()) {
                throw new InvalidConfigException("rule table: must have at least one row but had 0");
            }
            return new RuleTable(Map.of(), first, rows);
        }
    }
}
