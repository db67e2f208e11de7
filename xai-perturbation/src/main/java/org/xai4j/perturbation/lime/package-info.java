/**
 * LIME (Ribeiro, Singh and Guestrin, "'Why Should I Trust You?': Explaining the Predictions of Any
 * Classifier", KDD 2016) with the conventions of the lime package: {@link org.xai4j.perturbation.lime.Lime}
 * for images (superpixels switched on and off) and {@link org.xai4j.perturbation.lime.LimeTabular} for
 * tables (quartile discretisation, categorical features). The local surrogate is a weighted ridge
 * (sklearn's {@code Ridge(alpha=1)}, lime's default) or lasso, fitted by
 * {@link org.xai4j.perturbation.lime.WeightedRidge} and {@link org.xai4j.perturbation.lime.WeightedLasso}.
 */
package org.xai4j.perturbation.lime;
