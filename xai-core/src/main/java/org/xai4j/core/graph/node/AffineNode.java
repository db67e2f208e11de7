package org.xai4j.core.graph.node;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.graph.Retention;

/**
 * The parameters of a node that is an affine map of its one input with a weight and an optional bias
 * (convolution, transposed convolution, dense): the node owns copies of both, hands out copies, and derives the
 * same node with other parameters ({@link #withParameters}) or another data type ({@link #withDataType}).
 *
 * @param <T> the node's own type, which those two methods return
 */
abstract class AffineNode<T extends AffineNode<T>> extends AbstractNode implements LinearNode {
    /** The node's own copy of the weight. */
    final INDArray weight;
    /** The node's own copy of the bias, or null. */
    final INDArray bias;
    private final String kind;

    /**
     * A node reading {@code input} and writing {@code output}.
     *
     * @param kind   how messages call the node type, e.g. {@code "conv"}
     * @param weight the weight, already checked (copied)
     * @param bias   the bias, already checked and shaped (copied), or null
     */
    AffineNode(String kind, String name, String input, String output, INDArray weight, INDArray bias) {
        super(name, List.of(input), output);
        this.kind = kind;
        this.weight = Ops.owned(weight);
        this.bias = bias == null ? null : Ops.owned(bias);
    }

    /** The same node (name, input, output, geometry) with {@code weight} and {@code bias} (null for none). */
    abstract T with(INDArray weight, INDArray bias);

    /** A copy of the weight, in the layout the node type's class comment gives. */
    @Override
    public final INDArray weight() {
        return weight.dup();
    }

    /** A copy of the bias, or {@code null} if the node has none. */
    @Override
    public final INDArray bias() {
        return bias == null ? null : bias.dup();
    }

    /**
     * The same node with another weight and bias, cast to this node's data type.
     *
     * @throws InvalidShapeException if {@code newWeight} does not have the weight's shape
     */
    @Override
    public final T withParameters(INDArray newWeight, INDArray newBias) {
        if (!Arrays.equals(newWeight.shape(), weight.shape())) {
            throw new InvalidShapeException(kind + " '" + name() + "': new weight " + Arrays.toString(newWeight.shape())
                    + " must have the shape " + Arrays.toString(weight.shape()));
        }
        return with(newWeight.castTo(weight.dataType()), newBias == null ? null : newBias.castTo(weight.dataType()));
    }

    /** This node if its parameters already have {@code type}, else the same node with its parameters cast. */
    @Override
    @SuppressWarnings("unchecked")
    public final T withDataType(DataType type) {
        return type == weight.dataType() ? (T) this : with(weight.castTo(type), Ops.cast(bias, type));
    }

    /** No forward value: the transposed map needs only the parameters. */
    @Override
    public final Retention retention() {
        return Retention.NONE;
    }
}
