package org.xai4j.core.graph.node;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Retention;

/**
 * An element-wise operation of two inputs with numpy broadcasting (residual additions, squeeze-excitation
 * scaling, arithmetic with constants). Backward sums each input's gradient over the axes along which it
 * was broadcast.
 */
public abstract class BinaryNode extends AbstractNode {
    /**
     * For subclasses: a node reading {@code a} and {@code b}.
     *
     * @param name the node's name, not empty
     * @param a the name of the first operand
     * @param b the name of the second operand
     * @param output the name of the value it writes
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    protected BinaryNode(String name, String a, String b, String output) {
        super(name, List.of(a, b), output);
    }

    @Override
    public final INDArray forward(INDArray... inputs) {
        requireInputs(inputs, 2);
        INDArray a = inputs[0];
        INDArray b = inputs[1];
        long[] shape = Ops.broadcastShape(a.shape(), b.shape(), opType() + " '" + name() + "'");
        INDArray a2 = Ops.toRank(a, shape.length);
        INDArray b2 = Ops.toRank(b, shape.length);
        INDArray y = apply(a2, b2);
        if (!java.util.Arrays.equals(y.shape(), shape)) {
            y = y.reshape(shape);
        }
        // toRank copies only an operand that cannot be reshaped in place; such a copy is this node's.
        Ops.release(a2, y, a, b);
        Ops.release(b2, y, a, b);
        return y;
    }

    @Override
    public final INDArray[] backward(BackwardContext context, INDArray upstream) {
        long[] sa = context.inputShape(0);
        long[] sb = context.inputShape(1);
        INDArray[] g = new INDArray[2];
        for (int i = 0; i < 2; i++) {
            if (context.needsGradient(i)) {
                INDArray full = partial(context, i, upstream);
                g[i] = Ops.sumToShape(full, i == 0 ? sa : sb);
                // The full-shape partial is a temporary once summed, unless it is (a view of) the upstream
                // gradient, an input or the output, which this node does not own.
                Ops.release(full, notOwned(context, upstream, g[i]));
            }
        }
        return g;
    }

    /** The arrays a backward call must not free: the result, the upstream gradients, kept inputs and output. */
    private INDArray[] notOwned(BackwardContext context, INDArray upstream, INDArray result) {
        Retention r = retention();
        return new INDArray[] {result, upstream, context.upstream(), r.inputs() ? kept(context, 0) : null,
                r.inputs() ? kept(context, 1) : null, r.output() ? kept(context, -1) : null};
    }

    private static INDArray kept(BackwardContext context, int i) {
        try {
            return i < 0 ? context.output() : context.input(i);
        } catch (IllegalStateException notKept) {
            return null;
        }
    }

    /**
     * {@code a ∘ b} for operands already aligned to the output's rank.
     *
     * @param a the first operand
     * @param b the second operand
     * @return a new array of the broadcast shape
     */
    protected abstract INDArray apply(INDArray a, INDArray b);

    /**
     * {@code g ⊙ ∂(a ∘ b)/∂input_i} in the broadcast (output) shape.
     *
     * @param context the node's forward values
     * @param i the input, 0 or 1
     * @param g the upstream gradient, the output's shape
     * @return the partial product, the output's shape (reduced to the input's shape by the caller)
     */
    protected abstract INDArray partial(BackwardContext context, int i, INDArray g);

    /**
     * Input {@code i} aligned to {@code rank} for broadcasting against the upstream gradient.
     *
     * @param context the node's forward values
     * @param i the input, 0 or 1
     * @param rank the output's rank
     * @return the input, with leading size-1 axes added up to {@code rank}
     */
    protected static INDArray aligned(BackwardContext context, int i, int rank) {
        return Ops.toRank(context.input(i), rank);
    }
}
