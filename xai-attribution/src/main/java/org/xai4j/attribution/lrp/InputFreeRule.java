package org.xai4j.attribution.lrp;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.node.LinearNode;
import org.xai4j.core.util.NativeBuffers;

/**
 * An LRP rule whose relevance does not depend on the input's values (flat, w²): with {@code M} a modified copy of
 * the node's map, {@code R_in = Mᵀ(R / z̃)} where {@code z = M·1}, the modified map applied to ones. Since
 * {@code z̃} depends only on the node and the shape of one input row, it is computed once per node and row shape
 * and kept (one row; it is broadcast against the relevance's rows).
 */
abstract class InputFreeRule extends LinearRule {
    private final Relevance.Modified modified;
    /** Per node: the stabilised {@code M·1} of one row, for the row shape and data type it was computed for. */
    private final Map<LinearNode, Denominator> denominators = new ConcurrentHashMap<>();

    /** {@code z̃} of one row of shape {@code row} (the input's shape with one row) and type {@code type}. */
    record Denominator(long[] row, DataType type, INDArray value) {
        boolean fits(long[] otherRow, DataType otherType) {
            return type == otherType && Arrays.equals(row, otherRow);
        }
    }

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
    INDArray relevance(LinearNode node, INDArray x, INDArray r, BackwardContext context) {
        LinearNode m = modified.of(node)[0];
        INDArray s = r.div(denominator(node, m, x));
        INDArray out = Relevance.transposed(m, x, s);
        NativeBuffers.release(s, out, r, x);
        return out;
    }

    /** {@code z̃ = stabilize(M·1)} for one row of {@code x}'s shape: computed on first use and kept per node. */
    private INDArray denominator(LinearNode node, LinearNode m, INDArray x) {
        long[] row = x.shape().clone();
        row[0] = 1;
        Denominator d = denominators.get(node);
        if (d == null || !d.fits(row, x.dataType())) {
            INDArray one = Nd4j.ones(x.dataType(), row);
            INDArray z = Relevance.forward(m, one);
            d = new Denominator(row, x.dataType(), Relevance.stabilize(z, stabilizer));
            NativeBuffers.release(z, d.value());
            NativeBuffers.release(one, d.value());
            denominators.put(node, d); // another row shape replaces it: one kept per node
        }
        return d.value();
    }
}
