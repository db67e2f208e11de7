package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.Retention;

/**
 * ONNX HardSigmoid, {@code max(0, min(1, alpha·x + beta))} (ONNX defaults alpha 0.2, beta 0.5; PyTorch's
 * {@code hardsigmoid} is alpha 1/6, beta 1/2). Derivative {@code alpha} where {@code 0 < alpha·x + beta < 1}.
 */
public final class HardSigmoidNode extends ElementwiseNode {
    private final double alpha;
    private final double beta;

    /**
     * Hard sigmoid of {@code input}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param alpha the slope
     * @param beta the offset
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public HardSigmoidNode(String name, String input, String output, double alpha, double beta) {
        super(name, input, output);
        this.alpha = alpha;
        this.beta = beta;
    }

    /**
     * The slope inside the linear part of max(0, min(1, αx + β)) (ONNX's default 0.2; PyTorch's
     * {@code hardsigmoid} exports 1/6).
     *
     * @return α
     */
    public double alpha() {
        return alpha;
    }

    /**
     * The output at x = 0 (ONNX's default 0.5, PyTorch's too).
     *
     * @return β
     */
    public double beta() {
        return beta;
    }

    @Override
    public String opType() {
        return "HardSigmoid";
    }

    @Override
    public Retention retention() {
        return Retention.INPUTS;
    }

    @Override
    protected INDArray apply(INDArray x) {
        INDArray t = x.mul(alpha).addi(beta);
        return Transforms.min(Transforms.max(t, 0, false), 1, false);
    }

    @Override
    protected INDArray vjp(INDArray x, INDArray y, INDArray g) {
        INDArray t = x.mul(alpha).addi(beta);
        INDArray upper = Transforms.step(t.rsub(1), false);
        INDArray inside = Transforms.step(t, true).muli(upper);
        Ops.release(upper, inside, x, y, g);
        Ops.release(t, inside, x, y, g);
        return inside.muli(g).muli(alpha);
    }
}
