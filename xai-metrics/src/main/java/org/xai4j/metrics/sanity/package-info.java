/**
 * Sanity checks for explanation methods: the model parameter randomisation test (over any
 * {@link org.xai4j.metrics.sanity.RandomisableModel}) and the random-logit test.
 */
package org.xai4j.metrics.sanity;
