/**
 * ONNX files → explanation {@link org.xai4j.core.graph.Graph}: the protobuf is read directly with
 * protobuf-java's {@code CodedInputStream} by the field numbers of {@code onnx.proto} (no generated code,
 * no SameDiff importer), initializers and Constant nodes become parameters, the shape arithmetic PyTorch
 * emits ({@code Shape → Gather → Unsqueeze → Concat → Reshape}) is folded away, and every remaining node
 * maps to a typed graph node. Entry point: {@link org.xai4j.models.onnx.OnnxImporter}.
 */
package org.xai4j.models.onnx;
