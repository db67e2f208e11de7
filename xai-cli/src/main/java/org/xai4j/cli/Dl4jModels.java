package org.xai4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.xai4j.core.ModelFormatException;
import org.xai4j.core.graph.Graph;
import org.xai4j.models.dl4j.Dl4jImporter;

/**
 * DL4J model files (written by {@code ModelSerializer}): a {@code MultiLayerNetwork} or a
 * {@code ComputationGraph}, converted to the explanation graph with the output layer's pre-activation
 * (logits) as the model output, as an ONNX export of a PyTorch classifier would give.
 */
final class Dl4jModels {
    private Dl4jModels() {
    }

    /** A failure's message, or what it means when the DL4J reader gave none. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank() && !t.getMessage().startsWith("java.")) {
                return t.getMessage();
            }
        }
        return e instanceof java.util.zip.ZipException || e.getCause() instanceof java.util.zip.ZipException
                ? "not a zip file" : "the file does not hold a DL4J configuration and parameters";
    }

    static Graph read(Path file, long[] rowShape) {
        InputType type = switch (rowShape.length) {
            case 1 -> InputType.feedForward(rowShape[0]);
            case 3 -> InputType.convolutional(rowShape[1], rowShape[2], rowShape[0]);
            default -> throw new UsageException("DL4J models take rows of shape D or C×H×W but the input rows have "
                    + rowShape.length + " axes");
        };
        MultiLayerNetwork mln = null;
        IOException mlnError = null;
        try {
            mln = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            mlnError = e instanceof IOException io ? io : new IOException(e);
        }
        if (mln != null) {
            return Dl4jImporter.fromMultiLayer(mln, type, true);
        }
        try {
            ComputationGraph cg = ModelSerializer.restoreComputationGraph(file.toFile(), false);
            return Dl4jImporter.fromComputationGraph(cg, type, true);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException("cannot read " + file + " as a DL4J model: it is neither a"
                    + " MultiLayerNetwork (" + reason(mlnError) + ") nor a ComputationGraph (" + reason(e)
                    + "); DL4J model files are the .zip files ModelSerializer writes", e);
        }
    }
}
