package org.xai4j.core.graph.node;

import java.util.List;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.graph.Node;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Name, inputs and output shared by every node type. */
public abstract class AbstractNode implements Node {
    private final String name;
    private final List<String> inputs;
    private final String output;

    /**
     * For subclasses: checks and keeps the names.
     *
     * @param name the node's name, not empty
     * @param inputs the names of the values it reads, in order; copied
     * @param output the name of the value it writes
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty, or there is no input
     */
    protected AbstractNode(String name, List<String> inputs, String output) {
        if (name == null || name.isEmpty()) {
            throw new InvalidConfigException("a node needs a non-empty name");
        }
        if (inputs == null || inputs.isEmpty() || inputs.stream().anyMatch(s -> s == null || s.isEmpty())) {
            throw new InvalidConfigException("node '" + name + "' needs named inputs but got " + inputs);
        }
        if (output == null || output.isEmpty()) {
            throw new InvalidConfigException("node '" + name + "' needs a named output");
        }
        this.name = name;
        this.inputs = List.copyOf(inputs);
        this.output = output;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> inputs() {
        return inputs;
    }

    @Override
    public final String output() {
        return output;
    }

    /**
     * Fails unless exactly {@code n} inputs were given.
     *
     * @param in the input values given to {@link #forward}
     * @param n the number of inputs the node takes
     */
    protected final void requireInputs(INDArray[] in, int n) {
        if (in.length != n) {
            throw new InvalidShapeException("node '" + name + "' (" + opType() + ") takes " + n + " input(s) but got "
                    + in.length);
        }
    }

    /**
     * Fails unless {@code x} has rank {@code rank}.
     *
     * @param x the value to check
     * @param rank the rank required
     * @param what what to call the value in the message
     */
    protected final void requireRank(INDArray x, int rank, String what) {
        if (x.rank() != rank) {
            throw new InvalidShapeException("node '" + name + "' (" + opType() + ") expects " + what + " of rank " + rank
                    + " but got shape " + java.util.Arrays.toString(x.shape()));
        }
    }

    @Override
    public String toString() {
        return opType() + "[" + name + ": " + String.join(", ", inputs) + " → " + output + "]";
    }
}
