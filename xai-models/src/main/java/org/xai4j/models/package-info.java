/**
 * Ways to get a model for xai4j: ONNX files read into an explanation {@link org.xai4j.core.graph.Graph}
 * ({@link org.xai4j.models.onnx}), ONNX Runtime as a black-box {@link org.xai4j.core.model.PredictionFunction}
 * ({@link org.xai4j.models.ort}), and {@code .npy} array I/O ({@link org.xai4j.models.io}).
 */
package org.xai4j.models;
