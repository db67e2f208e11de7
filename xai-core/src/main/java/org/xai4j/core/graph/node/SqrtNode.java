package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.Retention;

/** Square root (LayerNorm written out as ReduceMean, Sub, Pow, Sqrt, Div); derivative {@code 1 / (2√x)}. */
public final class SqrtNode extends ElementwiseNode {
    /**
     * The square root of {@code input}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public SqrtNode(String name, String input, String output) {
        super(name, input, output);
    }

    @Override
    public String opType() {
        return "Sqrt";
    }

    @Override
    public Retention retention() {
        return Retention.OUTPUT;
    }

    @Override
    protected INDArray apply(INDArray x) {
        return Transforms.sqrt(x, true);
    }

    @Override
    protected INDArray vjp(INDArray x, INDArray y, INDArray g) {
        return y.mul(2).rdivi(g);
    }
}
