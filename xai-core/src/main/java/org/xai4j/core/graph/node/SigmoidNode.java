package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.Retention;

/** The logistic function {@code 1 / (1 + e^−x)}; derivative {@code y (1 − y)}. */
public final class SigmoidNode extends ElementwiseNode {
    /**
     * The logistic function of {@code input}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public SigmoidNode(String name, String input, String output) {
        super(name, input, output);
    }

    @Override
    public String opType() {
        return "Sigmoid";
    }

    @Override
    public Retention retention() {
        return Retention.OUTPUT;
    }

    @Override
    protected INDArray apply(INDArray x) {
        return Transforms.sigmoid(x, true);
    }

    @Override
    protected INDArray vjp(INDArray x, INDArray y, INDArray g) {
        return y.rsub(1).muli(y).muli(g);
    }
}
