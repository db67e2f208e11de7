package org.xai4j.metrics.dynamics.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.dataset.ViewIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.metrics.dynamics.TrainingDynamics;
import org.xai4j.metrics.dynamics.TrainingHistory;

/**
 * A real DL4J training of a tiny network on three Gaussian blobs: the recorded history must agree with
 * DL4J's own {@link Evaluation} after every epoch, the validation loss with the cross-entropy of the
 * recorded probabilities, and the training loss with the network's score before the epoch's update.
 */
class DynamicsListenerTest {
    static final int FEATURES = 4;
    static final int CLASSES = 3;

    /** Three overlapping blobs, so that some instances flip between classes while training. */
    static DataSet blobs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][FEATURES];
        double[][] y = new double[n][CLASSES];
        for (int i = 0; i < n; i++) {
            int k = i % CLASSES;
            for (int j = 0; j < FEATURES; j++) {
                x[i][j] = (j == k ? 1.2 : 0) + r.nextGaussian();
            }
            y[i][k] = 1;
        }
        return new DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
    }

    static MultiLayerNetwork mlp() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE).updater(new Adam(0.05)).list()
                .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(CLASSES).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Collects, after each epoch, DL4J's own evaluation and the training-set score (listener order: after the recorder). */
    static final class Checker extends BaseTrainingListener {
        final DataSet eval;
        final DataSet train;
        final List<Double> accuracy = new ArrayList<>();
        final List<Double> trainScore = new ArrayList<>();

        Checker(DataSet eval, DataSet train) {
            this.eval = eval;
            this.train = train;
        }

        @Override
        public void onEpochEnd(Model model) {
            Evaluation ev = new Evaluation(CLASSES);
            if (model instanceof MultiLayerNetwork m) {
                ev = m.evaluate(new ViewIterator(eval, 32));
                trainScore.add(m.score(train, false));
            } else {
                ComputationGraph g = (ComputationGraph) model;
                ev = g.evaluate(new ViewIterator(eval, 32));
                trainScore.add(g.score(train, false));
            }
            accuracy.add(ev.accuracy());
        }
    }

    @Test
    void multiLayerNetworkHistoryAgreesWithDl4jEvaluation() {
        DataSet train = blobs(240, 1);
        DataSet eval = blobs(90, 2);
        MultiLayerNetwork net = mlp();
        double initialScore = net.score(train, false);
        DynamicsListener rec = DynamicsListener.on(eval);
        Checker check = new Checker(eval, train);
        net.addListeners(rec, check);
        int epochs = 6;
        // Full batch: one iteration per epoch, so the epoch's training loss is the score before its update.
        net.fit(new ViewIterator(train, 240), epochs);

        TrainingHistory h = rec.history();
        assertThat(h.epochs()).isEqualTo(epochs);
        assertThat(h.size()).isEqualTo(90);
        TrainingDynamics d = TrainingDynamics.of(h);
        double[] acc = d.epochAccuracy();
        double[] valAcc = h.curves().get(TrainingHistory.VAL_ACCURACY);
        double[] valLoss = h.curves().get(TrainingHistory.VAL_LOSS);
        double[] trainLoss = h.curves().get(TrainingHistory.TRAIN_LOSS);
        int[] y = h.labels();
        for (int e = 0; e < epochs; e++) {
            assertThat(acc[e]).as("epoch %d accuracy vs DL4J Evaluation", e).isEqualTo(check.accuracy.get(e));
            assertThat(valAcc[e]).isEqualTo(acc[e]);
            double ce = 0;
            for (int i = 0; i < y.length; i++) {
                ce -= Math.log(h.probability(e, i, y[i]));
            }
            ce /= y.length;
            // float32 probabilities: the log of each is good to ~1e-7 relative.
            assertThat(valLoss[e]).as("epoch %d validation loss vs cross-entropy of the recorded probabilities", e)
                    .isCloseTo(ce, org.assertj.core.data.Offset.offset(1e-5));
            double before = e == 0 ? initialScore : check.trainScore.get(e - 1);
            assertThat(trainLoss[e]).as("epoch %d training loss vs score before the update", e)
                    .isCloseTo(before, org.assertj.core.data.Offset.offset(1e-12));
        }
        // Training changed something: accuracy rose and the last epoch's classes are the network's argmax now.
        assertThat(acc[epochs - 1]).isGreaterThan(acc[0]);
        int[] now = net.output(eval.getFeatures(), false).argMax(1).castTo(DataType.INT).toIntVector();
        assertThat(h.predictions(epochs - 1)).containsExactly(now);
        // The flows of a real run conserve the 90 instances.
        for (long[][] f : d.flows()) {
            assertThat(java.util.Arrays.stream(f).flatMapToLong(java.util.Arrays::stream).sum()).isEqualTo(90);
        }
    }

    @Test
    void computationGraphWithMinibatches() {
        DataSet train = blobs(240, 3);
        DataSet eval = blobs(60, 4);
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(9).dataType(DataType.DOUBLE).updater(new Adam(0.05))
                .graphBuilder().addInputs("x")
                .addLayer("h", new DenseLayer.Builder().nIn(FEATURES).nOut(8).activation(Activation.RELU).build(), "x")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "h")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        DynamicsListener rec = new DynamicsListener(new org.xai4j.metrics.dynamics.PredictionRecorder(
                eval.getLabels().argMax(1).castTo(DataType.INT).toIntVector(), CLASSES, false), eval.getFeatures(), eval.getLabels(), 7);
        Checker check = new Checker(eval, train);
        // Mean of per-iteration scores, collected independently.
        List<List<Double>> scores = new ArrayList<>();
        BaseTrainingListener iterations = new BaseTrainingListener() {
            @Override
            public void onEpochStart(Model model) {
                scores.add(new ArrayList<>());
            }

            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                scores.get(scores.size() - 1).add(model.score());
            }
        };
        g.addListeners(rec, check, iterations);
        g.fit(new ViewIterator(train, 60), 3);
        TrainingHistory h = rec.history();
        assertThat(h.hasProbabilities()).isFalse();
        double[] acc = TrainingDynamics.of(h).epochAccuracy();
        double[] trainLoss = h.curves().get(TrainingHistory.TRAIN_LOSS);
        for (int e = 0; e < 3; e++) {
            assertThat(acc[e]).as("epoch %d", e).isEqualTo(check.accuracy.get(e));
            assertThat(scores.get(e)).hasSize(4);
            double mean = scores.get(e).stream().mapToDouble(Double::doubleValue).sum() / 4;
            assertThat(trainLoss[e]).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void anIteratorRecordsWhatTheWholeSetRecords() {
        DataSet train = blobs(120, 6);
        DataSet eval = blobs(45, 7);
        MultiLayerNetwork net = mlp();
        DynamicsListener whole = DynamicsListener.on(eval);
        DynamicsListener iterating = DynamicsListener.on(new ViewIterator(eval, 10), true); // batches of 10, 10, 10, 10, 5
        net.addListeners(whole, iterating);
        net.fit(new ViewIterator(train, 30), 3);
        TrainingHistory a = whole.history();
        TrainingHistory b = iterating.history();
        assertThat(b.labels()).containsExactly(a.labels());
        for (int e = 0; e < 3; e++) {
            assertThat(b.predictions(e)).containsExactly(a.predictions(e));
            assertThat(b.probabilities(e)).containsExactly(a.probabilities(e));
            // Size-weighted mean of the batches' mean losses = the mean loss of the whole set (no regularisation here).
            assertThat(b.curves().get(TrainingHistory.VAL_LOSS)[e]).isCloseTo(a.curves().get(TrainingHistory.VAL_LOSS)[e],
                    org.assertj.core.data.Offset.offset(1e-12));
            assertThat(b.curves().get(TrainingHistory.TRAIN_LOSS)[e]).isEqualTo(a.curves().get(TrainingHistory.TRAIN_LOSS)[e]);
        }
    }

    @Test
    void anIteratorThatChangesItsInstancesIsRefused() {
        DataSet eval = blobs(12, 8); // labels 0, 1, 2, 0, 1, 2, …
        DynamicsListener rec = DynamicsListener.on(new ViewIterator(eval, 5), false);
        MultiLayerNetwork net = mlp();
        rec.onEpochEnd(net);
        assertThat(rec.history().epochs()).isEqualTo(1);
        // The iterator's data changes order (instance 0 becomes class 1): refused at the next epoch's end.
        INDArray y = eval.getLabels();
        INDArray first = y.getRow(0).dup();
        y.putRow(0, y.getRow(1).dup());
        y.putRow(1, first);
        assertThatThrownBy(() -> rec.onEpochEnd(net)).isInstanceOf(org.xai4j.core.InvalidConfigException.class)
                .hasMessageContaining("same instances in the same order").hasMessageContaining("instance 0 had label 0 and now has 1");
        assertThatThrownBy(() -> DynamicsListener.on(new ViewIterator(blobs(3, 1), 2) {
            @Override
            public boolean resetSupported() {
                return false;
            }
        }, false)).isInstanceOf(org.xai4j.core.InvalidConfigException.class).hasMessageContaining("resettable");
    }

    @Test
    void refusesOtherModels() {
        DynamicsListener rec = DynamicsListener.on(blobs(6, 5));
        Model notANetwork = (Model) java.lang.reflect.Proxy.newProxyInstance(Model.class.getClassLoader(), new Class<?>[] {Model.class},
                (p, m, a) -> null);
        assertThatThrownBy(() -> rec.onEpochEnd(notANetwork)).isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("MultiLayerNetwork and ComputationGraph");
        INDArray features = Nd4j.zeros(DataType.DOUBLE, 5, FEATURES);
        assertThatThrownBy(() -> new DynamicsListener(rec.recorder(), features, null, 8))
                .isInstanceOf(org.xai4j.core.InvalidShapeException.class).hasMessageContaining("5 rows but the recorder has 6 labels");
    }
}
