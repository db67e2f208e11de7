package org.xai4j.attribution.lrp;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.MatMulNode;

/**
 * A MatMul {@code x · W} whose second operand is a constant matrix (an ONNX export of a bias-free
 * {@code nn.Linear}, a Keras {@code Dense}) is the dense layer {@code Gemm(x, Wᵀ)} without bias, applied to the
 * last axis of {@code x}: the affine LRP rules cross it as that Gemm, on {@code x} with its leading axes folded
 * into rows. A MatMul of two activations (attention scores, {@code Q·Kᵀ}) is bilinear, not affine, and has no LRP
 * rule.
 */
final class MatMulAsDense {
    /** One Gemm view per MatMul node, with the weight it was made from. */
    private final Map<MatMulNode, View> views = new ConcurrentHashMap<>();

    private record View(INDArray weight, GemmNode dense) {
    }

    /**
     * Why an affine rule cannot cross {@code node} in {@code graph}: its second operand depends on the input.
     *
     * @return the reason, or empty for a MatMul by a value the input does not reach
     */
    static Optional<String> refusal(MatMulNode node, Graph graph, String rule) {
        String b = node.inputs().get(1);
        if (!graph.dependsOnInput(b)) {
            return Optional.empty();
        }
        return Optional.of(reason(node, rule));
    }

    private static String reason(MatMulNode node, String rule) {
        return "the LRP rule " + rule + " crosses a MatMul only as a dense layer x·W with a constant W, but the"
                + " second operand '" + node.inputs().get(1) + "' of node '" + node.name() + "' depends on the"
                + " input (a product of two activations, as in attention, is not affine); give the node a rule of"
                + " your choice (RuleTable.withNode) or explain a model without it";
    }

    /**
     * The rule's relevance of the MatMul's first operand, computed on the equivalent Gemm.
     *
     * @throws UnsupportedModelException if the second operand needs a gradient (depends on the input) or is not a
     *                                   matrix
     */
    INDArray relevance(LinearRule rule, MatMulNode node, BackwardContext context) {
        if (context.needsGradient(1)) {
            throw new UnsupportedModelException(reason(node, rule.describe()));
        }
        INDArray w = context.input(1);
        if (w.rank() != 2) {
            throw new UnsupportedModelException("the LRP rule " + rule.describe() + " crosses a MatMul only as a dense"
                    + " layer x·W with a constant matrix W, but the second operand of node '" + node.name()
                    + "' has rank " + w.rank());
        }
        INDArray x = context.input(0);
        INDArray x2 = x.reshape('c', -1, w.size(0));
        INDArray r2 = context.upstream().reshape('c', -1, w.size(1));
        // A rule that does not read the output never sees the stand-in (the upstream has the output's shape).
        INDArray z2 = rule.readsOutput() ? context.output().reshape('c', -1, w.size(1)) : r2;
        GemmNode dense = view(node, w);
        INDArray r = rule.relevance(dense, x2, r2, BackwardContext.of(dense, new INDArray[] {x2}, z2, r2));
        return r.reshape(x.shape());
    }

    /** The Gemm of {@code node} by {@code w}, made once per node and weight (value-equal weights reuse it). */
    private GemmNode view(MatMulNode node, INDArray w) {
        View v = views.get(node);
        if (v == null || (v.weight() != w && !v.weight().equals(w))) {
            v = new View(w, new GemmNode(node.name(), node.inputs().get(0), node.output(), w.transpose(), null));
            views.put(node, v);
        }
        return v.dense();
    }
}
