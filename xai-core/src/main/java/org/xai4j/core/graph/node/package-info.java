/**
 * The node types of the explanation graph, one per file: convolution ({@link org.xai4j.core.graph.node.ConvNode},
 * {@link org.xai4j.core.graph.node.ConvTransposeNode}), dense ({@link org.xai4j.core.graph.node.GemmNode},
 * {@link org.xai4j.core.graph.node.MatMulNode}), inference batch norm, activations, pooling, broadcasting
 * arithmetic, concatenation, shape operations, padding and resizing. Each runs forward on libnd4j native
 * ops (NCHW) and backward as the vector–Jacobian product with respect to its inputs.
 */
package org.xai4j.core.graph.node;
