package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.Retention;

/** The hyperbolic tangent; derivative {@code 1 − y²}. */
public final class TanhNode extends ElementwiseNode {
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
