package org.xai4j.models.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.GraphBuilder;
import org.xai4j.core.graph.node.AddNode;
import org.xai4j.core.graph.node.ConcatNode;
import org.xai4j.core.graph.node.MulNode;
import org.xai4j.core.graph.node.SubNode;

/**
 * Converts DL4J networks into explanation graphs: Convolution, DepthwiseConvolution2D and SeparableConvolution2D
 * (grouped convolutions; the separable one as {@code L/depthwise} followed by its pointwise 1×1 convolution),
 * Subsampling (max, average), BatchNormalization (inference form, including log-std parameters and locked γ/β),
 * Dense, Output and Loss layers, Activation, GlobalPooling (average), Dropout, ZeroPadding, Upsampling2D,
 * Deconvolution2D, ElementWiseVertex (add, subtract, product, average), MergeVertex and the CNN↔feed-forward input
 * preprocessors. Image values are N×C×H×W in the graph whatever the network's data format: a
 * channels-last (NHWC) network, such as one from Keras, takes N×C×H×W input here, and its flatten and axis
 * settings are translated.
 *
 * <p>Node names are DL4J's layer and vertex names; a layer {@code L} with an activation function is split
 * into {@code L/preactivation} and {@code L} (the logits of an output layer are {@code out/preactivation}).
 * The graph's output is what {@code output()} returns, or the output layer's pre-activation when
 * {@code logits} is true (for a Loss or CnnLoss layer, which has no parameters: the value it reads). The graph's
 * data type is the network's. Unsupported layers fail the conversion with one {@link UnsupportedModelException}
 * naming every one of them.
 */
public final class Dl4jImporter {
    /** A layer or vertex the graph cannot express. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private Dl4jImporter() {
    }

    /**
     * The graph of {@code net}, whose input has type {@code inputType} (e.g.
     * {@code InputType.convolutional(h, w, c)}; needed for Same-mode padding and shape checks).
     *
     * @param net the trained network (not modified; its parameters are copied into the graph)
     * @param inputType the type of one input row, e.g. {@code InputType.convolutional(28, 28, 1)}
     * @param logits return the output layer's pre-activation instead of its activation
     * @return a graph with one input {@code "input"} of the shape {@code inputType} gives (N×C×H×W for images,
     *     whatever the network's data format) and the network's data type
     * @throws InvalidConfigException if {@code net} or {@code inputType} is null
     * @throws UnsupportedModelException if a layer or preprocessor cannot be converted, naming every one of them
     */
    public static Graph fromMultiLayer(MultiLayerNetwork net, InputType inputType, boolean logits) {
        if (net == null || inputType == null) {
            throw new InvalidConfigException("fromMultiLayer needs a network and its input type");
        }
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        DataType type = net.params().dataType();
        GraphBuilder b = Graph.builder("dl4j-mln").input("input", shapeOf(inputType)).dataType(type);
        List<String> problems = new ArrayList<>();
        String current = "input";
        InputType currentType = inputType;
        String last = null;
        String lastInput = null;
        int n = net.getnLayers();
        for (int i = 0; i < n; i++) {
            Layer layer = conf.getConf(i).getLayer();
            String name = layer.getLayerName() != null ? layer.getLayerName() : "layer" + i;
            try {
                current = Dl4jLayers.preprocessor(conf.getInputPreProcess(i), name, current, b);
                if (conf.getInputPreProcess(i) != null) {
                    currentType = conf.getInputPreProcess(i).getOutputType(currentType);
                }
                lastInput = current;
                current = Dl4jLayers.layer(layer, name, net.getLayer(i).paramTable(), current, currentType, b);
                last = name;
            } catch (Unsupported e) {
                problems.add("layer '" + name + "' (" + layer.getClass().getSimpleName() + "): " + e.getMessage());
            }
            try {
                currentType = layer.getOutputType(i, currentType);
            } catch (RuntimeException e) {
                problems.add("layer '" + name + "': cannot infer its output type from " + currentType);
                break;
            }
        }
        fail(problems, "MultiLayerNetwork");
        return b.output(logits ? logitsOf(net.getLayer(n - 1).conf().getLayer(), last, lastInput) : current).build();
    }

    /**
     * The graph of {@code net} with a single input of type {@code inputType}; the first network output.
     *
     * @param net the trained network (not modified; its parameters are copied into the graph)
     * @param inputType the type of one input row, e.g. {@code InputType.convolutional(28, 28, 1)}
     * @param logits return the first output layer's pre-activation instead of its activation
     * @return a graph whose input has the network's input name and the shape {@code inputType} gives
     * @throws InvalidConfigException if {@code net} or {@code inputType} is null
     * @throws UnsupportedModelException if the network has several inputs, or a vertex or layer cannot be converted
     *     (naming every one of them)
     */
    public static Graph fromComputationGraph(ComputationGraph net, InputType inputType, boolean logits) {
        if (net == null || inputType == null) {
            throw new InvalidConfigException("fromComputationGraph needs a network and its input type");
        }
        ComputationGraphConfiguration conf = net.getConfiguration();
        if (conf.getNetworkInputs().size() != 1) {
            throw new UnsupportedModelException("ComputationGraph has " + conf.getNetworkInputs().size()
                    + " inputs " + conf.getNetworkInputs() + "; the explanation graph takes one");
        }
        String inputName = conf.getNetworkInputs().get(0);
        DataType type = net.params().dataType();
        GraphBuilder b = Graph.builder("dl4j-cg").input(inputName, shapeOf(inputType)).dataType(type);
        Map<String, InputType> outTypes = conf.getLayerActivationTypes(inputType);
        List<String> problems = new ArrayList<>();
        for (int idx : net.topologicalSortOrder()) {
            String name = net.getVertices()[idx].getVertexName();
            if (name.equals(inputName)) {
                continue;
            }
            GraphVertex v = conf.getVertices().get(name);
            List<String> ins = conf.getVertexInputs().get(name);
            try {
                vertex(net, name, v, ins, outTypes, inputName, inputType, b);
            } catch (Unsupported e) {
                problems.add("vertex '" + name + "' (" + v.getClass().getSimpleName() + "): " + e.getMessage());
            }
        }
        fail(problems, "ComputationGraph");
        String out = conf.getNetworkOutputs().get(0);
        if (logits) {
            GraphVertex v = conf.getVertices().get(out);
            if (v instanceof LayerVertex lv) {
                String in = lv.getPreProcessor() != null ? out + "/preprocessor"
                        : conf.getVertexInputs().get(out).get(0);
                out = logitsOf(lv.getLayerConf().getLayer(), out, in);
            }
        }
        return b.output(out).build();
    }

