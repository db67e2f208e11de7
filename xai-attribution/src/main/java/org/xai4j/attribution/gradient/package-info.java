/**
 * Gradient and backward-rule attribution of the input: {@link org.xai4j.attribution.gradient.Saliency}
 * (Simonyan et al. 2014), {@link org.xai4j.attribution.gradient.InputXGradient} (Shrikumar et al. 2016),
 * {@link org.xai4j.attribution.gradient.IntegratedGradients} (Sundararajan et al. 2017, with its
 * {@link org.xai4j.attribution.gradient.Quadrature} rules), {@link org.xai4j.attribution.gradient.GradientShap}
 * (expected gradients; Lundberg &amp; Lee 2017, Erion et al. 2021), and the methods that run one backward pass of
 * the explanation graph with modified rules: {@link org.xai4j.attribution.gradient.DeepLift} (Shrikumar et al.
 * 2017), {@link org.xai4j.attribution.gradient.DeepLiftShap} (Lundberg &amp; Lee 2017),
 * {@link org.xai4j.attribution.gradient.GuidedBackprop} (Springenberg et al. 2015) and
 * {@link org.xai4j.attribution.gradient.Deconvolution} (Zeiler &amp; Fergus 2014), whose rules are in
 * {@link org.xai4j.attribution.rules}. Each method has its settings record next to it ({@code SaliencyConfig},
 * ...), with Captum's defaults.
 */
package org.xai4j.attribution.gradient;
