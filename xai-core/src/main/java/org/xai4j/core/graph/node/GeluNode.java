package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.Retention;

/**
 * GELU (Hendrycks and Gimpel 2016): exact {@code x Φ(x)} with Φ the standard normal CDF, or the tanh
 * approximation {@code ½x(1 + tanh(√(2/π)(x + 0.044715x³)))}.
 */
public final class GeluNode extends ElementwiseNode {
    private static final double K = Math.sqrt(2 / Math.PI);
    private static final double C = 0.044715;
    private final boolean tanhApproximation;

    /**
     * GELU of {@code input}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param tanhApproximation whether to use the tanh approximation instead of the exact x Φ(x)
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public GeluNode(String name, String input, String output, boolean tanhApproximation) {
        super(name, input, output);
        this.tanhApproximation = tanhApproximation;
    }

    /**
     * Whether the tanh approximation is used instead of the exact form.
     *
     * @return true for the tanh approximation
     */
    public boolean tanhApproximation() {
        return tanhApproximation;
    }

    @Override
    public String opType() {
        return "Gelu";
    }

    @Override
    public Retention retention() {
        return Retention.INPUTS;
    }

    private static INDArray cdf(INDArray x) {
        INDArray scaled = x.div(Math.sqrt(2));
        INDArray c = ErfNode.erf(scaled).addi(1).muli(0.5);
        Ops.release(scaled, c, x);
        return c;
    }

    private static INDArray tanhU(INDArray x) {
        return Transforms.tanh(x.mul(x).muli(C).addi(1).muli(x).muli(K), false);
    }

    @Override
    protected INDArray apply(INDArray x) {
        if (tanhApproximation) {
            return tanhU(x).addi(1).muli(x).muli(0.5);
        }
        return cdf(x).muli(x);
    }

    @Override
    protected INDArray vjp(INDArray x, INDArray y, INDArray g) {
        INDArray d;
        if (tanhApproximation) {
            INDArray t = tanhU(x);
            INDArray du = x.mul(x).muli(3 * C).addi(1).muli(K);
            INDArray sech2 = t.mul(t).rsubi(1);
            d = sech2.muli(du).muli(x).muli(0.5).addi(t.addi(1).muli(0.5));
            Ops.release(du, d, x, y, g);
            Ops.release(t, d, x, y, g);
        } else {
            INDArray pdf = Transforms.exp(x.mul(x).muli(-0.5), false).muli(1 / Math.sqrt(2 * Math.PI));
            INDArray c = cdf(x);
            d = pdf.muli(x).addi(c);
            Ops.release(c, d, x, y, g);
        }
        return d.muli(g);
    }
}
