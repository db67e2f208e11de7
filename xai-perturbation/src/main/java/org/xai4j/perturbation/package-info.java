/**
 * Perturbation-based explanations that need only forward passes of a
 * {@link org.xai4j.core.model.PredictionFunction}: occlusion and feature ablation
 * ({@link org.xai4j.perturbation.occlusion}), LIME ({@link org.xai4j.perturbation.lime}), exact, kernel,
 * sampled and partition Shapley values ({@link org.xai4j.perturbation.shapley}), over feature masks and
 * superpixels ({@link org.xai4j.perturbation.features}).
 *
 * <p>This package holds the plumbing they share: batched, checked model evaluation
 * ({@link org.xai4j.perturbation.ModelEvaluator}), composition of perturbed inputs from coalitions
 * ({@link org.xai4j.perturbation.MaskedInputs}). Progress, like the budget and the deadline, comes from
 * the calling thread's {@link org.xai4j.core.run.Limits}, as for every explainer family:
 * {@code Limits.defaults().withProgress(listener).call(() -> explainer.explain(x, target))}.
 */
package org.xai4j.perturbation;
