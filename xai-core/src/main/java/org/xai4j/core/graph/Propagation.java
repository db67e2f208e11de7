package org.xai4j.core.graph;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.target.Target;

/**
 * One request for {@link Graph#propagate}: a forward pass, then (when a target is given) a backward pass
 * from the target's seed through the composite's rules, returning the output, what reaches the input, and
 * the activations and backward values of the named layers.
 *
 * @param target    which score of each row to propagate back from; {@code null} for a forward pass only
 * @param composite the rule for each node (the plain gradient by default)
 * @param reference a reference input (same shape as the input, or one row for all) whose forward values
 *                  the rules can read (DeepLIFT); {@code null} for none. Not modified.
 * @param layers    the nodes whose activations (and backward values) to return
 * @param inputGradient whether the backward pass must reach the input; when {@code false} it stops as soon as
 *                  every requested layer has its backward value (Grad-CAM at a late layer then costs little
 *                  more than a forward pass), and the result's input gradient is {@code null}
 */
public record Propagation(Target target, Composite composite, INDArray reference, List<String> layers,
                          boolean inputGradient) {
    /** A propagation that reaches the input. */
    public Propagation(Target target, Composite composite, INDArray reference, List<String> layers) {
        this(target, composite, reference, layers, true);
    }

    public Propagation {
        if (composite == null) {
            composite = Composite.gradient();
        }
        layers = layers == null ? List.of() : List.copyOf(layers);
        if (reference != null && target == null) {
            throw new InvalidConfigException("a reference input is only used by a backward pass: give a target too");
        }
    }

    /** A new builder: no target (forward only), the plain gradient, no reference, no layers. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Propagation}. */
    public static final class Builder {
        private Target target;
        private Composite composite = Composite.gradient();
        private INDArray reference;
        private List<String> layers = List.of();
        private boolean inputGradient = true;

        private Builder() {
        }

        public Builder target(Target target) {
            this.target = target;
            return this;
        }

        public Builder composite(Composite composite) {
            this.composite = composite;
            return this;
        }

        public Builder reference(INDArray reference) {
            this.reference = reference;
            return this;
        }

        public Builder layers(List<String> layers) {
            this.layers = layers;
            return this;
        }

        public Builder layers(String... layers) {
            this.layers = List.of(layers);
            return this;
        }

        /** Whether the backward pass must reach the input (default {@code true}). */
        public Builder inputGradient(boolean inputGradient) {
            this.inputGradient = inputGradient;
            return this;
        }

        public Propagation build() {
            return new Propagation(target, composite, reference, layers, inputGradient);
        }
    }
}
