package org.xai4j.core.graph.node;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Retention;

/**
 * Constant padding (ONNX Pad, mode "constant"; DL4J's zero-padding layer): {@code before[i]} and
 * {@code after[i]} entries on each axis, negative values crop. Backward crops the gradient back.
 */
public final class PadNode extends AbstractNode {
    private final long[] before;
    private final long[] after;
    private final double value;

    /**
     * Constant padding of {@code input}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param before the entries added before each axis, negative to crop (copied)
     * @param after the entries added after each axis, negative to crop (copied)
     * @param value the padding value
     * @throws org.xai4j.core.InvalidConfigException if {@code before} and {@code after} differ in length or a
     *     name is empty
     */
    public PadNode(String name, String input, String output, long[] before, long[] after, double value) {
        super(name, List.of(input), output);
        if (before.length != after.length) {
            throw new org.xai4j.core.InvalidConfigException("pad '" + name + "': " + before.length
                    + " leading and " + after.length + " trailing amounts");
        }
        this.before = before.clone();
        this.after = after.clone();
        this.value = value;
    }

    @Override
    public String opType() {
        return "Pad";
    }

    @Override
    public Retention retention() {
        return Retention.NONE;
    }

    private void check(int rank) {
        if (rank != before.length) {
            throw new InvalidShapeException("pad '" + name() + "' has amounts for rank " + before.length
                    + " but the input has rank " + rank);
        }
    }

    @Override
    public INDArray forward(INDArray... inputs) {
        requireInputs(inputs, 1);
        check(inputs[0].rank());
        INDArray y = Ops.pad(inputs[0], before, after, value);
        return y == inputs[0] ? y.dup() : y;
    }

    @Override
    public INDArray[] backward(BackwardContext context, INDArray upstream) {
        return new INDArray[] {Ops.unpad(upstream, before, after)};
    }
}
