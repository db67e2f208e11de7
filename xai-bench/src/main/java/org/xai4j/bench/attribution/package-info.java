/** JMH benchmarks of gradient attribution methods against the raw model passes they need. */
package org.xai4j.bench.attribution;
