package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.Retention;

/** ReLU, {@code max(x, 0)}; its derivative is read from the output ({@code y > 0}). */
public final class ReluNode extends ElementwiseNode {
    /**
     * ReLU of {@code input}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public ReluNode(String name, String input, String output) {
        super(name, input, output);
    }

    @Override
    public String opType() {
        return "Relu";
    }

    @Override
    public Retention retention() {
        return Retention.OUTPUT;
    }

    @Override
    protected INDArray apply(INDArray x) {
        return Transforms.relu(x, true);
    }

    @Override
    protected INDArray vjp(INDArray x, INDArray y, INDArray g) {
        return Transforms.step(y, true).muli(g);
    }
}
