package org.xai4j.core.graph;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How the backward pass crosses one node. The default, {@link #gradient()}, is the node's vector–Jacobian
 * product, so that a pass made only of default rules returns the exact gradient. Other rules redistribute
 * relevance instead: LRP (ε, γ, αβ, z⁺, flat, w², z<sup>B</sup>; Bach et al. 2015, Montavon et al. 2019),
 * DeepLIFT's rescale rule (Shrikumar et al. 2017, which reads {@link BackwardContext#referenceInput} and
 * {@link BackwardContext#referenceOutput}), guided backpropagation and deconvnet for ReLU (Springenberg et
 * al. 2015; Zeiler and Fergus 2014). A {@link Composite} assigns rules to nodes.
 *
 * <p>Rules must be stateless or immutable: one rule object serves every node it is assigned to, in every
 * call and thread.
 */
@FunctionalInterface
public interface BackwardRule extends org.xai4j.core.Describable {
    /**
     * What flows back to each of the node's inputs, given what arrived at its output
     * ({@link BackwardContext#upstream()}). Entry i has input i's shape, or is {@code null} where
     * {@link BackwardContext#needsGradient(int)} is false (it is ignored there anyway). The returned arrays
     * may be new or views of context arrays; they are never modified afterwards by the engine.
     *
     * @param context the node, its retained forward values and the upstream array
     * @return one array per input, in the order of the node's inputs
     */
    INDArray[] backward(BackwardContext context);

    /**
     * Which forward values this rule reads at {@code node}; the engine keeps those (for the reference pass
     * too) and frees the rest. Defaults to everything.
     *
     * @param node the node this rule is applied to
     * @return which of the node's inputs and output the engine keeps; {@link Retention#ALL} by default
     */
    default Retention retention(Node node) {
        return Retention.ALL;
    }

    /**
     * Whether this rule, at {@code node}, accepts an upstream array with more rows than the forward values it reads
     * (a pass whose forward ran on one row and whose backward carries K rows, after a {@link BackwardEdit}): it then
     * reads the single forward row for every upstream row (broadcasting), and returns arrays with the upstream's
     * row count. In such a context {@link BackwardContext#inputShape} and {@link BackwardContext#outputShape} give
     * the upstream's row count while {@link BackwardContext#input} and {@link BackwardContext#output} have one row.
     * Where this is false the engine repeats the forward values to the upstream's rows before calling the rule,
     * which is always correct and costs a copy. Defaults to false.
     *
     * @param node the node this rule is applied to
     * @return true if the rule broadcasts one forward row against many upstream rows at {@code node}
     */
    default boolean broadcastsRows(Node node) {
        return false;
    }

    /**
     * Why this rule cannot cross {@code node} of {@code graph}, for rules that serve only some nodes of a type
     * (an LRP rule serves a MatMul by a constant weight, not one of two activations). Methods check it when they
     * bind a rule table to a graph, so that such a node is refused before any pass. Defaults to none.
     *
     * @param node  a node of {@code graph} this rule is assigned to
     * @param graph the graph being explained
     * @return the reason, or empty if the rule can cross the node
     */
    default Optional<String> refusal(Node node, Graph graph) {
        return Optional.empty();
    }

    /** A short name for provenance and error messages. */
    default String describe() {
        return getClass().getSimpleName();
    }

    /**
     * The plain gradient: each node's own vector–Jacobian product, keeping only what the node needs.
     *
     * @return the plain-gradient rule
     */
    static BackwardRule gradient() {
        return GradientRule.INSTANCE;
    }
}
