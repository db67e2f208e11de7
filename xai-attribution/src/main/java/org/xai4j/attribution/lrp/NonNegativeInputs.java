package org.xai4j.attribution.lrp;

import java.util.HashSet;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.rules.RuleTable;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.WrappedRule;
import org.xai4j.core.graph.node.AddNode;
import org.xai4j.core.graph.node.AvgPoolNode;
import org.xai4j.core.graph.node.FlattenNode;
import org.xai4j.core.graph.node.GlobalAvgPoolNode;
import org.xai4j.core.graph.node.IdentityNode;
import org.xai4j.core.graph.node.LinearNode;
import org.xai4j.core.graph.node.MaxPoolNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.graph.node.ReshapeNode;

/**
 * The linear nodes whose input cannot be negative by the graph's structure (a ReLU's output, possibly through max or
 * average pooling, flatten, reshape, identity, or a sum of such values), so that their LRP rule skips the check of
 * every value ({@link LinearRule#nonNegative}) and the {@code x⁻} terms. Proven on the graph the composite is bound
 * to, and recorded in the composite itself (a marked rule per such node), so it holds exactly where it was proven.
 */
final class NonNegativeInputs {
    private NonNegativeInputs() {
    }

    /**
     * {@code bound} with the rule of every linear node whose input is proven non-negative marked as such.
     *
     * @param bound the composite bound to {@code graph}
     * @param graph the graph the composite's passes run on, without forward edits
     * @return a composite that gives every node of {@code graph} the same rule as {@code bound}
     */
    static Composite mark(Composite bound, Graph graph) {
        Set<String> nonNegative = new HashSet<>();
        Composite.Builder b = Composite.builder().fallback(RuleTable.unlisted());
        for (Node n : graph.nodes()) {
            BackwardRule rule = bound.ruleFor(n);
            if (n instanceof LinearNode && rule instanceof LinearRule linear
                    && nonNegative.contains(n.inputs().get(0))) {
                rule = new OnNonNegativeInput(linear);
            }
            b.byName(n.name(), rule);
            if (n instanceof ReluNode || keepsSign(n) && nonNegative.contains(n.inputs().get(0))
                    || n instanceof AddNode && nonNegative.containsAll(n.inputs())) {
                nonNegative.add(n.output());
            }
        }
        return b.build();
    }

    /** Nodes whose output values are taken from, or averages of, their first input's values. */
    private static boolean keepsSign(Node n) {
        return n instanceof MaxPoolNode || n instanceof AvgPoolNode || n instanceof GlobalAvgPoolNode
                || n instanceof IdentityNode || n instanceof FlattenNode || n instanceof ReshapeNode;
    }

    /** A linear rule at a node whose input is proven non-negative. */
    private record OnNonNegativeInput(LinearRule wrapped) implements WrappedRule {
        @Override
        public INDArray[] backward(BackwardContext context) {
            return wrapped.backwardOnNonNegativeInput(context);
        }
    }
}
