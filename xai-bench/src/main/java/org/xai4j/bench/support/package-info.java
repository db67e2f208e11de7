/** What the benchmarks share: the benchmark models and inputs, and the replay of an explainer's raw model calls. */
package org.xai4j.bench.support;
