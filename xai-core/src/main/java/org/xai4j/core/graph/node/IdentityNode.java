package org.xai4j.core.graph.node;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Retention;

/** Passes its input on unchanged: ONNX Identity, and Dropout in inference (the op type is kept for display). */
public final class IdentityNode extends AbstractNode {
    private final String opType;

    /**
     * An identity, shown as {@code Identity}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public IdentityNode(String name, String input, String output) {
        this(name, input, output, "Identity");
    }

    /**
     * An identity shown as {@code opType} (e.g. "Dropout").
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param opType the op type shown, e.g. {@code Dropout}
     */
    public IdentityNode(String name, String input, String output, String opType) {
        super(name, List.of(input), output);
        this.opType = opType;
    }

    @Override
    public String opType() {
        return opType;
    }

    @Override
    public Retention retention() {
        return Retention.NONE;
    }

    @Override
    public INDArray forward(INDArray... inputs) {
        requireInputs(inputs, 1);
        return inputs[0];
    }

    @Override
    public INDArray[] backward(BackwardContext context, INDArray upstream) {
        return new INDArray[] {upstream};
    }
}
