package org.xai4j.attribution.lrp;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.Retention;
import org.xai4j.core.graph.node.AddNode;
import org.xai4j.core.util.NativeBuffers;

/**
 * The normalising rule (zennit's {@code Norm}) for parameter-free nodes that sum their inputs: additions
 * (residual connections), average and global average pooling. Each input gets its share of the output:
 * {@code R_k = x_k ⊙ J_kᵀ (R / z̃)} with {@code z} the node's output and {@code J_k} its Jacobian with respect to
 * input k (for {@code Add}: {@code R_a = a·R/z̃}, {@code R_b = b·R/z̃}). LRP-ε with a fixed stabiliser; conserves
 * relevance up to it.
 */
public final class Norm implements BackwardRule {
    private final double stabilizer;

    /** The normalising rule with the default stabiliser {@link Epsilon#DEFAULT_EPSILON}. */
    public Norm() {
        this(Epsilon.DEFAULT_EPSILON);
    }

    /**
     * The normalising rule with the given stabiliser.
     *
     * @param stabilizer the ε that turns the node's output {@code z} into {@code z̃} ({@link Relevance#stabilize});
     *                   finite, ≥ 0
     * @throws InvalidConfigException if {@code stabilizer} is negative, infinite or NaN
     */
    public Norm(double stabilizer) {
        if (!(stabilizer >= 0) || Double.isInfinite(stabilizer)) {
            throw new InvalidConfigException("norm: the stabilizer must be finite and ≥ 0 but got " + stabilizer);
        }
        this.stabilizer = stabilizer;
    }

    @Override
    public INDArray[] backward(BackwardContext context) {
        if (context.node() instanceof AddNode && context.needsGradient(0) && context.needsGradient(1)) {
            // a residual addition: both shares in one pass over plain float arrays (the same values)
            INDArray[] shares = Fused.shares(context.upstream(), context.output(), context.input(0),
                    context.input(1), stabilizer);
            if (shares != null) {
                return shares;
            }
        }
        INDArray s = Relevance.ratio(context.upstream(), context.output(), stabilizer);
        INDArray[] g = context.gradient(s);
        INDArray[] out = new INDArray[context.inputCount()];
        for (int k = 0; k < out.length; k++) {
            if (context.needsGradient(k) && g[k] != null) {
                out[k] = context.input(k).mul(g[k]);
            }
        }
        // The gradients (views of s for an addition) and s are this rule's own; the node's inputs, output and the
        // upstream relevance are the engine's.
        INDArray[] keep = new INDArray[out.length + context.inputCount() + 2];
        for (int k = 0; k < out.length; k++) {
            keep[k] = out[k];
            keep[out.length + k] = context.input(k);
        }
        keep[keep.length - 2] = context.output();
        keep[keep.length - 1] = context.upstream();
        for (INDArray gk : g) {
            NativeBuffers.release(gk, keep);
        }
        NativeBuffers.release(s, keep);
        return out;
    }

    @Override
    public boolean broadcastsRows(Node node) {
        return true;
    }

    @Override
    public Retention retention(Node node) {
        return Retention.ALL;
    }

    @Override
    public String describe() {
        return "norm";
    }
}
