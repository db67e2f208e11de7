/**
 * Backward rules and the tables that assign them to node types, for the rule-based methods
 * {@link org.xai4j.attribution.gradient.DeepLift}, {@link org.xai4j.attribution.gradient.DeepLiftShap},
 * {@link org.xai4j.attribution.gradient.GuidedBackprop} and {@link org.xai4j.attribution.gradient.Deconvolution}, in the manner
 * of zennit: a rule says how the backward pass crosses one node; a {@link org.xai4j.attribution.rules.RuleTable}
 * says which node type gets which rule; {@link org.xai4j.attribution.rules.RuleTables} holds each method's table.
 *
 * <ul>
 *   <li>DeepLIFT (Shrikumar, Greenside &amp; Kundaje, "Learning Important Features Through Propagating
 *       Activation Differences", ICML 2017): {@link org.xai4j.attribution.rules.Rescale},
 *       {@link org.xai4j.attribution.rules.ShapleyProduct}, {@link org.xai4j.attribution.rules.ShapleyQuotient},
 *       {@link org.xai4j.attribution.rules.DeepLiftMaxPool}, {@link org.xai4j.attribution.rules.DeepLiftSoftmax}
 *       ({@link org.xai4j.attribution.rules.RuleVariant}: Captum's rule or the exactly conserving one). DeepLiftShap
 *       (Lundberg &amp; Lee, "A Unified Approach to Interpreting Model Predictions", NeurIPS 2017) uses the same
 *       table.</li>
 *   <li>Guided backpropagation (Springenberg, Dosovitskiy, Brox &amp; Riedmiller, "Striving for Simplicity: The
 *       All Convolutional Net", ICLR 2015 workshop): {@link org.xai4j.attribution.rules.GuidedRelu}.</li>
 *   <li>Deconvolution (Zeiler &amp; Fergus, "Visualizing and Understanding Convolutional Networks", ECCV 2014):
 *       {@link org.xai4j.attribution.rules.DeconvolutionRelu}.</li>
 * </ul>
 * <p>LRP's composites ({@link org.xai4j.attribution.lrp.Lrp}, {@link org.xai4j.attribution.lrp.Crp}; Bach et al. 2015;
 * Montavon et al. 2019) are tables of the same type, zennit's five layer maps with their first-layer rows, in
 * {@link org.xai4j.attribution.rules.LrpTables}; their rules are in {@link org.xai4j.attribution.lrp}.
 */
package org.xai4j.attribution.rules;
