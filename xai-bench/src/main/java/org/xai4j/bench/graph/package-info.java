/** JMH benchmarks of the explanation graph's forward and forward+input-gradient passes. */
package org.xai4j.bench.graph;
