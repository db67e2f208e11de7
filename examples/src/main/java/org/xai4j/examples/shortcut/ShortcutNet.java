package org.xai4j.examples.shortcut;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.xai4j.attribution.lrp.SignalTakesAll;
import org.xai4j.attribution.rules.LrpTables;
import org.xai4j.attribution.rules.RuleTable;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.node.ResizeNode;

/**
 * The study's classifier, a small ResNet-style DL4J {@link ComputationGraph} for side × side RGB images: a
 * conv–BN–ReLU stem and 2×2 max pooling, a residual block at 16 channels (conv–BN–ReLU–conv–BN plus the identity,
 * then ReLU), a residual block at 32 channels with stride 2 (its skip a 1×1 stride-2 conv with BN), one
 * squeeze-and-excitation channel-attention block (Hu, Shen &amp; Sun, "Squeeze-and-Excitation Networks", CVPR 2018:
 * global average pool → dense 8 → ReLU → dense 32 → sigmoid → per-channel multiply; DL4J has no broadcasting
 * product, so the gate is reshaped to 32×1×1 and repeated over the positions by nearest up-sampling), global
 * average pooling and a dense softmax head.
 *
 * <p>LRP needs a rule for the attention product: {@link SignalTakesAll} (all relevance to the block's activation,
 * none to the gate; the repeat of the gate gets the plain gradient, which carries the gate's zero relevance).
 */
public final class ShortcutNet {
    /** The last residual block's output: Grad-CAM's layer, the SE block's signal, CRP's layer. */
    public static final String BLOCK_OUT = "b2_out";
    /** The SE block's channel weights (sigmoid output, N × 32). */
    public static final String GATE = "se_fc2";
    /** The SE product node. */
    public static final String SCALE = "se_scale";
    /** Channels of the last block (and of the SE gate). */
    public static final int CHANNELS = 32;

    private ShortcutNet() {
    }

    /** An untrained network for side × side × 3 inputs and {@code classes} classes. */
    public static ComputationGraph create(int side, int classes, long seed, double learningRate) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).weightInit(WeightInit.RELU).updater(new Adam(learningRate)).graphBuilder()
                .addInputs("input").setInputTypes(InputType.convolutional(side, side, 3));
        g.addLayer("stem", conv(3, 16, 1), "input").addLayer("stem_bn", bn(), "stem")
                .addLayer("stem_relu", relu(), "stem_bn")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
                        "stem_relu");
        block(g, "b1", "pool", 16, 1, false);
        block(g, "b2", "b1_out", CHANNELS, 2, true);
        int spatial = side / 4;
        g.addLayer("se_pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), BLOCK_OUT)
                .addLayer("se_fc1", new DenseLayer.Builder().nOut(CHANNELS / 4).activation(Activation.RELU).build(),
                        "se_pool")
                .addLayer(GATE, new DenseLayer.Builder().nOut(CHANNELS).activation(Activation.SIGMOID).build(), "se_fc1")
                .addVertex("se_gate", new PreprocessorVertex(new FeedForwardToCnnPreProcessor(1, 1, CHANNELS)), GATE)
                .addLayer("se_repeat", new Upsampling2D.Builder(spatial).build(), "se_gate")
                .addVertex(SCALE, new ElementWiseVertex(ElementWiseVertex.Op.Product), BLOCK_OUT, "se_repeat")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), SCALE)
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                        .activation(Activation.SOFTMAX).build(), "gap")
                .setOutputs("out");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    private static void block(ComputationGraphConfiguration.GraphBuilder g, String name, String in, int channels,
                              int stride, boolean project) {
        g.addLayer(name + "_conv1", conv(3, channels, stride), in).addLayer(name + "_bn1", bn(), name + "_conv1")
                .addLayer(name + "_relu1", relu(), name + "_bn1")
                .addLayer(name + "_conv2", conv(3, channels, 1), name + "_relu1")
                .addLayer(name + "_bn2", bn(), name + "_conv2");
        String skip = in;
        if (project) {
            g.addLayer(name + "_proj", conv(1, channels, stride), in).addLayer(name + "_proj_bn", bn(), name + "_proj");
            skip = name + "_proj_bn";
        }
        g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), name + "_bn2", skip)
                .addLayer(name + "_out", relu(), name + "_add");
    }

    private static ConvolutionLayer conv(int k, int nOut, int stride) {
        return new ConvolutionLayer.Builder(k, k).nOut(nOut).stride(stride, stride).padding(k / 2, k / 2)
                .activation(Activation.IDENTITY).build();
    }

    private static BatchNormalization bn() {
        return new BatchNormalization.Builder().build();
    }

    private static ActivationLayer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }

    /**
     * zennit's {@code EpsilonPlusFlat} (Conv → z⁺, dense → ε, the first layer → flat) with the attention product's
     * rule ({@link SignalTakesAll}) and the gate's repeat passed by its gradient.
     */
    public static RuleTable epsilonPlusFlat() {
        return withAttention(LrpTables.epsilonPlusFlat());
    }

    /**
     * zennit's {@code EpsilonGammaBox(low, high)} (Conv → γ = 0.25, dense → ε, the first Conv → z<sup>B</sup>) with
     * the attention product's rule.
     */
    public static RuleTable epsilonGammaBox(double low, double high) {
        return withAttention(LrpTables.epsilonGammaBox(low, high));
    }

    private static RuleTable withAttention(RuleTable t) {
        return t.withNode(SCALE, new SignalTakesAll(0)).with(ResizeNode.class, BackwardRule.gradient());
    }
}
