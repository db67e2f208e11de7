package org.xai4j.core.graph;

import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;

/**
 * A change to what the backward pass carries at one node: when the pass reaches the node, the gradient (or
 * relevance) arriving at its output is replaced by {@code function} of it, before the node's rule runs. Concept
 * Relevance Propagation masks a layer's relevance to one channel this way, inside the one pass.
 *
 * <p>The function gets a copy (it may change it) and must return an array of the same shape, except that when the
 * pass's forward ran on a single row it may return K rows: the rest of the backward pass then carries K rows
 * against the single row of forward values (rules that {@link BackwardRule#broadcastsRows broadcast} read the one
 * row; for the others the engine repeats the forward values K times), and the input gradient has K rows.
 *
 * @param node        the name of the node at whose output the edit applies (a node name or its output value's)
 * @param function    the replacement of the arriving gradient or relevance; gets a copy, returns a new array
 * @param dropsBypass whether what the pass carries on paths that bypass the node is dropped at that point, so that
 *                    only what crosses the node reaches the nodes below it (zennit-crp's {@code exclude_parallel});
 *                    when false, it continues (broadcast to the edit's rows)
 */
public record BackwardEdit(String node, UnaryOperator<INDArray> function, boolean dropsBypass) {
    /**
     * Checks the arguments.
     *
     * @param node        the node's name
     * @param function    the replacement of the arriving gradient
     * @param dropsBypass whether paths bypassing the node are dropped
     * @throws InvalidConfigException if {@code node} or {@code function} is null
     */
    public BackwardEdit {
        if (node == null) {
            throw new InvalidConfigException("backward edit: node must be a node name but got null");
        }
        if (function == null) {
            throw new InvalidConfigException("backward edit: function must not be null (node '" + node + "')");
        }
    }

    /**
     * An edit that keeps the paths bypassing the node.
     *
     * @param node     the node's name
     * @param function the replacement of the arriving gradient or relevance
     * @return the edit
     * @throws InvalidConfigException if an argument is null
     */
    public static BackwardEdit of(String node, UnaryOperator<INDArray> function) {
        return new BackwardEdit(node, function, false);
    }
}
