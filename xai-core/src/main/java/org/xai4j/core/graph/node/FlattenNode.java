package org.xai4j.core.graph.node;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.BackwardContext;

/** ONNX Flatten: the axes before {@code axis} become rows, the rest columns (axis 1: N×(C·H·W)). */
public final class FlattenNode extends AxisNode {
    /**
     * ONNX Flatten at {@code axis}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param axis the first axis of the columns, negative counting from the end
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public FlattenNode(String name, String input, String output, int axis) {
        super(name, List.of(input), output, axis);
    }

    @Override
    public String opType() {
        return "Flatten";
    }

    @Override
    public INDArray forward(INDArray... inputs) {
        requireInputs(inputs, 1);
        INDArray x = inputs[0];
        long[] s = x.shape();
        int ax = axis < 0 ? axis + s.length : axis;
        if (ax < 0 || ax > s.length) {
            throw new org.xai4j.core.InvalidShapeException("flatten '" + name() + "': axis " + axis
                    + " is outside rank " + s.length);
        }
        return x.reshape('c', Ops.product(s, 0, ax), Ops.product(s, ax, s.length));
    }

    @Override
    public INDArray[] backward(BackwardContext context, INDArray upstream) {
        return new INDArray[] {upstream.reshape('c', context.inputShape(0))};
    }
}
