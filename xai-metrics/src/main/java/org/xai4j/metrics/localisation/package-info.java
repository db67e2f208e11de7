/**
 * Localisation of attribution maps against ground-truth masks: pointing game, relevance mass accuracy,
 * relevance rank accuracy, top-k intersection and the ROC AUC of the map as a detector of the mask.
 */
package org.xai4j.metrics.localisation;
