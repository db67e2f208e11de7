package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.Retention;

/**
 * Hard swish, {@code x · max(0, min(1, x/6 + 1/2))} (Howard et al. 2019, MobileNetV3); derivative
 * {@code h(x) + x/6} inside (−3, 3), 0 below, 1 above.
 */
public final class HardSwishNode extends ElementwiseNode {
    /**
     * Hard swish of {@code input}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public HardSwishNode(String name, String input, String output) {
        super(name, input, output);
    }

    @Override
    public String opType() {
        return "HardSwish";
    }

    @Override
    public Retention retention() {
        return Retention.INPUTS;
    }

    @Override
    protected INDArray apply(INDArray x) {
        INDArray h = Transforms.min(Transforms.max(x.div(6).addi(0.5), 0, false), 1, false);
        return h.muli(x);
    }

    @Override
    protected INDArray vjp(INDArray x, INDArray y, INDArray g) {
        INDArray t = x.div(6).addi(0.5);
        INDArray below = t.rsub(1);
        INDArray upper = Transforms.step(below, true);
        INDArray inside = Transforms.step(t, true).muli(upper);
        Ops.release(below, inside, x, y, g);
        Ops.release(upper, inside, x, y, g);
        INDArray h = Transforms.min(Transforms.max(t, 0, false), 1, false);
        INDArray d = inside.muli(x).divi(6).addi(h);
        Ops.release(h, d, x, y, g);
        Ops.release(t, d, x, y, g);
        return d.muli(g);
    }
}
