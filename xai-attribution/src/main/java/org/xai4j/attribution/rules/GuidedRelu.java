package org.xai4j.attribution.rules;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.Retention;
import org.xai4j.core.util.NativeBuffers;

/**
 * Guided backpropagation's ReLU (Springenberg et al. 2015): only positive signals pass, and only where the
 * forward input was positive, g_in = max(g_out, 0) ⊙ [y &gt; 0].
 */
public final class GuidedRelu implements BackwardRule {
    /** The one instance (the rule is stateless). */
    public static final GuidedRelu INSTANCE = new GuidedRelu();

    private GuidedRelu() {
    }

    @Override
    public INDArray[] backward(BackwardContext c) {
        INDArray open = Transforms.step(c.output(), true);
        INDArray g = Transforms.relu(c.upstream(), true).muli(open);
        NativeBuffers.release(open);
        return new INDArray[] {g};
    }

    @Override
    public Retention retention(Node node) {
        return Retention.OUTPUT;
    }

    @Override
    public String describe() {
        return "guided-relu";
    }
}
