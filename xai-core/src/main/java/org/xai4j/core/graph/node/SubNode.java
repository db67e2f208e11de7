package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Retention;

/** {@code a − b} with broadcasting (input normalisation, DL4J's subtract vertex). */
public final class SubNode extends BinaryNode {
    /**
     * The difference {@code a − b}.
     *
     * @param name the node's name, not empty
     * @param a the name of the first operand
     * @param b the name of the second operand
     * @param output the name of the value it writes
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public SubNode(String name, String a, String b, String output) {
        super(name, a, b, output);
    }

    @Override
    public String opType() {
        return "Sub";
    }

    @Override
    public Retention retention() {
        return Retention.NONE;
    }

    @Override
    protected INDArray apply(INDArray a, INDArray b) {
        return a.sub(b);
    }

    @Override
    protected INDArray partial(BackwardContext context, int i, INDArray g) {
        return i == 0 ? g : g.neg();
    }
}
