package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.xai4j.attribution.rules.LrpTables;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.node.BatchNormNode;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Json;
import org.xai4j.models.dl4j.Dl4jImporter;
import org.xai4j.attribution.lrp.ConceptRelevance;
import org.xai4j.attribution.lrp.Crp;
import org.xai4j.attribution.lrp.CrpConfig;
import org.xai4j.attribution.lrp.Lrp;
import org.xai4j.attribution.lrp.LrpConfig;

/**
 * The zennit reference nets rebuilt in DL4J (a MultiLayerNetwork and a ComputationGraph with residual
 * {@code ElementWiseVertex} additions and unfolded batch norms) from the same parameters
 * ({@code <net>.params.npy}), imported with {@link Dl4jImporter}: every composite matches zennit 0.5.1 to 1e-4
 * relative, and CRP matches zennit-crp. The batch norms reach the graph unfolded, so {@code MergeBatchNorm} runs.
 */
class LrpDl4jTest {
    @SuppressWarnings("unchecked")
    static void load(String net, java.util.function.BiFunction<String, String, INDArray> param) {
        Map<String, Object> index = Json.readObject(new String(ZennitReference.bytes("index.json"), StandardCharsets.UTF_8));
        List<Object> params = (List<Object>) ((Map<String, Object>) ((Map<String, Object>) index.get("nets")).get(net))
                .get("params");
        INDArray flat = ZennitReference.array(net + ".params");
        for (Object o : params) {
            Map<String, Object> p = (Map<String, Object>) o;
            String name = (String) p.get("name");
            long[] shape = ((List<Object>) p.get("shape")).stream().mapToLong(v -> ((Number) v).longValue()).toArray();
            long offset = ((Number) p.get("offset")).longValue();
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            INDArray value = flat.get(NDArrayIndex.interval(offset, offset + n)).dup().reshape(shape);
            int dot = name.lastIndexOf('.');
            String layer = name.substring(0, dot);
            String key = switch (name.substring(dot + 1)) {
                case "running_mean" -> "mean";
                case "running_var" -> "var";
                default -> name.substring(dot + 1);
            };
            INDArray target = param.apply(layer, key);
            if (target == null) {
                throw new IllegalStateException("no DL4J parameter for " + name);
            }
            if (target.rank() == 2 && value.rank() == 2) {
                value = value.transpose(); // dense: DL4J's W is in × out
            }
            target.assign(value.reshape(target.shape()));
        }
    }

    /** DL4J's key for a torch parameter suffix of a conv/dense ({@code weight}/{@code bias}) or BN layer. */
    static String dl4jKey(boolean batchNorm, String key) {
        if (batchNorm) {
            return switch (key) {
                case "weight" -> "gamma";
                case "bias" -> "beta";
                default -> key;
            };
        }
        return key.equals("weight") ? "W" : "b";
    }

    static ConvolutionLayer conv(String name, int nOut, int k, int stride, int pad, boolean bias) {
        return new ConvolutionLayer.Builder(k, k).name(name).nOut(nOut).stride(stride, stride).padding(pad, pad)
                .convolutionMode(ConvolutionMode.Truncate).hasBias(bias).activation(Activation.IDENTITY).build();
    }

    static BatchNormalization bn(String name) {
        return new BatchNormalization.Builder().name(name).eps(1e-5).useLogStd(false).build();
    }

    static ActivationLayer relu(String name) {
        return new ActivationLayer.Builder().name(name).activation(Activation.RELU).build();
    }

