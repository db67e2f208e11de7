/**
 * Gradient-based attribution: {@link org.xai4j.attribution.Saliency} (Simonyan et al. 2014),
 * {@link org.xai4j.attribution.InputXGradient} (Shrikumar et al. 2016),
 * {@link org.xai4j.attribution.IntegratedGradients} (Sundararajan et al. 2017),
 * {@link org.xai4j.attribution.GradientShap} (expected gradients; Lundberg &amp; Lee 2017, Erion et al. 2021),
 * the {@link org.xai4j.attribution.NoiseTunnel} wrapper (SmoothGrad, SmoothGrad², VarGrad) and the layer
 * variants {@link org.xai4j.attribution.LayerGradientXActivation} and
 * {@link org.xai4j.attribution.LayerIntegratedGradients}.
 *
 * <p>Every method follows Captum's vocabulary and defaults (each config's Javadoc lists them) and talks to
 * models only through {@link org.xai4j.core.model.ModelCalls}. Methods that need per-node backward rules
 * (DeepLIFT, DeepLiftShap, guided backpropagation, deconvolution, LRP) belong here too but need the
 * explanation graph; they are not part of this package yet.
 */
package org.xai4j.attribution;
