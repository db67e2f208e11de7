package org.xai4j.core.graph;

/**
 * Which forward values a node's backward step reads, so that the engine can free the others as soon as
 * the forward pass no longer needs them. Input and output <em>shapes</em> are always kept.
 */
public enum Retention {
    /** Only shapes: linear maps with fixed parameters (convolution, dense, batch norm, add, pooling by averages). */
    NONE(false, false),
    /** The node's inputs (products, max pooling, activations whose derivative is easiest from the input). */
    INPUTS(true, false),
    /** The node's output (sigmoid, tanh, softmax, ReLU). */
    OUTPUT(false, true),
    /** Inputs and output: what an arbitrary backward rule may read. */
    ALL(true, true);

    private final boolean inputs;
    private final boolean output;

    Retention(boolean inputs, boolean output) {
        this.inputs = inputs;
        this.output = output;
    }

    /**
     * Whether the node's input values are kept until its backward step.
     *
     * @return true when inputs are kept
     */
    public boolean inputs() {
        return inputs;
    }

    /**
     * Whether the node's output value is kept until its backward step.
     *
     * @return true when the output is kept
     */
    public boolean output() {
        return output;
    }
}
