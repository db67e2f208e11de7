package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.Retention;

/**
 * {@code x^p} for a constant exponent {@code p} (LayerNorm written out squares the centred input with it);
 * derivative {@code p·x^(p−1)}. Exponent 2 is computed as {@code x·x}, exactly as in PyTorch.
 */
public final class PowNode extends ElementwiseNode {
    private final double exponent;

    /**
     * {@code input} raised to a constant power.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param exponent p
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public PowNode(String name, String input, String output, double exponent) {
        super(name, input, output);
        this.exponent = exponent;
    }

    /**
     * The constant exponent {@code p}.
     *
     * @return p
     */
    public double exponent() {
        return exponent;
    }

    @Override
    public String opType() {
        return "Pow";
    }

    @Override
    public Retention retention() {
        return Retention.INPUTS;
    }

    @Override
    protected INDArray apply(INDArray x) {
        if (exponent == 2) {
            return x.mul(x);
        }
        if (exponent == 1) {
            return x.dup();
        }
        return Transforms.pow(x, exponent, true);
    }

    @Override
    protected INDArray vjp(INDArray x, INDArray y, INDArray g) {
        if (exponent == 2) {
            return x.mul(2).muli(g);
        }
        if (exponent == 1) {
            return g.dup();
        }
        return Transforms.pow(x, exponent - 1, true).muli(exponent).muli(g);
    }
}
