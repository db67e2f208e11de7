package org.xai4j.attribution.lrp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.node.LinearNode;
import org.xai4j.core.util.NativeBuffers;

/**
 * The numeric kernel every LRP rule shares: evaluate a linear node's affine map with modified parameters on a
 * (modified) input ({@link #forward}), divide the upper relevance by the stabilised result ({@link #ratio}), send
 * the ratio back through the transposed map of the same parameters ({@link #transposed}), and multiply by the
 * (modified) input. The transposed map is the node's own vector–Jacobian product, which does not depend on the bias.
 */
public final class Relevance {
    private Relevance() {
    }

    /**
     * zennit's stabiliser: {@code z + ε·sign(z)} with sign(0) = +1, so the denominator moves away from zero in the
     * direction of its sign and a zero becomes {@code +ε}.
     *
     * @param z       the (modified) output of a node, any shape
     * @param epsilon the stabiliser ε, ≥ 0
     * @return a new array of {@code z}'s shape and data type; {@code z} is not changed
     */
    public static INDArray stabilize(INDArray z, double epsilon) {
        INDArray negative = z.lt(0);
        INDArray sign = negative.castTo(z.dataType());
        NativeBuffers.release(negative, sign, z);
        // (1 − 2·[z < 0])·ε as −2ε·[z < 0] + ε: the same values (scaling by 2 is exact), one pass fewer
        return sign.muli(-2 * epsilon).addi(epsilon).addi(z);
    }

    /**
     * {@code r / stabilize(z, ε)}: the relevance per unit of the (modified) output.
     *
     * @param r       the relevance of the node's output
     * @param z       the (modified) output the relevance is divided by, of {@code r}'s shape
     * @param epsilon the stabiliser ε, ≥ 0 ({@link #stabilize})
     * @return a new array of {@code r}'s shape, element-wise {@code r / (z + ε·sign(z))}
     */
    public static INDArray ratio(INDArray r, INDArray z, double epsilon) {
        INDArray fused = Fused.ratio(r, z, epsilon); // the same values in one pass, for plain float arrays
        if (fused != null) {
            return fused;
        }
        INDArray stabilized = stabilize(z, epsilon);
        INDArray s = r.div(stabilized);
        NativeBuffers.release(stabilized, s, r, z);
        return s;
    }

    /**
     * {@code r / (z + ε)} for a {@code z} the caller owns and knows to have no negative entry (a map with
     * non-negative weights and bias of a non-negative input): there {@link #stabilize} adds {@code +ε} everywhere,
     * so this gives the same values with two passes instead of seven. {@code z} becomes {@code z + ε}.
     *
     * @param r       the relevance of the node's output
     * @param z       the (modified) output, ≥ 0 (or NaN) everywhere, of {@code r}'s shape or one row of it; owned
     *                by the caller and overwritten
     * @param epsilon the stabiliser ε, ≥ 0
     * @return a new array of {@code r}'s shape, element-wise {@code r / (z + ε)}
     */
    static INDArray ratioOfNonNegative(INDArray r, INDArray z, double epsilon) {
        return r.div(z.addi(epsilon));
    }

    /**
     * {@code x ⊙ t}, written into {@code t} when it has {@code x}'s shape (a transposed map this rule owns), else
     * (K rows of {@code t} against one row of {@code x}) a new array.
     *
     * @param x the node's (modified) input, not changed
     * @param t an array the caller owns, of {@code x}'s shape or with K rows
     * @return {@code t} multiplied in place, or a new array of {@code t}'s shape
     */
    static INDArray timesInput(INDArray x, INDArray t) {
        if (java.util.Arrays.equals(x.shape(), t.shape())) {
            return t.muli(x);
        }
        INDArray out = x.mul(t);
        NativeBuffers.release(t, out, x);
        return out;
    }

