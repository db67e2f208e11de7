/**
 * Faithfulness and robustness of attributions against the model they explain: deletion and insertion
 * curves, pixel flipping, ROAD with noisy linear imputation, infidelity, sensitivity-max, faithfulness
 * correlation and monotonicity. Every metric takes the model as a
 * {@link org.xai4j.core.model.PredictionFunction} with a {@link org.xai4j.core.target.Target}, batches
 * its model calls by a {@link org.xai4j.core.util.BatchPolicy} and draws random numbers from a seeded
 * {@link org.xai4j.core.util.Rng}.
 */
package org.xai4j.metrics.faithfulness;
