package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Retention;

/** {@code a / b} with broadcasting; {@code ∂/∂a = 1/b}, {@code ∂/∂b = −a/b²}. */
public final class DivNode extends BinaryNode {
    /**
     * The quotient {@code a / b}.
     *
     * @param name the node's name, not empty
     * @param a the name of the first operand
     * @param b the name of the second operand
     * @param output the name of the value it writes
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public DivNode(String name, String a, String b, String output) {
        super(name, a, b, output);
    }

    @Override
    public String opType() {
        return "Div";
    }

    @Override
    public Retention retention() {
        return Retention.INPUTS;
    }

    @Override
    protected INDArray apply(INDArray a, INDArray b) {
        return a.div(b);
    }

    @Override
    protected INDArray partial(BackwardContext context, int i, INDArray g) {
        INDArray b = aligned(context, 1, g.rank());
        if (i == 0) {
            return g.div(b);
        }
        INDArray a = aligned(context, 0, g.rank());
        return g.mul(a).divi(b).divi(b).negi();
    }
}
