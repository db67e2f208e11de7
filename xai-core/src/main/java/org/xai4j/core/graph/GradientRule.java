package org.xai4j.core.graph;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The default rule: the node's exact vector–Jacobian product. */
final class GradientRule implements BackwardRule {
    static final GradientRule INSTANCE = new GradientRule();

    private GradientRule() {
    }

    @Override
    public INDArray[] backward(BackwardContext context) {
        return context.gradient();
    }

    @Override
    public Retention retention(Node node) {
        return node.retention();
    }

    /** A node that keeps no forward values computes its gradient from shapes and constants alone. */
    @Override
    public boolean broadcastsRows(Node node) {
        return node.retention() == Retention.NONE;
    }

    @Override
    public String describe() {
        return "gradient";
    }
}
