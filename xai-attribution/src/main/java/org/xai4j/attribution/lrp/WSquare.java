package org.xai4j.attribution.lrp;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.node.LinearNode;

/**
 * LRP-w² (Montavon et al. 2017, deep Taylor decomposition for unbounded inputs): {@code R_i = Σ_j w_ji² R_j / z̃_j}
 * with {@code z = W²·1 + b²} (zennit's {@code WSquare} squares every parameter, the bias included); independent of
 * the input's values. Conserves relevance where the bias is zero.
 */
public final class WSquare extends LinearRule {
    private final Relevance.Modified squares = new Relevance.Modified(n -> new LinearNode[] {
            Relevance.with(n, w -> w.mul(w), b -> b.mul(b))});

    /** LRP-w² with the default stabiliser {@link Epsilon#DEFAULT_EPSILON}. */
    public WSquare() {
        this(Epsilon.DEFAULT_EPSILON);
    }

    /**
     * LRP-w² with the given stabiliser.
     *
     * @param stabilizer the ε added to each {@code z_j = Σ_i w_ji² + b_j²} ({@link Relevance#stabilize}); finite,
     *                   ≥ 0
     * @throws org.xai4j.core.InvalidConfigException if {@code stabilizer} is negative, infinite or NaN
     */
    public WSquare(double stabilizer) {
        super(stabilizer);
    }

    @Override
    INDArray relevance(LinearNode node, INDArray x, INDArray r, BackwardContext context) {
        LinearNode m = squares.of(node)[0];
        INDArray one = Nd4j.onesLike(x);
        INDArray s = Relevance.ratio(r, Relevance.forward(m, one), stabilizer);
        return Relevance.transposed(m, one, s);
    }

    @Override
    public String describe() {
        return "w-square";
    }
}