    static Graph cbrm() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list()
                .layer(conv("conv1", 6, 3, 1, 1, true)).layer(bn("bn1")).layer(relu("relu1"))
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("pool1").kernelSize(2, 2).stride(2, 2).build())
                .layer(conv("conv2", 8, 3, 1, 1, true)).layer(bn("bn2")).layer(relu("relu2"))
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("pool2").kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().name("fc1").nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("fc2").nOut(5)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(12, 12, 3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        load("cbrm", (layer, key) -> {
            for (int i = 0; i < net.getnLayers(); i++) {
                if (layer.equals(net.getLayer(i).conf().getLayer().getLayerName())) {
                    boolean isBn = net.getLayer(i).conf().getLayer() instanceof BatchNormalization;
                    return net.getLayer(i).getParam(dl4jKey(isBn, key));
                }
            }
            return null;
        });
        return Dl4jImporter.fromMultiLayer(net, InputType.convolutional(12, 12, 3), true);
    }

    static String block(ComputationGraphConfiguration.GraphBuilder g, String p, int nOut, int stride, boolean down,
                        String in) {
        g.addLayer(p + ".conv1", conv(p + ".conv1", nOut, 3, stride, 1, false), in)
                .addLayer(p + ".bn1", bn(p + ".bn1"), p + ".conv1")
                .addLayer(p + ".relu1", relu(p + ".relu1"), p + ".bn1")
                .addLayer(p + ".conv2", conv(p + ".conv2", nOut, 3, 1, 1, false), p + ".relu1")
                .addLayer(p + ".bn2", bn(p + ".bn2"), p + ".conv2");
        String identity = in;
        if (down) {
            g.addLayer(p + ".down.0", conv(p + ".down.0", nOut, 1, stride, 0, false), in)
                    .addLayer(p + ".down.1", bn(p + ".down.1"), p + ".down.0");
            identity = p + ".down.1";
        }
        g.addVertex(p + ".add", new ElementWiseVertex(ElementWiseVertex.Op.Add), p + ".bn2", identity)
                .addLayer(p + ".relu2", relu(p + ".relu2"), p + ".add");
        return p + ".relu2";
    }

    static Graph resnet() {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .graphBuilder().addInputs("x")
                .addLayer("conv1", conv("conv1", 8, 3, 1, 1, false), "x")
                .addLayer("bn1", bn("bn1"), "conv1")
                .addLayer("relu1", relu("relu1"), "bn1");
        String b1 = block(g, "block1", 8, 1, false, "relu1");
        String b2 = block(g, "block2", 12, 2, true, b1);
        g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), b2)
                .addLayer("fc", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(5)
                        .activation(Activation.IDENTITY).build(), "gap")
                .setOutputs("fc").setInputTypes(InputType.convolutional(10, 10, 3));
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        load("resnet", (layer, key) -> {
            org.deeplearning4j.nn.api.Layer l = net.getLayer(layer);
            if (l == null) {
                return null;
            }
            return l.getParam(dl4jKey(l.conf().getLayer() instanceof BatchNormalization, key));
        });
        return Dl4jImporter.fromComputationGraph(net, InputType.convolutional(10, 10, 3), true);
    }

    static List<String> composites() {
        return LrpTables.NAMES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("composites")
    void dl4jNetsMatchZennit(String composite) {
        for (String net : new String[] {"cbrm", "resnet"}) {
            Graph g = net.equals("cbrm") ? cbrm() : resnet();
            assertThat(g.nodes()).anyMatch(n -> n instanceof BatchNormNode);
            INDArray x = ZennitReference.array(net + ".x");
            assertThat(ZennitReference.relativeError(g.predict(x), ZennitReference.array(net + ".logits")))
                    .as("forward of the DL4J " + net).isLessThan(1e-5);
            INDArray actual = new Lrp(g, LrpConfig.DEFAULTS.withComposite(composite).withBounds(ZennitReference.LOW,
                    ZennitReference.HIGH)).explain(x, Target.perRow(ZennitReference.TARGETS)).values();
            double err = ZennitReference.relativeError(actual, ZennitReference.array(net + "." + composite));
            System.out.printf("zennit agreement dl4j %s %s: %.3e%n", net, composite, err);
            assertThat(err).isLessThanOrEqualTo(1e-4);
        }
    }

    @Test
    void crpOnTheDl4jResidualNetMatchesZennitCrp() {
        ConceptRelevance r = new Crp(resnet(), CrpConfig.of("block1.conv2", List.of(0, 1, 5, 6)))
                .explain(ZennitReference.array("resnet.x"), Target.perRow(ZennitReference.TARGETS));
        double maps = ZennitReference.relativeError(r.conditional(), ZennitReference.array("resnet.crp"));
        double channels = ZennitReference.relativeError(r.channelRelevance(),
                ZennitReference.array("resnet.crp.channel-relevance"));
        System.out.printf("zennit-crp agreement dl4j resnet: maps %.3e, channel relevance %.3e%n", maps, channels);
        assertThat(maps).isLessThanOrEqualTo(1e-4);
        assertThat(channels).isLessThanOrEqualTo(1e-4);
    }
}
