package org.xai4j.core.graph.node;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Retention;

/**
 * A node applying a scalar function to every element of its one input; backward multiplies the upstream
 * gradient by the function's derivative, computed from the input or the output as {@link #retention()}
 * says.
 */
public abstract class ElementwiseNode extends AbstractNode {
    /**
     * For subclasses: an element-wise function of {@code input}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    protected ElementwiseNode(String name, String input, String output) {
        super(name, List.of(input), output);
    }

    @Override
    public final INDArray forward(INDArray... inputs) {
        requireInputs(inputs, 1);
        return apply(inputs[0]);
    }

    @Override
    public final INDArray[] backward(BackwardContext context, INDArray upstream) {
        Retention r = retention();
        INDArray x = r.inputs() ? context.input(0) : null;
        INDArray y = r.output() ? context.output() : null;
        return new INDArray[] {vjp(x, y, upstream)};
    }

    /**
     * The function applied to a copy of {@code x}.
     *
     * @param x a copy of the input, which the implementation may overwrite
     * @return the function's values, the input's shape
     */
    protected abstract INDArray apply(INDArray x);

    /**
     * {@code g ⊙ f'(x)}; {@code x} is null unless {@link #retention()} keeps inputs, {@code y} null unless it
     * keeps the output.
     *
     * @param x the forward input, or null
     * @param y the forward output, or null
     * @param g the upstream gradient
     * @return the product, the input's shape
     */
    protected abstract INDArray vjp(INDArray x, INDArray y, INDArray g);
}
