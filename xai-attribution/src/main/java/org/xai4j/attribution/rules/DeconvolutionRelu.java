package org.xai4j.attribution.rules;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.Retention;

/**
 * Deconvolution's ReLU (deconvnet; Zeiler &amp; Fergus 2014): the ReLU is applied to the backward signal
 * instead of being differentiated, g_in = max(g_out, 0), whatever the forward input.
 */
public final class DeconvolutionRelu implements BackwardRule {
    /** The one instance (the rule is stateless). */
    public static final DeconvolutionRelu INSTANCE = new DeconvolutionRelu();

    private DeconvolutionRelu() {
    }

    @Override
    public INDArray[] backward(BackwardContext c) {
        return new INDArray[] {Transforms.relu(c.upstream(), true)};
    }

    @Override
    public Retention retention(Node node) {
        return Retention.NONE;
    }

    @Override
    public String describe() {
        return "deconvolution-relu";
    }
}
