/**
 * Shapley values of the features of a {@link org.xai4j.perturbation.features.FeatureMask}, for any
 * {@link org.xai4j.core.model.PredictionFunction}. The game is shap's: the value of a coalition S is the
 * target score of the input with the features outside S taken from a reference row, averaged over the
 * rows of a background set when one is given.
 *
 * <ul>
 *   <li>{@link org.xai4j.perturbation.shapley.ExactShapley}: every coalition (Shapley 1953), up to ~20 features;</li>
 *   <li>{@link org.xai4j.perturbation.shapley.KernelShap}: Lundberg and Lee, "A Unified Approach to Interpreting
 *       Model Predictions", NeurIPS 2017 — weighted least squares with the Shapley kernel and exact efficiency;</li>
 *   <li>{@link org.xai4j.perturbation.shapley.ShapleyValueSampling}: Castro, Gómez and Tejada 2009, permutation
 *       sampling (optionally antithetic);</li>
 *   <li>{@link org.xai4j.perturbation.shapley.PartitionShap}: Owen values (Owen 1977) over a binary hierarchy of
 *       image regions, shap's Partition explainer.</li>
 * </ul>
 * Every result is a {@link org.xai4j.perturbation.shapley.ShapleyExplanation}.
 */
package org.xai4j.perturbation.shapley;
