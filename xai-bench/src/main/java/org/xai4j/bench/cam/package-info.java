/** JMH benchmarks of the CAM family against the raw model passes they are built on. */
package org.xai4j.bench.cam;
