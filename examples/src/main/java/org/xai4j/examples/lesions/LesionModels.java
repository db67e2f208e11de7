package org.xai4j.examples.lesions;

import java.util.Random;
import java.util.function.Consumer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The study's two DL4J models. The classifier is MobileNet-style (Howard et al. 2017, "MobileNets"): a 3×3 stem, then
 * depthwise-separable blocks (a depthwise 3×3 convolution and a pointwise 1×1 convolution, each with batch norm and
 * ReLU; one block as DL4J's SeparableConvolution2D), global average pooling and a dense layer into a loss layer with
 * class weights. The segmenter is a small U-Net (Ronneberger et al. 2015): two encoder levels, a bottleneck, two
 * decoder levels with skip connections, and a per-pixel softmax over background and lesion.
 */
public final class LesionModels {
    /** The classifier's last convolutional activation (8×8 for 32×32 input): Grad-CAM's layer. */
    public static final String CLASSIFIER_CAM_LAYER = "relu3";
    /** The classifier's logits (the loss layer's input). */
    public static final String CLASSIFIER_LOGITS = "logits";
    /** The segmenter's layers from input to output, for Grad-CAM at several depths. */
    public static final java.util.List<String> SEGMENTER_DEPTHS = java.util.List.of("enc1", "enc2", "mid", "dec2",
            "dec1");

    private LesionModels() {
    }

    /**
     * The classifier for {@code side}×{@code side} RGB images; the loss weighs class k by {@code classWeights[k]}.
     */
    public static MultiLayerNetwork classifier(int side, double[] classWeights, long seed, double learningRate) {
        INDArray weights = Nd4j.createFromArray(classWeights).castTo(DataType.FLOAT).reshape(1, classWeights.length);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU).updater(new Adam(learningRate)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("stem").nOut(16).padding(1, 1)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("stem_bn").build())
                .layer(relu("relu0"))
                .layer(new DepthwiseConvolution2D.Builder(3, 3).name("dw1").stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("dw1_bn").build())
                .layer(relu("dw1_relu"))
                .layer(pointwise("pw1", 24)).layer(new BatchNormalization.Builder().name("pw1_bn").build())
                .layer(relu("relu1"))
                .layer(new DepthwiseConvolution2D.Builder(3, 3).name("dw2").stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("dw2_bn").build())
                .layer(relu("dw2_relu"))
                .layer(pointwise("pw2", 32)).layer(new BatchNormalization.Builder().name("pw2_bn").build())
                .layer(relu("relu2"))
                .layer(new SeparableConvolution2D.Builder(3, 3).name("sep3").nOut(48).padding(1, 1)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("sep3_bn").build())
                .layer(relu(CLASSIFIER_CAM_LAYER))
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).name("gap").build())
                .layer(new DenseLayer.Builder().name(CLASSIFIER_LOGITS).nOut(classWeights.length)
                        .activation(Activation.IDENTITY).build())
                .layer(new LossLayer.Builder(new LossMCXENT(weights)).name("probabilities")
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(side, side, 3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The U-Net segmenter for {@code side}×{@code side} RGB images ({@code side} divisible by 4). */
    public static ComputationGraph segmenter(int side, long seed, double learningRate) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU).updater(new Adam(learningRate)).graphBuilder().addInputs("image")
                .addLayer("enc1a", conv(8), "image").addLayer("enc1", conv(8), "enc1a")
                .addLayer("pool1", pool(), "enc1")
                .addLayer("enc2a", conv(16), "pool1").addLayer("enc2", conv(16), "enc2a")
                .addLayer("pool2", pool(), "enc2")
                .addLayer("mid", conv(32), "pool2")
                .addLayer("up2", new Upsampling2D.Builder(2).build(), "mid")
                .addVertex("cat2", new MergeVertex(), "up2", "enc2")
                .addLayer("dec2", conv(16), "cat2")
                .addLayer("up1", new Upsampling2D.Builder(2).build(), "dec2")
                .addVertex("cat1", new MergeVertex(), "up1", "enc1")
                .addLayer("dec1", conv(8), "cat1")
                .addLayer("logits", new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.IDENTITY)
                        .build(), "dec1")
                // lesion pixels weigh 3: without, training stalled at "all background" (a lesion is ~15% of pixels)
                .addLayer("mask", new CnnLossLayer.Builder(new LossMCXENT(Nd4j.createFromArray(1f, 3f)
                        .reshape(1, 2))).activation(Activation.SOFTMAX).build(), "logits")
                .setOutputs("mask").setInputTypes(InputType.convolutional(side, side, 3)).build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /**
     * Class weights: the square root of scikit-learn's "balanced" weights {@code n / (K · count_k)}, so that a
     * class 58 times rarer than the majority (HAM10000's df against nv) weighs about 7.6 times more, not 58 times
     * (full inverse weights made training with batches of 32 swing between classes); a class with no images gets 0.
     */
    public static double[] classWeights(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int l : labels) {
            counts[l]++;
        }
        double[] w = new double[classes];
        for (int k = 0; k < classes; k++) {
            w[k] = counts[k] == 0 ? 0 : Math.sqrt(labels.length / (double) (classes * counts[k]));
        }
        return w;
    }

    /** One-hot rows (n × classes). */
    public static INDArray oneHot(int[] labels, int classes) {
        float[] v = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            v[i * classes + labels[i]] = 1;
        }
        return Nd4j.create(v, new long[] {labels.length, classes}, 'c');
    }

    /** Masks (n × H × W of 0/1) as per-pixel one-hot labels n × 2 × H × W (background, lesion). */
    public static INDArray maskLabels(INDArray masks) {
        long n = masks.size(0);
        long h = masks.size(1);
        long w = masks.size(2);
        float[] m = masks.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int plane = (int) (h * w);
        float[] v = new float[(int) (n * 2 * plane)];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < plane; p++) {
                boolean lesion = m[i * plane + p] > 0.5f;
                v[(i * 2 + (lesion ? 1 : 0)) * plane + p] = 1;
            }
        }
        return Nd4j.create(v, new long[] {n, 2, h, w}, 'c');
    }

    /** {@code epochs} passes over shuffled batches of 32 ({@code fit} is the network's fit). */
    public static void train(Consumer<DataSet> fit, INDArray x, INDArray y, int epochs, long seed) {
        // DataSet.shuffle permutes the arrays it wraps in place: shuffle copies, never the caller's arrays
        DataSet all = new DataSet(x.dup(), y.dup());
        Random rng = new Random(seed);
        for (int e = 0; e < epochs; e++) {
            all.shuffle(rng.nextLong());
            for (DataSet batch : all.batchBy(32)) {
                fit.accept(batch);
            }
        }
    }

    private static ActivationLayer relu(String name) {
        return new ActivationLayer.Builder().name(name).activation(Activation.RELU).build();
    }

    private static ConvolutionLayer pointwise(String name, int nOut) {
        return new ConvolutionLayer.Builder(1, 1).name(name).nOut(nOut).activation(Activation.IDENTITY).build();
    }

    private static ConvolutionLayer conv(int nOut) {
        return new ConvolutionLayer.Builder(3, 3).nOut(nOut).padding(1, 1).activation(Activation.RELU).build();
    }

    private static SubsamplingLayer pool() {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }
}
