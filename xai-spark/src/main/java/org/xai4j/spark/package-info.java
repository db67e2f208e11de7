/**
 * The library's explainers over an Apache Spark {@code Dataset<Row>}: {@link org.xai4j.spark.SparkExplainer}
 * ships the model once, builds its graph once per executor JVM and explains each partition in batches, with the
 * command line's method names and parameters.
 */
package org.xai4j.spark;
