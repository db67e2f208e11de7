/**
 * Evaluation of explanations and of the models they explain: map similarity, faithfulness, localisation,
 * sanity checks, complexity, uncertainty and calibration. Every metric works per row of the first axis,
 * computes in double precision, never modifies its arguments and reports bad input through
 * {@link org.xai4j.core.XaiException} subtypes. See {@code docs/metrics.md}.
 */
package org.xai4j.metrics;
