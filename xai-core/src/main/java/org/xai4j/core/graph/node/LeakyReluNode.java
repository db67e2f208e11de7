package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.Retention;

/** Leaky ReLU, {@code x > 0 ? x : alpha·x}. */
public final class LeakyReluNode extends ElementwiseNode {
    private final double alpha;

    /**
     * Leaky ReLU of {@code input}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param alpha the slope for negative inputs
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public LeakyReluNode(String name, String input, String output, double alpha) {
        super(name, input, output);
        this.alpha = alpha;
    }

    /**
     * The slope for negative inputs.
     *
     * @return alpha
     */
    public double alpha() {
        return alpha;
    }

    @Override
    public String opType() {
        return "LeakyRelu";
    }

    @Override
    public Retention retention() {
        return Retention.INPUTS;
    }

    @Override
    protected INDArray apply(INDArray x) {
        return Transforms.step(x, true).muli(1 - alpha).addi(alpha).muli(x);
    }

    @Override
    protected INDArray vjp(INDArray x, INDArray y, INDArray g) {
        return Transforms.step(x, true).muli(1 - alpha).addi(alpha).muli(g);
    }
}
