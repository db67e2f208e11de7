/** Peak resident memory measurements (one workload per JVM). */
package org.xai4j.bench.memory;