    private static void vertex(ComputationGraph net, String name, GraphVertex v, List<String> ins,
                               Map<String, InputType> outTypes, String inputName, InputType inputType, GraphBuilder b) {
        InputType inType = ins.size() == 1 ? (ins.get(0).equals(inputName) ? inputType : outTypes.get(ins.get(0))) : null;
        if (v instanceof LayerVertex lv) {
            if (ins.size() != 1) {
                throw new Unsupported("a layer with " + ins.size() + " inputs");
            }
            String current = ins.get(0);
            if (lv.getPreProcessor() != null) {
                current = Dl4jLayers.preprocessor(lv.getPreProcessor(), name, current, b);
                inType = lv.getPreProcessor().getOutputType(inType);
            }
            String out = Dl4jLayers.layer(lv.getLayerConf().getLayer(), name, net.getLayer(name).paramTable(), current,
                    inType, b);
            if (!out.equals(name)) {
                throw new IllegalStateException("layer '" + name + "' produced '" + out + "'");
            }
            return;
        }
        if (v instanceof PreprocessorVertex pv) {
            String out = Dl4jLayers.preprocessor(pv.getPreProcessor(), name, ins.get(0), b);
            b.node(new org.xai4j.core.graph.node.IdentityNode(name, out, name, "PreprocessorVertex"));
            return;
        }
        if (v instanceof MergeVertex m) {
            b.node(new ConcatNode(name, ins, name, Dl4jLayers.nchwAxis(
                    ins.get(0).equals(inputName) ? inputType : outTypes.get(ins.get(0)), m.getMergeAxis())));
            return;
        }
        if (v instanceof ElementWiseVertex e) {
            switch (e.getOp()) {
                case Add -> chain(name, ins, b, false);
                case Product -> chain(name, ins, b, true);
                case Subtract -> {
                    if (ins.size() != 2) {
                        throw new Unsupported("subtract of " + ins.size() + " inputs");
                    }
                    b.node(new SubNode(name, ins.get(0), ins.get(1), name));
                }
                case Average -> {
                    String sum = name + "/sum";
                    chain(sum, ins, b, false);
                    String k = name + "/1/n";
                    b.constant(k, Nd4j.scalar(1.0 / ins.size()));
                    b.node(new MulNode(name, sum, k, name));
                }
                default -> throw new Unsupported("element-wise " + e.getOp());
            }
            return;
        }
        throw new Unsupported("vertex type " + v.getClass().getSimpleName());
    }

    /** {@code ins[0] ∘ ins[1] ∘ …} as a chain of binary nodes; the last is called {@code name}. */
    private static void chain(String name, List<String> ins, GraphBuilder b, boolean product) {
        if (ins.size() < 2) {
            throw new Unsupported("an element-wise vertex with " + ins.size() + " input");
        }
        String acc = ins.get(0);
        for (int i = 1; i < ins.size(); i++) {
            String out = i == ins.size() - 1 ? name : name + "/" + i;
            b.node(product ? new MulNode(out, acc, ins.get(i), out) : new AddNode(out, acc, ins.get(i), out));
            acc = out;
        }
    }

    /**
     * The logits of output layer {@code name}: its pre-activation, or for a loss layer (an activation function and
     * a loss, no parameters) the value it reads, {@code input}.
     */
    private static String logitsOf(Layer layer, String name, String input) {
        if (layer instanceof LossLayer || layer instanceof CnnLossLayer) {
            return input;
        }
        if (layer instanceof org.deeplearning4j.nn.conf.layers.BaseLayer bl
                && !Dl4jActivations.isIdentity(bl.getActivationFn())) {
            return name + Dl4jLayers.PRE;
        }
        return name;
    }

    private static long[] shapeOf(InputType t) {
        if (t instanceof InputType.InputTypeConvolutional c) {
            return new long[] {-1, c.getChannels(), c.getHeight(), c.getWidth()};
        }
        if (t instanceof InputType.InputTypeFeedForward f) {
            return new long[] {-1, f.getSize()};
        }
        throw new UnsupportedModelException("input type " + t + " (convolutional and feed-forward inputs are supported)");
    }

    private static void fail(List<String> problems, String what) {
        if (!problems.isEmpty()) {
            throw new UnsupportedModelException(what + " cannot be converted: " + problems.size()
                    + " unsupported layer(s)\n  - " + String.join("\n  - ", problems));
        }
    }
}
