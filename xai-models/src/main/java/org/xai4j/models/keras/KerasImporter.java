package org.xai4j.models.keras;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.KerasSequentialModel;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelUtils;
import org.xai4j.core.ModelFormatException;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.core.XaiException;
import org.xai4j.core.graph.Graph;
import org.xai4j.models.dl4j.Dl4jImporter;

/**
 * Reads a Keras model saved whole as HDF5 ({@code model.save("m.h5")}: architecture and weights in one file,
 * Keras 1 or 2) into an explanation graph. DL4J's Keras import builds the network (a {@code Sequential} model
 * becomes a {@code MultiLayerNetwork}, a functional one a {@code ComputationGraph}) and
 * {@link Dl4jImporter} turns it into the graph; the input size comes from the file's input layer.
 *
 * <p>Image models saved with {@code channels_last} data (Keras's default) take N×C×H×W rows here, like every
 * other model in the library: the graph computes in channels-first layout and translates the model's flatten
 * order and axis settings. A layer that either import cannot express fails with an
 * {@link UnsupportedModelException} naming it; the layers DL4J's import reads are listed in its documentation
 * (Dense, Conv1D/2D, separable and depthwise convolutions, pooling, BatchNormalization, Add/Concatenate, ...),
 * and the graph then takes those {@link Dl4jImporter} lists.
 */
public final class KerasImporter {
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private KerasImporter() {
    }

    /**
     * The graph of the Keras model in {@code file}; its output is the model's output (e.g. softmax).
     *
     * @param file a Keras HDF5 model file ({@code .h5}), saved with its architecture
     * @return the graph, ending at the model's output activation
     * @throws ModelFormatException if the file is not a Keras HDF5 model
     * @throws UnsupportedModelException if a layer cannot be imported, with the layer named
     */
    public static Graph read(Path file) {
        return read(file, false);
    }

    /**
     * The graph of the Keras model in {@code file}.
     *
     * @param file a Keras HDF5 model file ({@code .h5}), saved with its architecture
     * @param logits end the graph at the last layer's pre-activation (the scores before softmax)
     * @return the graph, with input N×C×H×W for image models
     * @throws ModelFormatException     if the file is not a Keras HDF5 model
     * @throws UnsupportedModelException if a layer cannot be imported, with the layer named
     */
    public static Graph read(Path file, boolean logits) {
        requireHdf5(file);
        try (KerasModelBuilder builder = new KerasModel().modelBuilder()
                .modelHdf5Filename(file.toString()).enforceTrainingConfig(false)) {
            String json = builder.getModelJson();
            if (json == null) {
                throw new ModelFormatException(file + " is an HDF5 file without a model configuration"
                        + " (written by model.save_weights?); save the whole model with model.save(\"m.h5\")");
            }
            Map<String, Object> config = KerasModelUtils.parseJsonString(json);
            if ("Sequential".equals(config.get("class_name"))) {
                KerasSequentialModel model = builder.buildSequential();
                return Dl4jImporter.fromMultiLayer(model.getMultiLayerNetwork(), inputType(model, file), logits);
            }
            KerasModel model = builder.buildModel();
            return Dl4jImporter.fromComputationGraph(model.getComputationGraph(), inputType(model, file), logits);
        } catch (XaiException e) {
            throw e;
        } catch (UnsupportedKerasConfigurationException e) {
            throw new UnsupportedModelException("Keras model " + file + ": " + e.getMessage());
        } catch (InvalidKerasConfigurationException | IOException | RuntimeException e) {
            throw new ModelFormatException("cannot read the Keras model " + file + ": " + e.getMessage(), e);
        }
    }

    private static InputType inputType(KerasModel model, Path file) {
        List<String> inputs = model.getInputLayerNames();
        if (inputs.size() != 1) {
            throw new UnsupportedModelException("Keras model " + file + " has " + inputs.size() + " inputs " + inputs
                    + "; the explanation graph takes one");
        }
        InputType t = model.getOutputTypes().get(inputs.get(0));
        if (t == null) {
            throw new ModelFormatException("Keras model " + file + " does not record the shape of its input '"
                    + inputs.get(0) + "'");
        }
        return t;
    }

    private static void requireHdf5(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException("Keras model file not found: " + file);
        }
        byte[] head = new byte[HDF5_SIGNATURE.length];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (n < head.length || !Arrays.equals(head, HDF5_SIGNATURE)) {
            throw new ModelFormatException(file + " is not an HDF5 file (it does not start with the HDF5"
                    + " signature); a Keras model is read from the .h5 file model.save(\"m.h5\") writes");
        }
    }
}
