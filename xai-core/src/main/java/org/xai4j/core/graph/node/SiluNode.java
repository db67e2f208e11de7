package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.Retention;

/** SiLU / swish, {@code x · σ(x)} (Elfwing et al. 2018; Ramachandran et al. 2017); derivative {@code σ (1 + x (1 − σ))}. */
public final class SiluNode extends ElementwiseNode {
    /**
     * SiLU of {@code input}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public SiluNode(String name, String input, String output) {
        super(name, input, output);
    }

    @Override
    public String opType() {
        return "Silu";
    }

    @Override
    public Retention retention() {
        return Retention.INPUTS;
    }

    @Override
    protected INDArray apply(INDArray x) {
        return Transforms.sigmoid(x, true).muli(x);
    }

    @Override
    protected INDArray vjp(INDArray x, INDArray y, INDArray g) {
        INDArray s = Transforms.sigmoid(x, true);
        INDArray d = s.rsub(1).muli(x).addi(1).muli(s);
        Ops.release(s, d, x, y, g);
        return d.muli(g);
    }
}
