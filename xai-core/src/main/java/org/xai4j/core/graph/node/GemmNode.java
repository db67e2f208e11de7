package org.xai4j.core.graph.node;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.graph.BackwardContext;

/**
 * A dense layer, ONNX Gemm with a constant B: {@code y = A'·Wᵀ + bias} where {@code A' = transA ? Aᵀ : A}
 * and {@code W} is {@code out × in} (PyTorch's {@code Linear} layout). ONNX's {@code alpha}, {@code beta},
 * {@code transB} and {@code C} are folded in by the importer: {@code W = alpha·(transB ? B : Bᵀ)},
 * {@code bias = beta·C} (any shape that broadcasts to the output, e.g. {@code [out]}).
 */
public final class GemmNode extends AffineNode<GemmNode> {
    private final INDArray weightT;
    private final boolean transA;

    /**
     * A dense layer {@code y = A'·Wᵀ + b}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param weight W, out × in (copied)
     * @param bias the bias, broadcastable to 1 × out (copied), or null
     * @param transA whether the input is transposed first
     * @throws InvalidConfigException if the weight is not of rank 2 or the bias does not broadcast
     */
    public GemmNode(String name, String input, String output, INDArray weight, INDArray bias, boolean transA) {
        super("gemm", name, input, output, checked(name, weight), bias);
        this.weightT = this.weight.transpose().dup('c');
        this.transA = transA;
        if (this.bias != null) {
            Ops.broadcastShape(new long[] {1, weight.size(0)}, this.bias.shape(), "gemm '" + name + "' bias");
        }
    }

    private static INDArray checked(String name, INDArray weight) {
        if (weight == null || weight.rank() != 2) {
            throw new InvalidConfigException("gemm '" + name + "': weight must be out×in but got "
                    + (weight == null ? "null" : Arrays.toString(weight.shape())));
        }
        return weight;
    }

    /**
     * A dense layer {@code y = x·Wᵀ + b} on N×in input.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param weight W, out × in (copied)
     * @param bias the bias, broadcastable to 1 × out (copied), or null
     */
    public GemmNode(String name, String input, String output, INDArray weight, INDArray bias) {
        this(name, input, output, weight, bias, false);
    }

    @Override
    public String opType() {
        return "Gemm";
    }

    /**
     * Whether the input is transposed before the product.
     *
     * @return ONNX's {@code transA}
     */
    public boolean transA() {
        return transA;
    }

    @Override
    GemmNode with(INDArray newWeight, INDArray newBias) {
        return new GemmNode(name(), inputs().get(0), output(), newWeight, newBias, transA);
    }

    @Override
    public INDArray forward(INDArray... inputs) {
        requireInputs(inputs, 1);
        INDArray a = inputs[0];
        if (a.rank() != 2) {
            throw new InvalidShapeException("gemm '" + name() + "' expects a matrix input but got shape "
                    + Arrays.toString(a.shape()) + " (add a Flatten before it)");
        }
        INDArray a2 = transA ? a.transpose() : a;
        if (a2.size(1) != weight.size(1)) {
            throw new InvalidShapeException("gemm '" + name() + "' expects " + weight.size(1) + " input features but got "
                    + (transA ? "transposed " : "") + "shape " + Arrays.toString(a.shape()));
        }
        INDArray y = Ops.mmul(a2, weightT);
        if (bias != null) {
            y.addi(bias);
        }
        return y;
    }

    @Override
    public INDArray[] backward(BackwardContext context, INDArray upstream) {
        INDArray ga = Ops.mmul(upstream, weight);
        if (!transA) {
            return new INDArray[] {ga};
        }
        INDArray gaT = ga.transpose().dup('c');
        Ops.release(ga, gaT, upstream, weight, weightT, bias);
        return new INDArray[] {gaT};
    }
}
