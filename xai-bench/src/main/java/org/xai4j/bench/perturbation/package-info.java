/** JMH benchmarks of perturbation methods against the same number of raw batched forward passes. */
package org.xai4j.bench.perturbation;
