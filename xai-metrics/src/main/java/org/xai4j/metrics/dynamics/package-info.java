/**
 * Training dynamics: how a classifier's predictions on a fixed evaluation set change from epoch to epoch.
 * {@link org.xai4j.metrics.dynamics.PredictionRecorder} records them (from any training loop, or through
 * the DL4J listener in {@code org.xai4j.metrics.dynamics.dl4j}); a
 * {@link org.xai4j.metrics.dynamics.TrainingHistory} holds them and is saved as {@code .npy} plus a JSON
 * of curves, so that histories recorded in PyTorch load the same way;
 * {@link org.xai4j.metrics.dynamics.TrainingDynamics} summarises a history: per-instance change
 * frequency, variability, misclassification rate and the epoch from which an instance stays correct
 * (Pühringer et al., "InstanceFlow", IEEE VIS 2020), forgetting events (Toneva et al., ICLR 2019),
 * per-epoch and per-class accuracy, confusion matrices per epoch and the flows of instances between the
 * classes of consecutive epochs. See {@code docs/dynamics.md}.
 */
package org.xai4j.metrics.dynamics;
