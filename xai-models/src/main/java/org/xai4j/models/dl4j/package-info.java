/**
 * DL4J networks ({@code MultiLayerNetwork}, {@code ComputationGraph}) → explanation
 * {@link org.xai4j.core.graph.Graph}, so that their input gradients are computed by the graph's exact
 * inference-mode backward (DL4J's own BatchNormalization backprop uses batch statistics). Entry point:
 * {@link org.xai4j.models.dl4j.Dl4jImporter}.
 */
package org.xai4j.models.dl4j;
