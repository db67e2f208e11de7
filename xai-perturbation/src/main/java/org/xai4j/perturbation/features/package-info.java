/**
 * Feature masks: which elements of an input row move together when a perturbation method switches a
 * feature off. {@link org.xai4j.perturbation.features.FeatureMask} is the shared type (Captum's
 * {@code feature_mask}, lime's {@code segments}); {@link org.xai4j.perturbation.features.Segmenter} makes
 * one per input row: a fixed mask, a regular grid of G×G cells, or superpixels computed with BoofCV
 * ({@link org.xai4j.perturbation.features.Superpixels}: SLIC, Felzenszwalb–Huttenlocher, mean-shift,
 * watershed).
 */
package org.xai4j.perturbation.features;
