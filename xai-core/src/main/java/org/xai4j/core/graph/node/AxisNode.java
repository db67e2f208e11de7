package org.xai4j.core.graph.node;

import java.util.List;
import org.xai4j.core.graph.Retention;

/**
 * A node that moves values along one axis (Concat joins inputs along it, Flatten makes rows of the axes before
 * it); its backward needs only the shapes, so it keeps no forward value.
 */
abstract class AxisNode extends AbstractNode {
    /** The axis as given, possibly negative (counting from the end). */
    final int axis;

    AxisNode(String name, List<String> inputs, String output, int axis) {
        super(name, inputs, output);
        this.axis = axis;
    }

    /**
     * The axis the node works along: Concat's joined axis, Flatten's first axis of the columns.
     *
     * @return the axis as given, possibly negative (counting from the end)
     */
    public final int axis() {
        return axis;
    }

    @Override
    public final Retention retention() {
        return Retention.NONE;
    }
}
