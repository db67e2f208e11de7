package org.xai4j.examples.fashion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.xai4j.examples.TrainingCache;
import org.xai4j.metrics.dynamics.PredictionRecorder;
import org.xai4j.metrics.dynamics.TrainingHistory;

/**
 * Trains a DL4J network epoch by epoch (mini-batches of a shuffled copy of the training images, the shuffle seeded)
 * while the library's {@link PredictionRecorder} records, after every epoch, each test image's class probabilities,
 * the epoch's mean training loss, and the loss and accuracy on the validation images: the history behind the
 * InstanceFlow and confusion-evolution views. Network and history are cached together under {@code OUT/cache/}.
 */
public final class RecordedTraining {
    /** The curve of the validation images' loss after each epoch. */
    public static final String VAL_LOSS = TrainingHistory.VAL_LOSS;
    /** The curve of the validation images' accuracy after each epoch. */
    public static final String VAL_ACCURACY = TrainingHistory.VAL_ACCURACY;

    /** A trained network and what the recorder saw while it trained. */
    public record Trained<M>(M net, TrainingHistory history, double trainingSeconds) {
    }

    /** What training needs of a network, so that layer stacks and graphs train the same way. */
    private record Steps(java.util.function.Consumer<DataSet> fit, Function<INDArray, INDArray> output,
                         Function<DataSet, Double> score, Supplier<Double> lastScore) {
    }

    private RecordedTraining() {
    }

    /** Trains (or loads from the cache) a layer stack. */
    public static Trained<MultiLayerNetwork> multiLayer(TrainingCache cache, String name, String key,
                                                        Supplier<MultiLayerNetwork> fresh, FashionSplit split,
                                                        int epochs, int batch, long seed) {
        Path history = cache.file(name, key, "-history");
        double[] seconds = {0};
        if (!Files.isDirectory(history)) {
            deleteQuietly(cache.file(name, key, ".zip"));
        }
        MultiLayerNetwork net = cache.multiLayer(name, key, () -> {
            MultiLayerNetwork n = fresh.get();
            seconds[0] = run(new Steps(n::fit, x -> n.output(x, false), d -> n.score(d, false), n::score), split,
                    epochs, batch, seed, history);
            return n;
        });
        return new Trained<>(net, TrainingHistory.load(history), seconds[0]);
    }

    /** Trains (or loads from the cache) a graph with one input and one output. */
    public static Trained<ComputationGraph> graph(TrainingCache cache, String name, String key,
                                                  Supplier<ComputationGraph> fresh, FashionSplit split, int epochs,
                                                  int batch, long seed) {
        Path history = cache.file(name, key, "-history");
        double[] seconds = {0};
        if (!Files.isDirectory(history)) {
            deleteQuietly(cache.file(name, key, ".zip"));
        }
        ComputationGraph net = cache.computationGraph(name, key, () -> {
            ComputationGraph n = fresh.get();
            seconds[0] = run(new Steps(n::fit, x -> n.outputSingle(false, x), d -> n.score(d, false), n::score),
                    split, epochs, batch, seed, history);
            return n;
        });
        return new Trained<>(net, TrainingHistory.load(history), seconds[0]);
    }

    private static double run(Steps net, FashionSplit split, int epochs, int batch, long seed, Path historyDir) {
        long start = System.nanoTime();
        PredictionRecorder recorder = new PredictionRecorder(split.test().labels(), split.classes().size(), true);
        // DataSet.shuffle permutes the arrays it wraps in place: shuffle a copy, never the split's own images
        DataSet all = new DataSet(split.train().images().dup(), split.train().oneHot());
        DataSet validation = new DataSet(split.validation().images(), split.validation().oneHot());
        Random rng = new Random(seed);
        for (int e = 0; e < epochs; e++) {
            all.shuffle(rng.nextLong());
            double loss = 0;
            int batches = 0;
            for (DataSet b : all.batchBy(batch)) {
                net.fit.accept(b);
                loss += net.lastScore.get();
                batches++;
            }
            recorder.recordEpoch(net.output.apply(split.test().images()));
            recorder.recordValue(TrainingHistory.TRAIN_LOSS, loss / batches);
            recorder.recordValue(VAL_LOSS, net.score.apply(validation));
            double valAccuracy = accuracy(net.output.apply(split.validation().images()), split.validation().labels());
            recorder.recordValue(VAL_ACCURACY, valAccuracy);
            System.out.printf(Locale.ROOT, "  epoch %d/%d: train loss %.4f, validation accuracy %.3f, test accuracy %.3f%n",
                    e + 1, epochs, loss / batches, valAccuracy, recorder.accuracy(e));
        }
        recorder.history().save(historyDir);
        return (System.nanoTime() - start) / 1e9;
    }

    /** The share of rows whose most probable class is the label. */
    public static double accuracy(INDArray probabilities, int[] labels) {
        INDArray arg = probabilities.argMax(1);
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += arg.getInt(i) == labels[i] ? 1 : 0;
        }
        return right / (double) labels.length;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot remove the stale cached model " + p, e);
        }
    }
}
