package org.xai4j.attribution.lrp;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.Retention;
import org.xai4j.core.graph.node.LinearNode;

/**
 * An LRP rule for a node that is an affine map of its input ({@link LinearNode}: convolution, transposed
 * convolution, dense, inference batch norm). Subclasses compute the input relevance from the input {@code x} and
 * the relevance {@code r} at the output.
 */
abstract class LinearRule implements BackwardRule {
    /** The stabiliser's ε (zennit's default 1e-6 for every rule). */
    protected final double stabilizer;

    LinearRule(double stabilizer) {
        if (!(stabilizer >= 0) || Double.isInfinite(stabilizer)) {
            throw new InvalidConfigException(getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
                    + ": the stabilizer must be a finite number ≥ 0 but got " + stabilizer);
        }
        this.stabilizer = stabilizer;
    }

    @Override
    public final INDArray[] backward(BackwardContext context) {
        Node node = context.node();
        if (!(node instanceof LinearNode linear)) {
            throw new UnsupportedModelException("the LRP rule " + describe() + " needs an affine node (Conv, ConvTranspose,"
                    + " Gemm, BatchNormalization) but node '" + node.name() + "' is " + node.opType());
        }
        INDArray[] out = new INDArray[context.inputCount()];
        out[0] = relevance(linear, context.input(0), context.upstream(), context);
        return out;
    }

    /**
     * The relevance of the node's input {@code x}, given the relevance {@code r} of its output; {@code context}
     * gives the node's own output {@code z = Wx + b} where the rule's {@link #retention} keeps it.
     */
    abstract INDArray relevance(LinearNode node, INDArray x, INDArray r, BackwardContext context);

    /** Whether the rule reads the node's own output ({@link #output}); then the engine keeps it. */
    boolean readsOutput() {
        return false;
    }

    /** The node's own output {@code Wx + b}: the forward pass's value. */
    static INDArray output(BackwardContext context) {
        return context.output();
    }

    /** Whether {@code x} has no negative entry (post-ReLU activations): then every {@code x⁻} term vanishes. */
    static boolean nonNegative(INDArray x) {
        return x.minNumber().doubleValue() >= 0;
    }

    @Override
    public Retention retention(Node node) {
        return readsOutput() ? Retention.ALL : Retention.INPUTS;
    }
}
