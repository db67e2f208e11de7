/**
 * Keras models saved as HDF5 files → explanation {@link org.xai4j.core.graph.Graph}, through DL4J's Keras model
 * import and {@link org.xai4j.models.dl4j.Dl4jImporter}. Entry point: {@link org.xai4j.models.keras.KerasImporter}.
 * Needs {@code org.deeplearning4j:deeplearning4j-modelimport} and {@code org.bytedeco:hdf5} (optional
 * dependencies of {@code xai-models}).
 */
package org.xai4j.models.keras;
