package org.xai4j.examples.dynamics;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small ResNet-style network (He et al., "Deep Residual Learning for Image Recognition", CVPR 2016) standing in
 * for R4's ResNet-50: a 3×3 stem of 8 channels, 2×2 max pooling, a residual block (two 3×3 convolutions with batch
 * normalisation, the input added before the last ReLU), a 3×3 convolution to 16 channels, a second residual block,
 * pooling, a third residual block ({@value #CAM_LAYER}, 7×7 positions for 28×28 inputs, where Grad-CAM reads),
 * global average pooling and a softmax output. Narrow (8 and 16 channels) so that 16 epochs fit the 10-minute budget
 * of a 2-core machine: the wider 16/32 version took about 25 ms of CPU per training image.
 */
final class DynamicsNet {
    /** The last residual block's output. */
    static final String CAM_LAYER = "res3_relu";
    /** Adam's step size. */
    static final double LEARNING_RATE = 2e-3;

    private DynamicsNet() {
    }

    static ComputationGraph create(int side, int channels, int classes, long seed) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).weightInit(WeightInit.RELU).updater(new Adam(LEARNING_RATE)).graphBuilder()
                .addInputs("input").setInputTypes(InputType.convolutional(side, side, channels));
        String x = convBnRelu(g, "stem", 8, "input");
        g.addLayer("pool1", pool(), x);
        x = residual(g, "res1", 8, "pool1");
        x = convBnRelu(g, "widen", 16, x);
        x = residual(g, "res2", 16, x);
        g.addLayer("pool2", pool(), x);
        x = residual(g, "res3", 16, "pool2");
        g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                .activation(Activation.SOFTMAX).build(), "gap");
        g.setOutputs("out");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    private static String convBnRelu(ComputationGraphConfiguration.GraphBuilder g, String name, int width, String in) {
        g.addLayer(name, conv(width), in);
        g.addLayer(name + "_bn", new BatchNormalization.Builder().build(), name);
        g.addLayer(name + "_relu", relu(), name + "_bn");
        return name + "_relu";
    }

    /** conv–BN–ReLU–conv–BN, plus the input, then ReLU. */
    private static String residual(ComputationGraphConfiguration.GraphBuilder g, String name, int width, String in) {
        String a = convBnRelu(g, name + "_a", width, in);
        g.addLayer(name + "_b", conv(width), a);
        g.addLayer(name + "_b_bn", new BatchNormalization.Builder().build(), name + "_b");
        g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), name + "_b_bn", in);
        g.addLayer(name + "_relu", relu(), name + "_add");
        return name + "_relu";
    }

    private static ConvolutionLayer conv(int width) {
        return new ConvolutionLayer.Builder(3, 3).nOut(width).stride(1, 1).padding(1, 1)
                .activation(Activation.IDENTITY).build();
    }

    private static ActivationLayer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }

    private static SubsamplingLayer pool() {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }
}
