package org.xai4j.models.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;

/**
 * DL4J networks with batch norm and a residual add: the graph's forward equals DL4J's {@code output()}
 * (inference mode), and its input gradients equal central finite differences of {@code output()} in
 * double precision — the check DL4J's own backprop fails, since its batch norm uses batch statistics.
 */
class Dl4jImporterTest {
    private static final InputType IN = InputType.convolutional(10, 10, 3);

    /** Running statistics and γ/β away from their initial values, as after training. */
    private static void trainedBatchNorm(java.util.Map<String, INDArray> params, long seed) {
        Rng r = Rng.seeded(seed);
        for (var e : params.entrySet()) {
            String k = e.getKey();
            INDArray p = e.getValue();
            if (k.endsWith("_mean") || k.equals("mean")) {
                p.assign(r.uniform(p.dataType(), -0.5, 0.5, p.shape()));
            } else if (k.endsWith("log10stdev")) {
                p.assign(r.uniform(p.dataType(), -0.3, 0.3, p.shape()));
            } else if (k.endsWith("gamma")) {
                p.assign(r.uniform(p.dataType(), 0.5, 1.5, p.shape()));
            } else if (k.endsWith("beta")) {
                p.assign(r.uniform(p.dataType(), -0.3, 0.3, p.shape()));
            }
        }
    }

