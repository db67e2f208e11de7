package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.Retention;

/** The hyperbolic tangent; derivative {@code 1 − y²}. */
public final class TanhNode extends ElementwiseNode {
    /**
     * The hyperbolic tangent of {@code input}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public TanhNode(String name, String input, String output) {
        super(name, input, output);
    }

    @Override
    public String opType() {
        return "Tanh";
    }

    @Override
    public Retention retention() {
        return Retention.OUTPUT;
    }

    @Override
    protected INDArray apply(INDArray x) {
        return Transforms.tanh(x, true);
    }

    @Override
    protected INDArray vjp(INDArray x, INDArray y, INDArray g) {
        return y.mul(y).rsubi(1).muli(g);
    }
}
