/**
 * The explanation graph: an immutable, thread-safe graph of typed nodes (convolution, dense, batch norm,
 * activations, pooling, element-wise arithmetic, shape operations, resizing) that runs forward on libnd4j
 * native ops and backward as a vector–Jacobian product with respect to node inputs only, never weights.
 *
 * <p>{@link org.xai4j.core.graph.Graph} is the model; {@link org.xai4j.core.graph.BackwardRule} makes the
 * backward pass pluggable per node (plain gradient by default; LRP, DeepLIFT and guided backprop supply
 * their own rules), and a {@link org.xai4j.core.graph.Composite} assigns rules to nodes by name or type.
 * Node types live in {@link org.xai4j.core.graph.node}; importers (ONNX, DL4J) live in {@code xai-models}.
 */
package org.xai4j.core.graph;