    static MultiLayerNetwork mln() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.DOUBLE).list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv1").nOut(6).padding(1, 1).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().name("bn1").activation(Activation.IDENTITY).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("pool1").kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv2").nOut(8).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.TANH).build())
                .layer(new BatchNormalization.Builder().name("bn2").activation(Activation.LEAKYRELU).build())
                .layer(new ZeroPaddingLayer.Builder(1, 0, 0, 1).name("pad").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).name("pool2").kernelSize(2, 2).stride(1, 1).build())
                .layer(new DenseLayer.Builder().name("fc").nOut(12).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(5)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(IN).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        trainedBatchNorm(net.paramTable(), 1);
        return net;
    }

    static ComputationGraph cg() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(43).dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("image")
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(4).padding(1, 1).activation(Activation.IDENTITY).build(), "image")
                .addLayer("bn", new BatchNormalization.Builder().activation(Activation.IDENTITY).build(), "c1")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn")
                .addLayer("c2", new ConvolutionLayer.Builder(3, 3).nOut(4).padding(1, 1).activation(Activation.IDENTITY).build(), "relu")
                .addVertex("residual", new ElementWiseVertex(ElementWiseVertex.Op.Add), "relu", "c2")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), "residual")
                .addLayer("up", new Deconvolution2D.Builder(2, 2).stride(2, 2).nOut(3).activation(Activation.SIGMOID).build(), "pool")
                .addLayer("nearest", new Upsampling2D.Builder(1).build(), "up")
                .addVertex("merge", new MergeVertex(), "nearest", "relu")
                .addVertex("gate", new ElementWiseVertex(ElementWiseVertex.Op.Product), "merge", "merge")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "gate")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "gap")
                .setOutputs("out").setInputTypes(IN).build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        trainedBatchNorm(net.paramTable(), 2);
        return net;
    }

    private static INDArray input() {
        return Rng.seeded(5).gaussian(DataType.DOUBLE, 1.0, 3, 3, 10, 10);
    }

    private static double rel(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue() / b.amaxNumber().doubleValue();
    }

    /** Max-norm relative error of {@code grad} against central differences of Σ_rows target scores of {@code f}. */
    private static double fdError(UnaryOperator<INDArray> f, INDArray x, Target t, INDArray grad) {
        INDArray p = x.dup();
        INDArray flat = p.reshape(p.length());
        int[] coords = Rng.seeded(9).permutation((int) p.length());
        double eps = 1e-6;
        double maxDiff = 0;
        double maxRef = 0;
        INDArray g = grad.reshape(grad.length());
        for (int k = 0; k < 60; k++) {
            int j = coords[k];
            double v = flat.getDouble(j);
            flat.putScalar(j, v + eps);
            double plus = t.scores(f.apply(p)).sumNumber().doubleValue();
            flat.putScalar(j, v - eps);
            double minus = t.scores(f.apply(p)).sumNumber().doubleValue();
            flat.putScalar(j, v);
            double numeric = (plus - minus) / (2 * eps);
            maxDiff = Math.max(maxDiff, Math.abs(numeric - g.getDouble(j)));
            maxRef = Math.max(maxRef, Math.abs(numeric));
        }
        return maxDiff / maxRef;
    }

    @Test
    void multiLayerNetworkForwardAndGradients() {
        MultiLayerNetwork net = mln();
        Graph g = Dl4jImporter.fromMultiLayer(net, IN, false);
        INDArray x = input();
        assertThat(g.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(g.layerNames()).contains("conv1/preactivation", "conv1", "bn1", "pool1", "bn2",
                "fc/preprocessor", "out/preactivation", "out").doesNotContain("bn2/preactivation");
        java.util.List<INDArray> acts = net.feedForward(x, false);
        String[] names = {"conv1", "bn1", "pool1", "conv2", "bn2", "pad", "pool2", "fc", "out"};
        var pass = g.forward(x, java.util.List.of(names));
        for (int i = 0; i < names.length; i++) {
            assertThat(rel(pass.activation(names[i]), acts.get(i + 1))).as("activation of %s", names[i]).isLessThan(1e-12);
        }
        assertThat(rel(g.predict(x), net.output(x, false))).as("forward vs output()").isLessThan(1e-12);
        Target t = Target.perRow(0, 3, 4);
        Gradients gr = g.gradients(x, t);
        assertThat(fdError(in -> net.output(in, false), x, t, gr.inputGradient()))
                .as("input gradient vs finite differences of output()").isLessThan(1e-6);
        Graph logits = Dl4jImporter.fromMultiLayer(net, IN, true);
        INDArray z = logits.predict(x);
        assertThat(rel(Transforms.softmax(z, true), net.output(x, false))).isLessThan(1e-12);
        assertThat(logits.outputName()).isEqualTo("out/preactivation");
    }

    @Test
    void computationGraphWithResidualMergeAndDeconvolution() {
        ComputationGraph net = cg();
        Graph g = Dl4jImporter.fromComputationGraph(net, IN, false);
        INDArray x = input();
        assertThat(rel(g.predict(x), net.outputSingle(false, x))).as("forward vs output()").isLessThan(1e-12);
        Target t = Target.perRow(1, 2, 3);
        Gradients gr = g.gradients(x, t);
        assertThat(fdError(in -> net.outputSingle(false, in), x, t, gr.inputGradient()))
                .as("input gradient vs finite differences of output()").isLessThan(1e-6);
        assertThat(g.layerNames()).contains("residual", "merge", "gate", "up/preactivation", "up", "gap");
    }

    /** A MobileNet-style stack: depthwise (multiplier 2, Same mode, stride 2) and separable convolutions, a loss layer. */
    static MultiLayerNetwork separableNet() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(44).dataType(DataType.DOUBLE).list()
                .layer(new DepthwiseConvolution2D.Builder(3, 3).name("dw").depthMultiplier(2).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.TANH).build())
                .layer(new BatchNormalization.Builder().name("bn").build())
                .layer(new SeparableConvolution2D.Builder(3, 3).name("sep").depthMultiplier(2).nOut(5).padding(1, 1)
                        .activation(Activation.RELU).build())
                .layer(new SeparableConvolution2D.Builder(2, 2).name("sep2").nOut(4).dilation(2, 2)
                        .activation(Activation.IDENTITY).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).name("gap").build())
                .layer(new DenseLayer.Builder().name("fc").nOut(3).activation(Activation.IDENTITY).build())
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).name("loss")
                        .activation(Activation.SOFTMAX).build())
                .setInputType(IN).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        trainedBatchNorm(net.paramTable(), 3);
        // non-zero biases, so that a bias on the wrong channel shows
        Rng r = Rng.seeded(4);
        for (var e : net.paramTable().entrySet()) {
            if (e.getKey().endsWith("_b")) {
                e.getValue().assign(r.uniform(DataType.DOUBLE, -0.5, 0.5, e.getValue().shape()));
            }
        }
        return net;
    }

    @Test
    void depthwiseAndSeparableConvolutionsAndLossLayerLogits() {
        MultiLayerNetwork net = separableNet();
        Graph g = Dl4jImporter.fromMultiLayer(net, IN, false);
        INDArray x = input();
        assertThat(g.layerNames()).contains("dw/preactivation", "dw", "sep/depthwise", "sep/preactivation", "sep",
                "sep2/depthwise", "sep2", "loss");
        java.util.List<INDArray> acts = net.feedForward(x, false);
        String[] names = {"dw", "bn", "sep", "sep2", "gap", "fc", "loss"};
        var pass = g.forward(x, java.util.List.of(names));
        for (int i = 0; i < names.length; i++) {
            assertThat(rel(pass.activation(names[i]), acts.get(i + 1))).as("activation of %s", names[i])
                    .isLessThan(1e-12);
        }
        assertThat(rel(g.predict(x), net.output(x, false))).as("forward vs output()").isLessThan(1e-12);
        Target t = Target.perRow(2, 0, 1);
        Gradients gr = g.gradients(x, t);
        assertThat(fdError(in -> net.output(in, false), x, t, gr.inputGradient()))
                .as("input gradient vs finite differences of output()").isLessThan(1e-6);
        Graph logits = Dl4jImporter.fromMultiLayer(net, IN, true);
        assertThat(logits.outputName()).isEqualTo("fc");
        assertThat(rel(Transforms.softmax(logits.predict(x), true), net.output(x, false))).isLessThan(1e-12);
        Gradients lg = logits.gradients(x, t);
        assertThat(fdError(in -> net.feedForward(in, false).get(6), x, t, lg.inputGradient()))
                .as("logit gradient vs finite differences of the dense layer's activation").isLessThan(1e-6);
    }

    @Test
    void computationGraphLossLayerLogitsAreItsInput() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(45).dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("image")
                .addLayer("dw", new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(1).padding(1, 1)
                        .activation(Activation.RELU).build(), "image")
                .addLayer("fc", new DenseLayer.Builder().nOut(4).activation(Activation.IDENTITY).build(), "dw")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).build(), "fc")
                .setOutputs("loss").setInputTypes(IN).build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        INDArray x = input();
        Graph g = Dl4jImporter.fromComputationGraph(net, IN, false);
        assertThat(rel(g.predict(x), net.outputSingle(false, x))).isLessThan(1e-12);
        Graph logits = Dl4jImporter.fromComputationGraph(net, IN, true);
        assertThat(logits.outputName()).isEqualTo("fc");
        assertThat(rel(Transforms.softmax(logits.predict(x), true), net.outputSingle(false, x))).isLessThan(1e-12);
    }

    @Test
    void unsupportedLayersAreNamed() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("c").nOut(2).activation(Activation.ELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.PNORM).name("p").kernelSize(2, 2).pnorm(2).build())
                .layer(new OutputLayer.Builder().name("o").nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(IN).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertThatThrownBy(() -> Dl4jImporter.fromMultiLayer(net, IN, false))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("layer 'c'").hasMessageContaining("elu")
                .hasMessageContaining("layer 'p'").hasMessageContaining("PNORM");
    }
}
