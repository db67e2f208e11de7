/**
 * The API every attribution method shares: {@link org.xai4j.attribution.AttributionMethod} (an explainer of ND4J
 * batches whose row i depends only on row i, with the bare computation wrappers build on),
 * {@link org.xai4j.attribution.AttributionMethods} (the methods' specs for the registry), and the
 * {@link org.xai4j.attribution.NoiseTunnel} wrapper (SmoothGrad, SmoothGrad², VarGrad), which composes with any
 * method. The methods are in sub-packages by how they work:
 *
 * <ul>
 *   <li>{@link org.xai4j.attribution.gradient}: gradients of the input and backward passes with modified rules
 *       (Saliency, gradient × input, Integrated Gradients, GradientSHAP, DeepLIFT, DeepLiftShap, guided
 *       backpropagation, deconvolution);</li>
 *   <li>{@link org.xai4j.attribution.layer}: attribution of a hidden layer (layer gradient × activation, layer
 *       Integrated Gradients);</li>
 *   <li>{@link org.xai4j.attribution.lrp}: layer-wise relevance propagation ({@link org.xai4j.attribution.lrp.Lrp}),
 *       its rules, and concept relevance propagation ({@link org.xai4j.attribution.lrp.Crp});</li>
 *   <li>{@link org.xai4j.attribution.rules}: the backward rules of DeepLIFT, guided backpropagation and
 *       deconvolution, and the tables that assign rules to node types.</li>
 * </ul>
 *
 * <p>Every method follows Captum's vocabulary and defaults (each config's Javadoc lists them). The gradient
 * methods talk to models only through {@link org.xai4j.core.model.ModelCalls}; the rule-based ones validate
 * through it and then call {@link org.xai4j.core.graph.Graph#propagate} with their composite.
 */
package org.xai4j.attribution;
