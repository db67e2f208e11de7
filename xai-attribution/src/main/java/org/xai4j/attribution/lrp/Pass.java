package org.xai4j.attribution.lrp;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.BackwardContext;

/**
 * The pass rule (zennit's {@code Pass}): an element-wise node (an activation, an unmerged batch norm) hands the
 * relevance of its output unchanged to its input, {@code R_in = R_out}. Conserves relevance.
 */
public final class Pass implements UpstreamOnly {
    /** The one instance (the rule has no settings). */
    public static final Pass INSTANCE = new Pass();

    private Pass() {
    }

    @Override
    public INDArray[] backward(BackwardContext context) {
        INDArray[] out = new INDArray[context.inputCount()];
        out[0] = context.upstream();
        return out;
    }

    @Override
    public String describe() {
        return "pass";
    }
}
