package org.xai4j.metrics.faithfulness;

/** The order in which features are perturbed; equal relevance is broken by the lower feature index first. */
public enum PerturbationOrder {
    /** Highest relevance first (MoRF). */
    MOST_RELEVANT_FIRST,
    /** Lowest relevance first (LeRF). */
    LEAST_RELEVANT_FIRST
}
