/** ONNX Runtime as a black-box {@link org.xai4j.core.model.PredictionFunction}: fast forward passes for LIME, SHAP, occlusion. */
package org.xai4j.models.ort;
