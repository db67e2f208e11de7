package org.xai4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
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

    /**
     * The DL4J file as an explanation graph. {@code rowShape} sizes the input (DL4J does not record it); for a row of
     * C×H×W, C is the first layer's declared input count where it declares one (an image read to size the network
     * has three channels whatever the network takes; the network's own count is the truth, and an input of other
     * channels is then refused by the first convolution with both shapes).
     */
    static Graph read(Path file, long[] rowShape) {
        if (rowShape.length != 1 && rowShape.length != 3) {
            throw new UsageException("DL4J models take rows of shape D or C×H×W but the input rows have "
                    + rowShape.length + " axes");
        }
        MultiLayerNetwork mln = null;
        IOException mlnError = null;
        try {
            mln = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            mlnError = e instanceof IOException io ? io : new IOException(e);
        }
        if (mln != null) {
            MultiLayerConfiguration conf = mln.getLayerWiseConfigurations();
            long channels = conf.getInputPreProcess(0) == null ? declaredChannels(conf.getConf(0).getLayer()) : 0;
            return Dl4jImporter.fromMultiLayer(mln, type(rowShape, channels), true);
        }
        ComputationGraph cg;
        try {
            cg = ModelSerializer.restoreComputationGraph(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException("cannot read " + file + " as a DL4J model: it is neither a"
                    + " MultiLayerNetwork (" + reason(mlnError) + ") nor a ComputationGraph (" + reason(e)
                    + "); DL4J model files are the .zip files ModelSerializer writes", e);
        }
        return Dl4jImporter.fromComputationGraph(cg, type(rowShape, firstLayerInputs(cg)), true);
    }

    private static InputType type(long[] rowShape, long declared) {
        if (rowShape.length == 1) {
            return InputType.feedForward(rowShape[0]);
        }
        return InputType.convolutional(rowShape[1], rowShape[2], declared > 0 ? declared : rowShape[0]);
    }

    /**
     * The input channels a layer that reads images as they come declares: a convolution's or batch norm's
     * {@code nIn}; 0 for any other layer (a dense layer's {@code nIn} counts C·H·W values, not channels).
     */
    private static long declaredChannels(Layer layer) {
        return layer instanceof ConvolutionLayer || layer instanceof BatchNormalization
                ? ((FeedForwardLayer) layer).getNIn() : 0;
    }

    /** The declared channels of the one layer that reads the graph's first input as it comes, or 0. */
    private static long firstLayerInputs(ComputationGraph cg) {
        ComputationGraphConfiguration conf = cg.getConfiguration();
        if (conf.getNetworkInputs().isEmpty()) {
            return 0;
        }
        String input = conf.getNetworkInputs().get(0);
        long found = 0;
        for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
            if (e.getValue().contains(input)) {
                if (found != 0 || !(conf.getVertices().get(e.getKey()) instanceof LayerVertex v)
                        || v.getPreProcessor() != null) {
                    return 0; // several readers, a non-layer vertex or a reshaped input: nothing to go by
                }
                found = declaredChannels(v.getLayerConf().getLayer());
                if (found == 0) {
                    return 0;
                }
            }
        }
        return found;
    }
}
