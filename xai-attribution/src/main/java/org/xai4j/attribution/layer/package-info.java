/**
 * Attribution of a hidden layer's activations rather than of the input:
 * {@link org.xai4j.attribution.layer.LayerGradientXActivation} and
 * {@link org.xai4j.attribution.layer.LayerIntegratedGradients} (Captum's {@code LayerGradientXActivation} and
 * {@code LayerIntegratedGradients}), on a {@link org.xai4j.core.model.LayeredModel}, with their settings records.
 */
package org.xai4j.attribution.layer;
