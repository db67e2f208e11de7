/**
 * Ways to get a model for xai4j: ONNX files ({@link org.xai4j.models.onnx}) and DL4J networks
 * ({@link org.xai4j.models.dl4j}) read into an explanation {@link org.xai4j.core.graph.Graph}; a SameDiff
 * graph as a differentiable model ({@link org.xai4j.models.samediff}); ONNX Runtime as a black-box
 * {@link org.xai4j.core.model.PredictionFunction} ({@link org.xai4j.models.ort}); {@code .npy} and image I/O
 * ({@link org.xai4j.models.io}). Any function over batches is {@code PredictionFunction.of(id, fn)} in core.
 */
package org.xai4j.models;
