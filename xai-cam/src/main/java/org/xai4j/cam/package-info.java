/**
 * The Grad-CAM family over a {@link org.xai4j.core.model.LayeredModel}: class activation maps built from
 * the activations of named layers, each method being one way of weighting those activations
 * (pytorch-grad-cam's design). {@link org.xai4j.cam.AbstractCam} runs the shared pipeline — validation,
 * the model pass, ReLU, per-image min–max normalisation, bilinear resizing, multi-layer aggregation,
 * eigen- and augmentation-smoothing — and every method class supplies only its weighting.
 *
 * <p>Methods: {@link org.xai4j.cam.GradCam}, {@link org.xai4j.cam.GradCamPlusPlus},
 * {@link org.xai4j.cam.XGradCam}, {@link org.xai4j.cam.HiResCam}, {@link org.xai4j.cam.LayerCam},
 * {@link org.xai4j.cam.ScoreCam}, {@link org.xai4j.cam.AblationCam}, {@link org.xai4j.cam.EigenCam},
 * {@link org.xai4j.cam.EigenGradCam}. Results are {@link org.xai4j.cam.CamMap}s.
 *
 * <p>{@link org.xai4j.cam.GuidedGradCam} (Selvaraju et al. 2017, Captum's convention) multiplies guided
 * backpropagation from {@code xai-attribution} by a layer's Grad-CAM resized to the input; its result is an
 * input-shaped {@link org.xai4j.core.Attribution}.
 */
package org.xai4j.cam;
