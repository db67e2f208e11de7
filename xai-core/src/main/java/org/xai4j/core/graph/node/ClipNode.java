package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.Retention;

/**
 * Clip to {@code [min, max]} (ReLU6 is {@code [0, 6]}); the gradient passes where {@code min ≤ x ≤ max}, as
 * in PyTorch's {@code clamp}. Infinite bounds mean no bound.
 */
public final class ClipNode extends ElementwiseNode {
    private final double min;
    private final double max;

    /**
     * Clipping to [min, max].
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param min the lower bound, or −∞ for none
     * @param max the upper bound, or +∞ for none
     * @throws org.xai4j.core.InvalidConfigException if {@code min > max} or a name is empty
     */
    public ClipNode(String name, String input, String output, double min, double max) {
        super(name, input, output);
        if (!(min <= max)) {
            throw new org.xai4j.core.InvalidConfigException("clip node '" + name + "': min " + min + " > max " + max);
        }
        this.min = min;
        this.max = max;
    }

    /**
     * The lower bound.
     *
     * @return min, possibly −∞
     */
    public double min() {
        return min;
    }

    /**
     * The upper bound.
     *
     * @return max, possibly +∞
     */
    public double max() {
        return max;
    }

    @Override
    public String opType() {
        return "Clip";
    }

    @Override
    public Retention retention() {
        return Retention.INPUTS;
    }

    @Override
    protected INDArray apply(INDArray x) {
        INDArray y = x.dup();
        if (Double.isFinite(min)) {
            y = Transforms.max(y, min, false);
        }
        if (Double.isFinite(max)) {
            y = Transforms.min(y, max, false);
        }
        return y;
    }

    @Override
    protected INDArray vjp(INDArray x, INDArray y, INDArray g) {
        INDArray mask = g.dup();
        if (Double.isFinite(min)) {
            multiplyByIndicator(mask, x.gte(min), x, y, g);
        }
        if (Double.isFinite(max)) {
            multiplyByIndicator(mask, x.lte(max), x, y, g);
        }
        return mask;
    }

    /** {@code mask ⊙ condition} in place; frees the condition and its cast (arrays this node created). */
    private static void multiplyByIndicator(INDArray mask, INDArray condition, INDArray x, INDArray y, INDArray g) {
        INDArray indicator = condition.castTo(x.dataType());
        mask.muli(indicator);
        Ops.release(indicator, mask, x, y, g);
        Ops.release(condition, mask, x, y, g);
    }
}