    /**
     * {@code x ⊙ Wᵀ(r / z̃)} with {@code z} the (modified) output for {@code x}: the common step of LRP's rules,
     * freeing its intermediates at once (fresh native memory is expensive to touch; a reused buffer is not).
     *
     * @param node    a linear node, possibly a copy with modified parameters
     * @param x       the node's (modified) input, one row or as many rows as {@code r}
     * @param r       the relevance of the node's output
     * @param z       the (modified) output of {@code node} for {@code x}, owned by the caller
     * @param epsilon the stabiliser ε, ≥ 0
     * @return a new array of {@code x}'s shape with {@code r}'s rows
     */
    public static INDArray redistribute(LinearNode node, INDArray x, INDArray r, INDArray z, double epsilon) {
        INDArray s = ratio(r, z, epsilon);
        INDArray t = transposed(node, x, s);
        NativeBuffers.release(s, t, x, r, z);
        INDArray out = x.mul(t);
        NativeBuffers.release(t, out, x, r, z);
        return out;
    }

    /**
     * The positive part {@code a⁺} (as in {@code W⁺}, {@code x⁺}).
     *
     * @param a any array; not changed
     * @return a new array of {@code a}'s shape, element-wise {@code max(a, 0)}
     */
    public static INDArray positive(INDArray a) {
        return Transforms.relu(a, true);
    }

    /**
     * The negative part {@code a⁻} (as in {@code W⁻}, {@code x⁻}), so that {@code a = a⁺ + a⁻}.
     *
     * @param a any array; not changed
     * @return a new array of {@code a}'s shape, element-wise {@code min(a, 0)}
     */
    public static INDArray negative(INDArray a) {
        return a.sub(Transforms.relu(a, true));
    }

    /**
     * The node's affine map of {@code x} (with the node's own parameters, bias included): {@code Wx + b}.
     *
     * @param node a linear node, possibly a copy with modified parameters
     * @param x    an input batch of the node's input shape
     * @return the node's output for {@code x}, a new array of the node's output shape
     */
    public static INDArray forward(LinearNode node, INDArray x) {
        return node.forward(x);
    }

    /**
     * The transposed linear map of {@code node} applied to {@code s} (an output-shaped array): {@code Wᵀ s}, the
     * node's vector–Jacobian product, which depends neither on the bias nor on the values of {@code x}.
     *
     * @param node a linear node, possibly a copy with modified parameters
     * @param x    an input of the node's input shape; only its shape is used, with {@code s}'s row count (one row
     *             of {@code x} against K rows of {@code s} gives K rows)
     * @param s    an array of the node's output shape for {@code x}, or K rows of it
     * @return {@code Wᵀ s}, of {@code x}'s shape with {@code s}'s rows
     */
    public static INDArray transposed(LinearNode node, INDArray x, INDArray s) {
        long[] shape = x.shape().clone(); // shape() is the array's own
        if (shape.length > 0 && s.rank() > 0 && s.size(0) != shape[0]) {
            shape[0] = s.size(0);
        }
        INDArray[] g = node.backward(BackwardContext.ofShapes(node, new INDArray[] {x}, new long[][] {shape}, s, s),
                s);
        return g[0];
    }

    /**
     * Copies of linear nodes with modified parameters, made once per node and kept (a rule object serves the nodes
     * of one graph; the copies' native kernels are then built only once).
     */
    static final class Modified {
        private final Map<Node, LinearNode[]> cache = new ConcurrentHashMap<>();
        private final Function<LinearNode, LinearNode[]> make;

        Modified(Function<LinearNode, LinearNode[]> make) {
            this.make = make;
        }

        LinearNode[] of(LinearNode node) {
            return cache.computeIfAbsent(node, n -> make.apply((LinearNode) n));
        }
    }

    /** {@code node} with weight {@code w(weight)} and bias {@code b(bias)} ({@code null} bias function: no bias). */
    static LinearNode with(LinearNode node, Function<INDArray, INDArray> w, Function<INDArray, INDArray> b) {
        INDArray bias = node.bias();
        return node.withParameters(w.apply(node.weight()), b == null || bias == null ? null : b.apply(bias));
    }
}
