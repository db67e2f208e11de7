/**
 * What a classifier's output says about its own certainty: class probabilities with a top-k table,
 * predictive entropy per sample and per class, the confusion matrix, and calibration (ECE, MCE, Brier
 * score, reliability-diagram bins).
 */
package org.xai4j.metrics.uncertainty;
