package org.xai4j.attribution.lrp;

import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.node.LinearNode;
import org.xai4j.core.util.NativeBuffers;

/**
 * An LRP rule whose relevance does not depend on the input's values (flat, w²): with {@code M} a modified copy of
 * the node's map, {@code R_in = Mᵀ(R / z̃)} where {@code z = M·1}, the modified map applied to ones.
 */
abstract class InputFreeRule extends LinearRule {
    private final Relevance.Modified modified;

    /**
     * A rule with the given stabiliser and modification.
     *
     * @param stabilizer the ε that turns {@code z} into {@code z̃}; finite, ≥ 0
     * @param modify     the node's map → {@code M}
     */
    InputFreeRule(double stabilizer, UnaryOperator<LinearNode> modify) {
        super(stabilizer);
        modified = new Relevance.Modified(n -> new LinearNode[] {modify.apply(n)});
    }

    @Override
    final INDArray relevance(LinearNode node, INDArray x, INDArray r, BackwardContext context) {
        LinearNode m = modified.of(node)[0];
        INDArray one = Nd4j.onesLike(x);
        INDArray z = Relevance.forward(m, one);
        INDArray s = Relevance.ratio(r, z, stabilizer);
        NativeBuffers.release(z, s, r, x);
        INDArray out = Relevance.transposed(m, one, s);
        NativeBuffers.release(s, out, r, x);
        NativeBuffers.release(one, out, r, x);
        return out;
    }
}
