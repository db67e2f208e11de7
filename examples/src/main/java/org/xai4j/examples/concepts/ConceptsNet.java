package org.xai4j.examples.concepts;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * R2's network, scaled to 28×28 grey images: three blocks of 3×3 convolution, batch normalisation, ReLU and 2×2 max
 * pooling (16, 32 and 64 channels), dropout, a dense ReLU layer of 64 units, dropout and a softmax output. ICE reads
 * the last convolutional ReLU, {@value #LAST_RELU} (7×7 positions for 28×28 inputs).
 */
final class ConceptsNet {
    /** The last ReLU of the convolutional part, where the concepts are found. */
    static final String LAST_RELU = "relu3";
    /** Adam's step size. */
    static final double LEARNING_RATE = 2e-3;
    /** DL4J's dropout parameter is the probability of keeping a unit. */
    static final double KEEP = 0.75;

    private ConceptsNet() {
    }

    static MultiLayerNetwork create(int side, int channels, int classes, long seed) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU).updater(new Adam(LEARNING_RATE)).list();
        int[] widths = {16, 32, 64};
        for (int i = 0; i < widths.length; i++) {
            int n = i + 1;
            b.layer(new ConvolutionLayer.Builder(3, 3).name("conv" + n).nOut(widths[i]).stride(1, 1).padding(1, 1)
                    .activation(Activation.IDENTITY).build());
            b.layer(new BatchNormalization.Builder().name("bn" + n).build());
            b.layer(new ActivationLayer.Builder().name("relu" + n).activation(Activation.RELU).build());
            b.layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("pool" + n).kernelSize(2, 2).stride(2, 2).build());
        }
        MultiLayerConfiguration conf = b
                .layer(new DropoutLayer.Builder(KEEP).name("drop1").build())
                .layer(new DenseLayer.Builder().name("fc1").nOut(64).activation(Activation.RELU).build())
                .layer(new DropoutLayer.Builder(KEEP).name("drop2").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(classes)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(side, side, channels)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
