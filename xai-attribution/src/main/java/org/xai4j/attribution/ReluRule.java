package org.xai4j.attribution;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.Retention;
import org.xai4j.core.graph.node.ReluNode;

/**
 * The modified ReLU backward passes of guided backpropagation and deconvolution, applied at every
 * {@link ReluNode} (as Captum does at every {@code nn.ReLU}); every other node passes its plain gradient.
 */
enum ReluRule implements BackwardRule {
    /** Guided backpropagation: max(g, 0) where the forward input was positive, else 0. */
    GUIDED {
        @Override
        public INDArray[] backward(BackwardContext c) {
            return new INDArray[] {Transforms.relu(c.upstream(), true).muli(Transforms.step(c.output(), true))};
        }

        @Override
        public Retention retention(Node node) {
            return Retention.OUTPUT;
        }
    },
    /** Deconvolution (deconvnet): max(g, 0), whatever the forward input. */
    DECONVOLUTION {
        @Override
        public INDArray[] backward(BackwardContext c) {
            return new INDArray[] {Transforms.relu(c.upstream(), true)};
        }

        @Override
        public Retention retention(Node node) {
            return Retention.NONE;
        }
    };

    /** This rule at every ReLU node, the plain gradient elsewhere. */
    Composite composite() {
        return Composite.builder().byType(ReluNode.class, this).build();
    }

    @Override
    public String describe() {
        return name().toLowerCase(java.util.Locale.ROOT) + "-relu";
    }
}
