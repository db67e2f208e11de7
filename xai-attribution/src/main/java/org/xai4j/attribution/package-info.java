/**
 * Gradient-based attribution: {@link org.xai4j.attribution.Saliency} (Simonyan et al. 2014),
 * {@link org.xai4j.attribution.InputXGradient} (Shrikumar et al. 2016),
 * {@link org.xai4j.attribution.IntegratedGradients} (Sundararajan et al. 2017),
 * {@link org.xai4j.attribution.GradientShap} (expected gradients; Lundberg &amp; Lee 2017, Erion et al. 2021),
 * the {@link org.xai4j.attribution.NoiseTunnel} wrapper (SmoothGrad, SmoothGrad², VarGrad) and the layer
 * variants {@link org.xai4j.attribution.LayerGradientXActivation} and
 * {@link org.xai4j.attribution.LayerIntegratedGradients}.
 *
 * <p>Rule-based methods on the explanation graph ({@link org.xai4j.core.graph.Graph}), each a composite of
 * per-node backward rules: {@link org.xai4j.attribution.DeepLift} (Shrikumar et al. 2017; Rescale, the Shapley
 * split at products, Captum's or exactly conserving max-pool and softmax rules, {@link
 * org.xai4j.attribution.rules.RuleVariant}), {@link org.xai4j.attribution.DeepLiftShap} (Lundberg &amp; Lee 2017),
 * {@link org.xai4j.attribution.GuidedBackprop} (Springenberg et al. 2015) and
 * {@link org.xai4j.attribution.Deconvolution} (Zeiler &amp; Fergus 2014), {@link org.xai4j.attribution.Lrp}
 * (layer-wise relevance propagation, Bach et al. 2015, with zennit's rules and composites from
 * {@link org.xai4j.attribution.lrp}) and {@link org.xai4j.attribution.Crp} (concept relevance propagation,
 * Achtibat et al. 2023: {@link org.xai4j.attribution.ConceptRelevance}, {@link org.xai4j.attribution.ChannelCondition},
 * {@link org.xai4j.attribution.ReferenceSampling}).
 *
 * The rules of DeepLIFT, DeepLiftShap, guided backpropagation and deconvolution, and the tables that assign
 * them to node types, are in {@link org.xai4j.attribution.rules}.
 *
 * <p>Every method follows Captum's vocabulary and defaults (each config's Javadoc lists them). The gradient
 * methods talk to models only through {@link org.xai4j.core.model.ModelCalls}; the rule-based ones validate
 * through it and then call {@link org.xai4j.core.graph.Graph#propagate} with their composite.
 */
package org.xai4j.attribution;
