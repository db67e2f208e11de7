package org.xai4j.models.dl4j;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.node.ClipNode;
import org.xai4j.core.graph.node.HardSigmoidNode;
import org.xai4j.core.graph.node.LeakyReluNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.graph.node.SigmoidNode;
import org.xai4j.core.graph.node.SiluNode;
import org.xai4j.core.graph.node.SoftmaxNode;
import org.xai4j.core.graph.node.TanhNode;

/** DL4J activation functions as graph nodes. */
final class Dl4jActivations {
    private Dl4jActivations() {
    }

    /** True for the identity (no node needed). */
    static boolean isIdentity(IActivation a) {
        return a == null || a instanceof ActivationIdentity;
    }

    /**
     * The node applying {@code a} to {@code input}; {@code softmaxAxis} is the axis a softmax normalises.
     *
     * @throws Dl4jImporter.Unsupported for activations the graph does not have
     */
    static Node node(IActivation a, String name, String input, String output, int softmaxAxis) {
        if (a instanceof ActivationReLU r) {
            boolean plain = r.getMax() == null && (r.getThreshold() == null || r.getThreshold() == 0)
                    && (r.getNegativeSlope() == null || r.getNegativeSlope() == 0);
            if (!plain) {
                throw new Dl4jImporter.Unsupported("ReLU with a maximum, threshold or negative slope (" + r + ")");
            }
            return new ReluNode(name, input, output);
        }
        if (a instanceof ActivationLReLU l) {
            return new LeakyReluNode(name, input, output, l.getAlpha());
        }
        if (a instanceof ActivationSigmoid) {
            return new SigmoidNode(name, input, output);
        }
        if (a instanceof ActivationTanH) {
            return new TanhNode(name, input, output);
        }
        if (a instanceof ActivationSoftmax) {
            return new SoftmaxNode(name, input, output, softmaxAxis, false);
        }
        if (a instanceof ActivationHardSigmoid) {
            return new HardSigmoidNode(name, input, output, 0.2, 0.5);
        }
        if (a instanceof ActivationHardTanH) {
            return new ClipNode(name, input, output, -1, 1);
        }
        if (a instanceof ActivationReLU6) {
            return new ClipNode(name, input, output, 0, 6);
        }
        if (a instanceof ActivationSwish) {
            return new SiluNode(name, input, output);
        }
        throw new Dl4jImporter.Unsupported("activation " + a);
    }
}
