package org.xai4j.core.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * @param edits     changes to what the backward pass carries at named nodes ({@link BackwardEdit}), at most one per
 *                  node; the backward values the result reports for a layer are those arriving before its edit
 */
public record Propagation(Target target, Composite composite, INDArray reference, List<String> layers,
                          boolean inputGradient, List<BackwardEdit> edits) {
    /**
     * A propagation without backward edits.
     *
     * @param target which score of each row to propagate back from, or null for a forward pass only
     * @param composite the rule for each node; null for the plain gradient
     * @param reference a reference input, or null
     * @param layers the nodes whose values to return; null for none
     * @param inputGradient whether the backward pass must reach the input
     */
    public Propagation(Target target, Composite composite, INDArray reference, List<String> layers,
                       boolean inputGradient) {
        this(target, composite, reference, layers, inputGradient, List.of());
    }

    /**
     * A propagation that reaches the input.
     *
     * @param target which score of each row to propagate back from, or null for a forward pass only
     * @param composite the rule for each node; null for the plain gradient
     * @param reference a reference input, or null
     * @param layers the nodes whose values to return; null for none
     */
    public Propagation(Target target, Composite composite, INDArray reference, List<String> layers) {
        this(target, composite, reference, layers, true, List.of());
    }

    /**
     * Fills in the defaults and copies {@code layers}.
     *
     * @param target which score of each row to propagate back from, or null for a forward pass only
     * @param composite the rule for each node; null for the plain gradient
     * @param reference a reference input, or null
     * @param layers the nodes whose values to return; null for none
     * @param inputGradient whether the backward pass must reach the input
     * @param edits the backward edits; null for none
     * @throws InvalidConfigException if a reference or an edit is given without a target, an edit is null, or two
     *                                edits name the same node
     */
    public Propagation {
        if (composite == null) {
            composite = Composite.gradient();
        }
        layers = layers == null ? List.of() : List.copyOf(layers);
        if (reference != null && target == null) {
            throw new InvalidConfigException("a reference input is only used by a backward pass: give a target too");
        }
        List<BackwardEdit> checked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (BackwardEdit e : edits == null ? List.<BackwardEdit>of() : edits) {
            if (e == null) {
                throw new InvalidConfigException("edits: expected backward edits but one is null");
            }
            checked.add(e);
            if (!seen.add(e.node())) {
                throw new InvalidConfigException("edits: node '" + e.node() + "' has two backward edits; expected"
                        + " at most one per node");
            }
        }
        edits = List.copyOf(checked);
        if (!edits.isEmpty() && target == null) {
            throw new InvalidConfigException("a backward edit is only used by a backward pass: give a target too");
        }
    }

    /**
     * A new builder: no target (forward only), the plain gradient, no reference, no layers.
     *
     * @return a new builder
     */
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
        private final List<BackwardEdit> edits = new ArrayList<>();

        private Builder() {
        }

        /**
         * The target to propagate back from.
         *
         * @param target the resolved target; null (the default) for a forward pass only
         * @return this builder
         */
        public Builder target(Target target) {
            this.target = target;
            return this;
        }

        /**
         * The rule for each node.
         *
         * @param composite the composite; the plain gradient by default
         * @return this builder
         */
        public Builder composite(Composite composite) {
            this.composite = composite;
            return this;
        }

        /**
         * A reference input whose forward values the rules can read (DeepLIFT).
         *
         * @param reference the input's shape or one row; null (the default) for none
         * @return this builder
         */
        public Builder reference(INDArray reference) {
            this.reference = reference;
            return this;
        }

        /**
         * The nodes whose activations and backward values to return.
         *
         * @param layers node names; none by default
         * @return this builder
         */
        public Builder layers(List<String> layers) {
            this.layers = layers;
            return this;
        }

        /**
         * The nodes whose activations and backward values to return.
         *
         * @param layers node names; none by default
         * @return this builder
         */
        public Builder layers(String... layers) {
            this.layers = List.of(layers);
            return this;
        }

        /**
         * Whether the backward pass must reach the input (default {@code true}).
         *
         * @param inputGradient false to stop the backward pass once every requested layer has its value
         * @return this builder
         */
        public Builder inputGradient(boolean inputGradient) {
            this.inputGradient = inputGradient;
            return this;
        }

        /**
         * Adds a change to what the backward pass carries at a node ({@link BackwardEdit}).
         *
         * @param edit the edit; at most one per node
         * @return this builder
         */
        public Builder edit(BackwardEdit edit) {
            edits.add(edit);
            return this;
        }

        /**
         * The request.
         *
         * @return the propagation
         * @throws InvalidConfigException if a reference or an edit is given without a target, an edit is null, or two
         *                                edits name the same node
         */
        public Propagation build() {
            return new Propagation(target, composite, reference, layers, inputGradient, edits);
        }
    }
}
