package org.xai4j.metrics.dynamics.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.xai4j.metrics.dynamics.TrainingDynamics;
import org.xai4j.metrics.dynamics.TrainingHistory;

/**
 * A small CNN trained on a Fashion-MNIST subset (Debian's {@code dataset-fashion-mnist}) for several epochs with
 * the {@link DynamicsListener}: the recorded per-epoch accuracies equal DL4J's own {@link Evaluation} of the same
 * evaluation set after every epoch. The history is saved to {@code target/fashion-dynamics} (for the docs' pictures
 * through {@code xai dynamics}).
 */
@Tag("slow")
class FashionMnistDynamicsTest {
    static final Path DATA = Path.of(System.getProperty("xai4j.fashionMnist", "/usr/share/datasets/fashion-mnist"));

    static DataSet read(String prefix, int from, int n) throws IOException {
        float[] x = new float[n * 28 * 28];
        float[] y = new float[n * 10];
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(DATA.resolve(prefix + "-images-idx3-ubyte.gz"))))) {
            in.readInt();
            in.readInt();
            in.readInt();
            in.readInt();
            in.skipNBytes((long) from * 28 * 28);
            byte[] b = new byte[n * 28 * 28];
            in.readFully(b);
            for (int i = 0; i < b.length; i++) {
                x[i] = (b[i] & 0xff) / 255f;
            }
        }
        try (InputStream raw = new GZIPInputStream(Files.newInputStream(DATA.resolve(prefix + "-labels-idx1-ubyte.gz")))) {
            DataInputStream in = new DataInputStream(raw);
            in.readInt();
            in.readInt();
            in.skipNBytes(from);
            for (int i = 0; i < n; i++) {
                y[i * 10 + in.readUnsignedByte()] = 1;
            }
        }
        return new DataSet(Nd4j.create(x, new long[] {n, 1, 28, 28}, 'c'), Nd4j.create(y, new long[] {n, 10}, 'c'));
    }

    @Test
    void recordedAccuraciesEqualDl4jEvaluationOnFashionMnist() throws IOException {
        Assumptions.assumeTrue(Files.exists(DATA.resolve("train-images-idx3-ubyte.gz")),
                "Fashion-MNIST not found under " + DATA + " (apt-get install dataset-fashion-mnist, or -Dxai4j.fashionMnist=DIR)");
        DataSet train = read("train", 0, 3000);
        DataSet eval = read("t10k", 0, 600);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(12345).updater(new Adam(2e-3)).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(8).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DynamicsListener rec = DynamicsListener.on(eval);
        List<Double> dl4j = new ArrayList<>();
        net.addListeners(rec, new BaseTrainingListener() {
            @Override
            public void onEpochEnd(Model model) {
                Evaluation ev = ((MultiLayerNetwork) model).evaluate(new ViewIterator(eval, 100));
                dl4j.add(ev.accuracy());
            }
        });
        int epochs = 8;
        net.fit(new ViewIterator(train, 64), epochs);
        TrainingHistory h = rec.history();
        double[] acc = TrainingDynamics.of(h).epochAccuracy();
        System.out.println("recorded accuracy per epoch " + java.util.Arrays.toString(acc));
        System.out.println("DL4J Evaluation per epoch  " + dl4j);
        System.out.println("train_loss " + java.util.Arrays.toString(h.curves().get(TrainingHistory.TRAIN_LOSS)));
        System.out.println("val_loss   " + java.util.Arrays.toString(h.curves().get(TrainingHistory.VAL_LOSS)));
        for (int e = 0; e < epochs; e++) {
            assertThat(acc[e]).as("epoch %d", e).isEqualTo(dl4j.get(e));
        }
        assertThat(acc[epochs - 1]).isGreaterThan(0.7);
        h.save(Path.of("target", "fashion-dynamics"));
        INDArray images = eval.getFeatures();
        org.xai4j.models.io.Npy.write(images.castTo(DataType.FLOAT), Path.of("target", "fashion-dynamics", "images.npy"));
    }
}
