/** Small models with known answers, shared by the metric tests. */
package org.xai4j.metrics.testing;
