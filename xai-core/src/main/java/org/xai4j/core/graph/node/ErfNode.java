package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.Retention;

/** The error function (PyTorch exports exact GELU through it); derivative {@code 2/√π · e^(−x²)}. */
public final class ErfNode extends ElementwiseNode {
    /**
     * The error function of {@code input}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public ErfNode(String name, String input, String output) {
        super(name, input, output);
    }

    @Override
    public String opType() {
        return "Erf";
    }

    @Override
    public Retention retention() {
        return Retention.INPUTS;
    }

    static INDArray erf(INDArray x) {
        INDArray out = x.dup();
        Nd4j.getExecutioner().exec(new Erf(out));
        return out;
    }

    @Override
    protected INDArray apply(INDArray x) {
        return erf(x);
    }

    @Override
    protected INDArray vjp(INDArray x, INDArray y, INDArray g) {
        return Transforms.exp(x.mul(x).negi(), false).muli(2 / Math.sqrt(Math.PI)).muli(g);
    }
}
