package org.xai4j.core.graph;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a {@link BackwardRule} sees when the backward pass reaches one node: the node, its input and
 * output values from the forward pass (as far as the rule's {@link BackwardRule#retention} kept them),
 * their shapes, the upstream gradient or relevance, and — when the pass was given a reference input (for
 * DeepLIFT) — the same node's input and output values in the reference's forward pass.
 *
 * <p>One context exists per node and call; it is not shared between threads. The arrays it returns
 * belong to the engine and must not be modified.
 */
public final class BackwardContext {
    private final Node node;
    private final INDArray[] inputs;
    private final long[][] inputShapes;
    private final boolean[] needsGradient;
    private final INDArray output;
    private final long[] outputShape;
    private final INDArray upstream;
    private final INDArray[] referenceInputs;
    private final INDArray referenceOutput;
    private final DataType dataType;

    BackwardContext(Node node, INDArray[] inputs, long[][] inputShapes, boolean[] needsGradient, INDArray output,
                    long[] outputShape, INDArray upstream, INDArray[] referenceInputs, INDArray referenceOutput,
                    DataType dataType) {
        this.node = node;
        this.inputs = inputs;
        this.inputShapes = inputShapes;
        this.needsGradient = needsGradient;
        this.output = output;
        this.outputShape = outputShape;
        this.upstream = upstream;
        this.referenceInputs = referenceInputs;
        this.referenceOutput = referenceOutput;
        this.dataType = dataType;
    }

    /**
     * A context for calling {@link Node#backward} outside a graph pass (tests, rules that evaluate a node
     * on their own). {@code inputs} and {@code output} are the forward values; every input needs a gradient
     * unless it is listed in {@code constantInputs}.
     *
     * @param node the node to pass backward
     * @param inputs the node's forward input values, in the order of {@link Node#inputs()}
     * @param output the node's forward output
     * @param upstream what arrives at the output, the output's shape
     * @param constantInputs the indices of inputs that need no gradient
     * @return the context
     */
    public static BackwardContext of(Node node, INDArray[] inputs, INDArray output, INDArray upstream,
                                     int... constantInputs) {
        long[][] shapes = new long[inputs.length][];
        boolean[] needs = new boolean[inputs.length];
        Arrays.fill(needs, true);
        for (int i = 0; i < inputs.length; i++) {
            shapes[i] = inputs[i].shape();
        }
        for (int c : constantInputs) {
            needs[c] = false;
        }
        return new BackwardContext(node, inputs.clone(), shapes, needs, output, output.shape(), upstream, null, null,
                output.dataType());
    }

    /**
     * A context whose shapes differ from its values' shapes: for rules that {@link BackwardRule#broadcastsRows
     * broadcast} one forward row against K upstream rows, the input shapes have K rows while the values have one.
     * Every input needs a gradient unless it is listed in {@code constantInputs}.
     *
     * @param node the node to pass backward
     * @param inputs the node's forward input values, in the order of {@link Node#inputs()}
     * @param inputShapes the shapes of what the backward step returns for each input
     * @param output the node's forward output
     * @param upstream what arrives at the output; its shape is the context's output shape
     * @param constantInputs the indices of inputs that need no gradient
     * @return the context
     */
    public static BackwardContext ofShapes(Node node, INDArray[] inputs, long[][] inputShapes, INDArray output,
                                           INDArray upstream, int... constantInputs) {
        boolean[] needs = new boolean[inputs.length];
        Arrays.fill(needs, true);
        long[][] shapes = new long[inputShapes.length][];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = inputShapes[i].clone();
        }
        for (int c : constantInputs) {
            needs[c] = false;
        }
        return new BackwardContext(node, inputs.clone(), shapes, needs, output, upstream.shape(), upstream, null, null,
                upstream.dataType());
    }

    /**
     * The node being passed.
     *
     * @return the node
     */
    public Node node() {
        return node;
    }

    /**
     * The number of inputs of the node.
     *
     * @return the number of inputs, at least 1
     */
    public int inputCount() {
        return inputShapes.length;
    }

    /**
     * Input {@code i}'s value in the forward pass.
     *
     * @param i an input index, 0 ≤ i &lt; {@link #inputCount()}
     * @return the value, not to be modified
     * @throws IllegalStateException if the rule's retention did not keep inputs
     */
    public INDArray input(int i) {
        INDArray a = inputs[i];
        if (a == null) {
            throw new IllegalStateException("input " + i + " of node '" + node.name() + "' (" + node.opType()
                    + ") was not kept for the backward pass: its rule's retention() must include inputs");
        }
        return a;
    }

    /**
     * The shape of input {@code i}.
     *
     * @param i an input index, 0 ≤ i &lt; {@link #inputCount()}
     * @return a copy of the shape, known even where the value was not kept
     */
    public long[] inputShape(int i) {
        return inputShapes[i].clone();
    }

    /**
     * Whether a gradient must flow to input {@code i}: false for constants and for values that do not
     * depend on the graph input.
     *
     * @param i an input index, 0 ≤ i &lt; {@link #inputCount()}
     * @return true when the rule must return a gradient for input {@code i}
     */
    public boolean needsGradient(int i) {
        return needsGradient[i];
    }

    /**
     * The node's output in the forward pass.
     *
     * @return the value, not to be modified
     * @throws IllegalStateException if the rule's retention did not keep the output
     */
    public INDArray output() {
        if (output == null) {
            throw new IllegalStateException("the output of node '" + node.name() + "' (" + node.opType()
                    + ") was not kept for the backward pass: its rule's retention() must include the output");
        }
        return output;
    }

    /**
     * The shape of the node's output.
     *
     * @return a copy of the shape, known even where the value was not kept
     */
    public long[] outputShape() {
        return outputShape.clone();
    }

    /**
     * The gradient (or relevance) arriving at the node's output: the output's shape.
     *
     * @return the upstream array, not to be modified
     */
    public INDArray upstream() {
        return upstream;
    }

    /**
     * Whether this pass also ran a reference input (DeepLIFT).
     *
     * @return true when {@link #referenceInput} and {@link #referenceOutput} can be read
     */
    public boolean hasReference() {
        return referenceOutput != null;
    }

    /**
     * Input {@code i}'s value in the reference's forward pass (same shape as {@link #input(int)}).
     *
     * @param i an input index, 0 ≤ i &lt; {@link #inputCount()}
     * @return the value, not to be modified
     * @throws IllegalStateException if the pass had no reference or did not keep it
     */
    public INDArray referenceInput(int i) {
        if (referenceInputs == null || referenceInputs[i] == null) {
            throw new IllegalStateException("node '" + node.name() + "' has no reference input " + i
                    + ": pass a reference in the Propagation and keep inputs in the rule's retention()");
        }
        return referenceInputs[i];
    }

    /**
     * The node's output in the reference's forward pass.
     *
     * @return the value, not to be modified
     * @throws IllegalStateException if the pass had no reference or did not keep it
     */
    public INDArray referenceOutput() {
        if (referenceOutput == null) {
            throw new IllegalStateException("node '" + node.name() + "' has no reference output: pass a reference"
                    + " in the Propagation and keep the output in the rule's retention()");
        }
        return referenceOutput;
    }

    /**
     * The data type of the graph's values in this pass.
     *
     * @return the data type, FLOAT or DOUBLE
     */
    public DataType dataType() {
        return dataType;
    }

    /**
     * The node's plain vector–Jacobian product of {@link #upstream()}: the default rule.
     *
     * @return one array per input, null where no gradient is needed
     */
    public INDArray[] gradient() {
        return node.backward(this, upstream);
    }

    /**
     * The node's plain vector–Jacobian product of another upstream array (the output's shape).
     *
     * @param otherUpstream an array of the output's shape
     * @return one array per input, null where no gradient is needed
     */
    public INDArray[] gradient(INDArray otherUpstream) {
        return node.backward(this, otherUpstream);
    }
}
