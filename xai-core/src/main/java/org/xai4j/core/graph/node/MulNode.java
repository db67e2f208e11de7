package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Retention;

/** {@code a ⊙ b} with broadcasting (squeeze-excitation gates, swish written out, scaling by constants). */
public final class MulNode extends BinaryNode {
    /**
     * The element-wise product {@code a ⊙ b}.
     *
     * @param name the node's name, not empty
     * @param a the name of the first operand
     * @param b the name of the second operand
     * @param output the name of the value it writes
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public MulNode(String name, String a, String b, String output) {
        super(name, a, b, output);
    }

    @Override
    public String opType() {
        return "Mul";
    }

    @Override
    public Retention retention() {
        return Retention.INPUTS;
    }

    @Override
    protected INDArray apply(INDArray a, INDArray b) {
        return a.mul(b);
    }

    @Override
    protected INDArray partial(BackwardContext context, int i, INDArray g) {
        INDArray other = aligned(context, 1 - i, g.rank());
        return g.mul(other);
    }
}
