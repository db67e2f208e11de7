package org.xai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.xai4j.core.util.Rng;
import org.xai4j.models.io.Npy;

/** DL4J model files through the command line: probabilities equal DL4J's own output. */
class Dl4jCliTest {
    @TempDir
    Path dir;

    @Test
    void predictAndExplainADl4jZip() throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 2)).build();
        MultiLayerNetwork net = initialised(conf);
        Path zip = saved(net, "net.zip");
        INDArray x = Rng.seeded(3).uniform(DataType.FLOAT, 0, 1, 4, 2, 6, 6);
        Path in = dir.resolve("x.npy");
        Npy.write(x, in);

        Path probs = dir.resolve("p.npy");
        CliTest.Run r = CliTest.xai("predict", "--model", zip.toString(), "--input", in.toString(), "--out", probs.toString(),
                "--probabilities");
        assertThat(r.code()).as(r.err()).isZero();
        INDArray expected = net.output(x.dup());
        double diff = Npy.read(probs).castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertThat(diff).as("xai predict --probabilities vs DL4J output()").isLessThan(1e-5);

        Path out = dir.resolve("sal");
        r = CliTest.xai("explain", "--model", zip.toString(), "--input", in.toString(), "--method", "saliency", "--out",
                out.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Npy.read(out.resolve("saliency.npy")).shape()).containsExactly(4, 2, 6, 6);

        CliTest.Run noInput = CliTest.xai("layers", "--model", zip.toString());
        assertThat(noInput.code()).isEqualTo(2);
        assertThat(noInput.err()).contains("--input");
    }

    /**
     * A one-channel DL4J CNN given a grey PNG: the file does not record its input size, so the image sizes it, and
     * the image must be read with the network's one channel (not the three of an image read for no model); the
     * scores then equal those for the same pixels as an .npy batch.
     */
    @Test
    void aGreyImageSizesAOneChannelDl4jNetwork() throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.FLOAT).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(8, 8, 1)).build();
        Path zip = saved(initialised(conf), "grey.zip");
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(8, 8,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 1, 8, 8);
        for (int y = 0; y < 8; y++) {
            for (int c = 0; c < 8; c++) {
                int v = (37 * y + 11 * c) % 256;
                img.getRaster().setSample(c, y, 0, v);
                x.putScalar(new long[] {0, 0, y, c}, v / 255.0);
            }
        }
        Path png = dir.resolve("grey.png");
        javax.imageio.ImageIO.write(img, "png", png.toFile());
        Path npy = dir.resolve("grey.npy");
        Npy.write(x, npy);

        Path fromPng = dir.resolve("png-scores.npy");
        CliTest.Run r = CliTest.xai("predict", "--model", zip.toString(), "--input", png.toString(), "--out",
                fromPng.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path fromNpy = dir.resolve("npy-scores.npy");
        r = CliTest.xai("predict", "--model", zip.toString(), "--input", npy.toString(), "--out", fromNpy.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Npy.read(fromPng)).isEqualTo(Npy.read(fromNpy));
    }

    /**
     * A dense-first DL4J network configured for 1×5×5 images (DL4J flattens them before the dense layer, whose nIn
     * is 25 values, not channels): an .npy batch of 1×5×5 rows sizes it, and the scores equal DL4J's own.
     */
    @Test
    void aDenseFirstNetworkForImagesKeepsTheInputsChannels() throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(5, 5, 1)).build();
        MultiLayerNetwork net = initialised(conf);
        Path zip = saved(net, "dense.zip");
        INDArray x = Rng.seeded(9).uniform(DataType.FLOAT, 0, 1, 2, 1, 5, 5);
        Path in = dir.resolve("dense.npy");
        Npy.write(x, in);
        Path probs = dir.resolve("dense-p.npy");
        CliTest.Run r = CliTest.xai("predict", "--model", zip.toString(), "--input", in.toString(), "--out",
                probs.toString(), "--probabilities");
        assertThat(r.code()).as(r.err()).isZero();
        double diff = Npy.read(probs).castTo(DataType.DOUBLE).sub(net.output(x.dup()).castTo(DataType.DOUBLE))
                .amaxNumber().doubleValue();
        assertThat(diff).isLessThan(1e-5);
    }

    private static MultiLayerNetwork initialised(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** {@code net} written by DL4J's {@code ModelSerializer} as {@code name} in the test folder. */
    private Path saved(MultiLayerNetwork net, String name) throws java.io.IOException {
        Path zip = dir.resolve(name);
        ModelSerializer.writeModel(net, zip.toFile(), false);
        return zip;
    }
}
