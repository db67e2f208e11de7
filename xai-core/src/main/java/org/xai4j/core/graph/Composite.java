package org.xai4j.core.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.xai4j.core.InvalidConfigException;

/**
 * Assigns a {@link BackwardRule} to every node of a graph, in the manner of zennit's composites: a rule
 * for a node named exactly so wins; otherwise the first matching type or predicate in the order they were
 * added; otherwise the fallback (the plain gradient unless set). Immutable and thread-safe.
 *
 * <pre>{@code
 * Composite epsilon = Composite.builder()
 *         .byType(ConvNode.class, lrpEpsilon)
 *         .byType(GemmNode.class, lrpEpsilon)
 *         .byName("/conv1/Conv", zBox)       // the first layer
 *         .build();
 * }</pre>
 */
public final class Composite implements org.xai4j.core.Describable {
    private static final Composite GRADIENT = new Composite(Map.of(), List.of(), BackwardRule.gradient());

    private record Entry(String description, Predicate<Node> matches, BackwardRule rule) {
    }

    private final Map<String, BackwardRule> byName;
    private final List<Entry> entries;
    private final BackwardRule fallback;

    private Composite(Map<String, BackwardRule> byName, List<Entry> entries, BackwardRule fallback) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        this.entries = List.copyOf(entries);
        this.fallback = fallback;
    }

    /**
     * The plain gradient at every node.
     *
     * @return the composite with no entries and the plain gradient as fallback
     */
    public static Composite gradient() {
        return GRADIENT;
    }

    /**
     * A new builder whose fallback is the plain gradient.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The rule for {@code node}.
     *
     * @param node a node of the graph
     * @return the rule by name if there is one, else by the first matching type or predicate, else the fallback
     */
    public BackwardRule ruleFor(Node node) {
        BackwardRule r = byName.get(node.name());
        if (r != null) {
            return r;
        }
        for (Entry e : entries) {
            if (e.matches.test(node)) {
                return e.rule;
            }
        }
        return fallback;
    }

    /**
     * The node names this composite assigns rules to explicitly (checked against the graph before a pass).
     *
     * @return an unmodifiable set of node names
     */
    public Set<String> names() {
        return byName.keySet();
    }

    /**
     * Whether every node gets the plain gradient.
     *
     * @return true when nothing but the plain gradient was set
     */
    public boolean isGradient() {
        return byName.isEmpty() && entries.isEmpty() && fallback == BackwardRule.gradient();
    }

    /** A description for provenance: which rule goes where. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        byName.forEach((n, r) -> sb.append("name ").append(n).append(" → ").append(r.describe()).append("; "));
        for (Entry e : entries) {
            sb.append(e.description).append(" → ").append(e.rule.describe()).append("; ");
        }
        sb.append("otherwise → ").append(fallback.describe());
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Composite[" + describe() + "]";
    }

    /** Builds a {@link Composite}. */
    public static final class Builder {
        private final Map<String, BackwardRule> byName = new LinkedHashMap<>();
        private final List<Entry> entries = new ArrayList<>();
        private BackwardRule fallback = BackwardRule.gradient();

        private Builder() {
        }

        /**
         * {@code rule} for the node called {@code nodeName} (takes precedence over types and predicates).
         *
         * @param nodeName the node's name
         * @param rule the rule
         * @return this builder
         * @throws InvalidConfigException if an argument is null
         */
        public Builder byName(String nodeName, BackwardRule rule) {
            byName.put(require(nodeName, "nodeName"), require(rule, "rule"));
            return this;
        }

        /**
         * {@code rule} for every node of type {@code type} (or a subtype) without a rule of its own.
         *
         * @param type the node type
         * @param rule the rule
         * @return this builder
         * @throws InvalidConfigException if an argument is null
         */
        public Builder byType(Class<? extends Node> type, BackwardRule rule) {
            require(type, "type");
            entries.add(new Entry("type " + type.getSimpleName(), type::isInstance, require(rule, "rule")));
            return this;
        }

        /**
         * {@code rule} for every node matching {@code predicate}, described by {@code description}.
         *
         * @param description what the predicate selects, for descriptions
         * @param predicate which nodes get the rule
         * @param rule the rule
         * @return this builder
         * @throws InvalidConfigException if an argument is null
         */
        public Builder when(String description, Predicate<Node> predicate, BackwardRule rule) {
            entries.add(new Entry(require(description, "description"), require(predicate, "predicate"),
                    require(rule, "rule")));
            return this;
        }

        /**
         * The rule for every node nothing else matches (default: the plain gradient).
         *
         * @param rule the rule
         * @return this builder
         * @throws InvalidConfigException if {@code rule} is null
         */
        public Builder fallback(BackwardRule rule) {
            this.fallback = require(rule, "rule");
            return this;
        }

        /**
         * The composite: rules by name first, then by type and predicate in the order they were added, then the
         * fallback.
         *
         * @return the composite
         */
        public Composite build() {
            return new Composite(byName, entries, fallback);
        }

        private static <T> T require(T value, String name) {
            if (value == null) {
                throw new InvalidConfigException("composite: " + name + " must not be null");
            }
            return value;
        }
    }
}
