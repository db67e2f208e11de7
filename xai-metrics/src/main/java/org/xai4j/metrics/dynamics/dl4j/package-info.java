/**
 * Records a {@link org.xai4j.metrics.dynamics.TrainingHistory} while DL4J trains a
 * {@code MultiLayerNetwork} or {@code ComputationGraph}. The only part of {@code xai-metrics} that needs
 * {@code deeplearning4j-nn} (an optional dependency: a user who only loads saved arrays does not need it).
 */
package org.xai4j.metrics.dynamics.dl4j;
