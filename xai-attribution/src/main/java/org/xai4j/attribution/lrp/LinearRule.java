package org.xai4j.attribution.lrp;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.Retention;
import org.xai4j.core.graph.node.LinearNode;
import org.xai4j.core.graph.node.MatMulNode;
import org.xai4j.core.util.HostArrays;

/**
 * An LRP rule for a node that is an affine map of its input ({@link LinearNode}: convolution, transposed
 * convolution, dense, inference batch norm; and a MatMul by a constant matrix, crossed as the equivalent dense
 * layer, {@link MatMulAsDense}). Subclasses compute the input relevance from the input {@code x} and
 * the relevance {@code r} at the output.
 */
abstract class LinearRule implements BackwardRule {
    /** The stabiliser's ε (zennit's default 1e-6 for every rule). */
    protected final double stabilizer;

    /** The Gemm views of the MatMul nodes this rule crosses. */
    private final MatMulAsDense matMuls = new MatMulAsDense();

    /**
     * A rule with the given stabiliser.
     *
     * @param stabilizer the ε, finite and ≥ 0
     * @param parameter  the name the user gave it, for the message ({@code epsilon} for {@link Epsilon}, whose
     *                   constructor calls it so, {@code stabilizer} for the others)
     */
    LinearRule(double stabilizer, String parameter) {
        if (!(stabilizer >= 0) || Double.isInfinite(stabilizer)) {
            throw new InvalidConfigException(getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
                    + ": " + parameter + " must be a finite number ≥ 0 but got " + stabilizer);
        }
        this.stabilizer = stabilizer;
    }

    /** A rule with the given stabiliser, which the user calls {@code stabilizer}. */
    LinearRule(double stabilizer) {
        this(stabilizer, "stabilizer");
    }

    @Override
    public final INDArray[] backward(BackwardContext context) {
        Node node = context.node();
        INDArray[] out = new INDArray[context.inputCount()];
        if (node instanceof MatMulNode matMul) {
            out[0] = matMuls.relevance(this, matMul, context);
        } else if (node instanceof LinearNode linear) {
            out[0] = relevance(linear, context.input(0), context.upstream(), context);
        } else {
            throw new UnsupportedModelException("the LRP rule " + describe() + " needs an affine node (Conv,"
                    + " ConvTranspose, Gemm, MatMul by a constant, BatchNormalization) but node '" + node.name()
                    + "' is " + node.opType());
        }
        return out;
    }

    /** A MatMul whose second operand depends on the input (two activations) is refused; see {@link MatMulAsDense}. */
    @Override
    public Optional<String> refusal(Node node, Graph graph) {
        return node instanceof MatMulNode matMul ? MatMulAsDense.refusal(matMul, graph, describe()) : Optional.empty();
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

    /** Set while a rule runs at a node whose input the graph proves non-negative ({@link NonNegativeInputs}). */
    private static final ThreadLocal<Boolean> PROVEN = ThreadLocal.withInitial(() -> false);

    /** {@link #backward} at a node whose input {@link NonNegativeInputs} proved non-negative: no check of the values. */
    final INDArray[] backwardOnNonNegativeInput(BackwardContext context) {
        boolean outer = PROVEN.get();
        PROVEN.set(true);
        try {
            return backward(context);
        } finally {
            PROVEN.set(outer);
        }
    }

    /**
     * Whether {@code x}, the input of the node this rule is crossing, has no negative entry (post-ReLU
     * activations): then every {@code x⁻} term vanishes. Proven from the graph where it can be, else read.
     */
    static boolean nonNegative(INDArray x) {
        if (PROVEN.get()) {
            return true;
        }
        // read in place, stopping at the first negative value (a NaN is not negative): on ResNet-18's conv inputs,
        // one thread, a plain float array read through its buffer takes a third of ND4J's min reduction
        if (Fused.plain(x)) {
            FloatBuffer values = x.data().asNioFloat();
            try {
                for (int i = 0, n = (int) x.length(); i < n; i++) {
                    if (values.get(i) < 0) {
                        return false;
                    }
                }
                return true;
            } finally {
                Reference.reachabilityFence(x);
            }
        }
        return HostArrays.forEachWindow(x, (values, length, first) -> {
            for (int i = 0; i < length; i++) {
                if (values[i] < 0) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Every rule here computes its denominators from the one forward row and broadcasts them against the relevance's
     * rows; a MatMul folds rows into its matrix product, so it gets repeated rows.
     */
    @Override
    public boolean broadcastsRows(Node node) {
        return !(node instanceof MatMulNode);
    }

    @Override
    public Retention retention(Node node) {
        return readsOutput() ? Retention.ALL : Retention.INPUTS;
    }
}
