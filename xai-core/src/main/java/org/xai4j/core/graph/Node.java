package org.xai4j.core.graph;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One operation of a {@link Graph}: reads the values named by {@link #inputs()} and produces the value
 * named by {@link #output()}. Nodes are immutable and thread-safe; parameters (weights) live inside the
 * node, in the layout its native kernels want, and are never exposed for modification.
 *
 * <p>Contract for implementations: {@link #forward} and {@link #backward} never modify the arrays they are
 * given, and return arrays the caller may own: new arrays, or views of the arrays they were given, never
 * an array held in a field.
 */
public interface Node {
    /**
     * The node's name, as in the source model (an ONNX node name, a DL4J layer name).
     *
     * @return the name
     */
    String name();

    /**
     * The operation, in ONNX vocabulary where one exists ({@code "Conv"}, {@code "Relu"}, {@code "Add"}).
     *
     * @return the op type
     */
    String opType();

    /**
     * The names of the values this node reads, in order.
     *
     * @return an unmodifiable list of value names
     */
    List<String> inputs();

    /**
     * The name of the value this node produces.
     *
     * @return the value name
     */
    String output();

    /**
     * Computes the output from the input values (in the order of {@link #inputs()}).
     *
     * @param inputs the input values (not modified)
     * @return a new array
     * @throws org.xai4j.core.InvalidShapeException if the inputs do not fit the node
     */
    INDArray forward(INDArray... inputs);

    /**
     * The vector–Jacobian product: for each input i, {@code upstream · ∂output/∂input_i}, with input i's
     * shape; {@code null} for inputs where {@link BackwardContext#needsGradient(int)} is false. Never a
     * gradient with respect to the node's own parameters.
     *
     * @param context  the node's forward values (as far as {@link #retention()} keeps them) and shapes
     * @param upstream the gradient with respect to the output (the output's shape)
     * @return one array per input, null where no gradient is needed
     */
    INDArray[] backward(BackwardContext context, INDArray upstream);

    /**
     * Which forward values {@link #backward} reads; the engine frees the others early.
     *
     * @return {@link Retention#ALL} by default
     */
    default Retention retention() {
        return Retention.ALL;
    }

    /**
     * This node with its parameters cast to {@code dataType} (itself when it has none).
     *
     * @param dataType a floating-point type
     * @return the node with cast parameters
     */
    default Node withDataType(DataType dataType) {
        return this;
    }
}
