package org.xai4j.attribution.rules;

import java.util.Locale;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Node;
import org.xai4j.core.util.Checks;

/**
 * A DeepLIFT rule for one node type that comes in the two {@link RuleVariant}s: it checks that the pass carries
 * a reference and that the node is of its type, then computes the multipliers of the node's one input. Two
 * rules are equal when they are of the same class and variant.
 *
 * @param <N> the node type the rule is for
 */
abstract class VariantRule<N extends Node> implements BackwardRule {
    private final Class<N> type;
    private final String name;
    private final RuleVariant variant;

    VariantRule(Class<N> type, String name, RuleVariant variant) {
        this.type = type;
        this.name = name;
        this.variant = Checks.requireNonNull(variant, "variant");
    }

    /**
     * Which variant this is.
     *
     * @return the variant given at construction; never null
     */
    public RuleVariant variant() {
        return variant;
    }

    @Override
    public INDArray[] backward(BackwardContext c) {
        Temporaries.requireReference(c, describe());
        if (!type.isInstance(c.node())) {
            throw new IllegalStateException(describe() + " is for " + type.getSimpleName() + " but was assigned to node '"
                    + c.node().name() + "' of type " + c.node().getClass().getSimpleName());
        }
        return new INDArray[] {multipliers(c, type.cast(c.node()), variant == RuleVariant.EXACT)};
    }

    /** The multipliers of the node's input, in the context's data type. */
    abstract INDArray multipliers(BackwardContext c, N node, boolean exact);

    @Override
    public String describe() {
        return name + "-" + variant.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((VariantRule<?>) o).variant == variant;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), variant);
    }
}
