package org.xai4j.attribution.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.Retention;
import org.xai4j.core.util.Checks;
import org.xai4j.core.InvalidConfigException;

/**
 * Which backward rule each node type gets, as an ordered table (zennit's composites): a node takes the rule
 * of the first row whose type it is an instance of. A node of a type no row lists has no rule: a method
 * refuses a graph holding one ({@link #requireCovers}) instead of treating it as linear, so a new
 * nonlinear node type cannot slip through unnoticed. Immutable and thread-safe.
 *
 * <pre>{@code
 * RuleTable mine = RuleTables.deepLift(RuleVariant.EXACT, RuleVariant.EXACT)
 *         .with(SigmoidNode.class, myRule);     // ahead of every other row
 * new DeepLift(graph, DeepLiftConfig.DEFAULTS, mine.composite());
 * }</pre>
 */
public final class RuleTable {
    private record Row(Class<? extends Node> type, BackwardRule rule) {
    }

    /** The rule of nodes no row covers; {@link #requireCovers} looks for it. */
    private static final BackwardRule UNLISTED = new BackwardRule() {
        @Override
        public org.nd4j.linalg.api.ndarray.INDArray[] backward(BackwardContext c) {
            throw new UnsupportedModelException("no backward rule for node '" + c.node().name() + "' of type "
                    + c.node().getClass().getSimpleName() + " (op " + c.node().opType() + ")");
        }

        @Override
        public Retention retention(Node node) {
            return node.retention();
        }

        @Override
        public String describe() {
            return "refused (no rule)";
        }
    };

    private final List<Row> rows;

    private RuleTable(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** A new, empty table. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * This table with {@code rule} for {@code type} and its subtypes, ahead of every other row (an existing row
     * for exactly {@code type} is dropped).
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
        return new RuleTable(next);
    }

    /** The rule for nodes of {@code type}: the first row whose type is {@code type} or a supertype of it. */
    public Optional<BackwardRule> ruleFor(Class<? extends Node> type) {
        for (Row r : rows) {
            if (r.type.isAssignableFrom(type)) {
                return Optional.of(r.rule);
            }
        }
        return Optional.empty();
    }

    /** The node types the rows list, in order. */
    public List<Class<? extends Node>> types() {
        return rows.stream().<Class<? extends Node>>map(Row::type).toList();
    }

    /**
     * The table as a {@link Composite} for {@link Graph#propagate}: one {@code byType} entry per row, in
     * order; a node no row covers gets {@link #unlisted()}, which fails if it is ever reached.
     */
    public Composite composite() {
        Composite.Builder b = Composite.builder().fallback(UNLISTED);
        for (Row r : rows) {
            b.byType(r.type, r.rule);
        }
        return b.build();
    }

    /**
     * Refuses a graph with a node that {@code composite} has no rule for (one that gets {@link #unlisted()}),
     * naming the node, its type and {@code method}. A composite with another fallback covers every node.
     *
     * @throws UnsupportedModelException for the first such node in execution order
     */
    public static void requireCovers(Composite composite, Graph graph, String method) {
        Checks.requireNonNull(composite, "rules");
        for (Node n : graph.nodes()) {
            if (composite.ruleFor(n) == UNLISTED) {
                throw new UnsupportedModelException(method + " has no backward rule for node '" + n.name()
                        + "' of type " + n.getClass().getSimpleName() + " (op " + n.opType()
                        + "): the rule table has no row for " + n.getClass().getSimpleName()
                        + "; add one (RuleTable.with) and pass the table's composite to the method");
            }
        }
    }

    /** The rule of nodes no row covers: it throws if reached. Use it as the fallback of a hand-built composite. */
    public static BackwardRule unlisted() {
        return UNLISTED;
    }

    @Override
    public String toString() {
        return rows.stream().map(r -> r.type.getSimpleName() + " → " + r.rule.describe())
                .collect(Collectors.joining("; ", "RuleTable[", "]"));
    }

    /** Builds a {@link RuleTable}, row by row. */
    public static final class Builder {
        private final List<Row> rows = new ArrayList<>();

        private Builder() {
        }

        /** {@code rule} for nodes of {@code type} (or a subtype) that no earlier row covers. */
        public Builder row(Class<? extends Node> type, BackwardRule rule) {
            rows.add(new Row(Checks.requireNonNull(type, "type"), Checks.requireNonNull(rule, "rule")));
            return this;
        }

        /** {@code rule} for each of {@code types}, one row each. */
        public Builder rows(List<Class<? extends Node>> types, BackwardRule rule) {
            for (Class<? extends Node> t : types) {
                row(t, rule);
            }
            return this;
        }

        /** The table. */
        public RuleTable build() {
            if (rows.isEmpty()) {
                throw new InvalidConfigException("rule table: must have at least one row but had 0");
            }
            return new RuleTable(rows);
        }
    }
}
