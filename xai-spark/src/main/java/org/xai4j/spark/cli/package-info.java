/** The {@code xai spark} command, found by the {@code xai} command when this module is on its class path. */
package org.xai4j.spark.cli;
