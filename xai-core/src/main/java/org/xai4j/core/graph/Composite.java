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

    /** The plain gradient at every node. */
    public static Composite gradient() {
        return GRADIENT;
    }

    /** A new builder whose fallback is the plain gradient. */
    public static Builder builder() {
        return new Builder();
    }

    /** The rule for {@code node}. */
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

    /** The node names this composite assigns rules to explicitly (checked against the graph before a pass). */
    public Set<String> names() {
        return byName.keySet();
    }

    /** Whether every node gets the plain gradient. */
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

        /** {@code rule} for the node called {@code nodeName} (takes precedence over types and predicates). */
        public Builder byName(String nodeName, BackwardRule rule) {
            byName.put(require(nodeName, "nodeName"), require(rule, "rule"));
            return this;
        }

        /** {@code rule} for every node of type {@code type} (or a subtype) without a rule of its own. */
        public Builder byType(Class<? extends Node> type, BackwardRule rule) {
            require(type, "type");
            entries.add(new Entry("type " + type.getSimpleName(), type::isInstance, require(rule, "rule")));
            return this;
        }

        /** {@code rule} for every node matching {@code predicate}, described by {@code description}. */
        public Builder when(String description, Predicate<Node> predicate, BackwardRule rule) {
            entries.add(new Entry(require(description, "description"), require(predicate, "predicate"),
                    require(rule, "rule")));
            return this;
        }

        /** The rule for every node nothing else matches (default: the plain gradient). */
        public Builder fallback(BackwardRule rule) {
            this.fallback = require(rule, "rule");
            return this;
        }

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
