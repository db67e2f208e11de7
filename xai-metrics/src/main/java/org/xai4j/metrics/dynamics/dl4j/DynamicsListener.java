package org.xai4j.metrics.dynamics.dl4j;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.core.util.Batching;
import org.xai4j.metrics.dynamics.PredictionRecorder;
import org.xai4j.metrics.dynamics.TrainingHistory;

/**
 * A DL4J {@code TrainingListener} that records a {@link TrainingHistory} while a {@link MultiLayerNetwork}
 * or a single-input, single-output {@link ComputationGraph} trains with {@code fit(iterator)} (DL4J calls
 * {@code onEpochEnd} once per pass over the iterator). At the end of each epoch it predicts the fixed
 * evaluation set in inference mode (no dropout), in batches, and records the probabilities, then
 *
 * <ul>
 *   <li>{@value TrainingHistory#TRAIN_LOSS}: the mean of the minibatch scores DL4J reported during the epoch
 *       (each the loss of one training minibatch in training mode, with regularisation);</li>
 *   <li>{@value TrainingHistory#VAL_LOSS}: the network's score on the evaluation set in inference mode
 *       ({@code score(DataSet, false)});</li>
 *   <li>{@value TrainingHistory#VAL_ACCURACY}: the accuracy of the recorded predictions.</li>
 * </ul>
 *
 * <pre>{@code
 * DynamicsListener rec = DynamicsListener.on(testSet);   // features + one-hot labels
 * net.addListeners(rec);
 * net.fit(trainIterator, 10);
 * rec.history().save(Path.of("history"));
 * }</pre>
 */
public final class DynamicsListener extends BaseTrainingListener {
    private final PredictionRecorder recorder;
    private final INDArray features;
    private final DataSet scoring;
    private final int batchSize;
    /** The evaluation set as an iterator (then {@code features} is null): same rows, same order, every epoch. */
    private final DataSetIterator iterator;
    private final int[] labels;
    private double lossSum;
    private long lossCount;

    /**
     * @param recorder  where epochs go (its labels are the evaluation set's)
     * @param features  the evaluation set's inputs (N × …; not modified)
     * @param oneHot    the evaluation set's one-hot labels for the validation loss, or {@code null} to skip it
     * @param batchSize rows per forward pass at the end of an epoch
     */
    public DynamicsListener(PredictionRecorder recorder, INDArray features, INDArray oneHot, int batchSize) {
        if (recorder == null || features == null) {
            throw new InvalidConfigException("a dynamics listener needs a recorder and the evaluation features");
        }
        if (features.size(0) != recorder.size()) {
            throw new InvalidShapeException("the evaluation features hold " + features.size(0) + " rows but the recorder has "
                    + recorder.size() + " labels");
        }
        if (oneHot != null && (oneHot.rank() != 2 || oneHot.size(0) != recorder.size())) {
            throw new InvalidShapeException("one-hot labels must be N × K with N = " + recorder.size() + " but have shape "
                    + java.util.Arrays.toString(oneHot.shape()));
        }
        if (batchSize < 1) {
            throw new InvalidConfigException("batchSize must be at least 1 but was " + batchSize);
        }
        this.recorder = recorder;
        this.features = features;
        this.scoring = oneHot == null ? null : new DataSet(features, oneHot);
        this.batchSize = batchSize;
        this.iterator = null;
        this.labels = null;
    }

    private DynamicsListener(PredictionRecorder recorder, DataSetIterator iterator, int[] labels) {
        this.recorder = recorder;
        this.features = null;
        this.scoring = null;
        this.batchSize = 0;
        this.iterator = iterator;
        this.labels = labels;
    }

    /**
     * Records an evaluation set too large to hold: {@code iterator} (features and one-hot labels, resettable) is
     * read once now for the labels and once at the end of every epoch, and must give the same instances in the
     * same order each time (checked through the labels). The validation loss is the mean of the batches' scores
     * weighted by their sizes.
     *
     * @param iterator the evaluation set, resettable, same order every pass
     * @param keepProbabilities whether to keep the E × N × K probabilities (memory grows by N · K floats per
     *     epoch) or only the classes
     * @return a listener to add to the network before {@code fit}
     * @throws InvalidConfigException if {@code iterator} cannot be reset
     * @throws InvalidShapeException if its labels are not one-hot N × K, change K between batches, or it gives no
     *     rows
     */
    public static DynamicsListener on(DataSetIterator iterator, boolean keepProbabilities) {
        if (iterator == null || !iterator.resetSupported()) {
            throw new InvalidConfigException("the evaluation iterator must be resettable (it is read after every epoch)");
        }
        iterator.reset();
        java.util.List<int[]> parts = new java.util.ArrayList<>();
        int classes = -1;
        int n = 0;
        while (iterator.hasNext()) {
            DataSet ds = iterator.next();
            INDArray y = ds.getLabels();
            if (y == null || y.rank() != 2) {
                throw new InvalidShapeException("the evaluation iterator's labels must be one-hot N × K but have shape "
                        + (y == null ? "null" : java.util.Arrays.toString(y.shape())));
            }
            if (classes >= 0 && y.size(1) != classes) {
                throw new InvalidShapeException("the evaluation iterator's batches have " + classes + " and " + y.size(1) + " classes");
            }
            classes = (int) y.size(1);
            int[] part = y.argMax(1).castTo(DataType.INT).toIntVector();
            parts.add(part);
            n += part.length;
        }
        if (n == 0) {
            throw new InvalidShapeException("the evaluation iterator gave no rows");
        }
        int[] labels = new int[n];
        int at = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, labels, at, part.length);
            at += part.length;
        }
        return new DynamicsListener(new PredictionRecorder(labels, classes, keepProbabilities), iterator, labels);
    }

    /**
     * Records the classes and probabilities of {@code evaluationSet} (features, one-hot labels), 256 rows per batch.
     *
     * @param evaluationSet the features and one-hot labels of the N instances to follow
     * @return a listener that keeps the probabilities, to add to the network before {@code fit}
     */
    public static DynamicsListener on(DataSet evaluationSet) {
        return on(evaluationSet, true);
    }

    /**
     * As {@link #on(DataSet)}, keeping the E × N × K probabilities or only the classes.
     *
     * @param evaluationSet the features and one-hot labels of the N instances to follow
     * @param keepProbabilities whether to keep the E × N × K probabilities or only the classes
     * @return a listener to add to the network before {@code fit}
     * @throws InvalidConfigException if {@code evaluationSet} has no features or labels
     * @throws InvalidShapeException if the labels are not one-hot N × K
     */
    public static DynamicsListener on(DataSet evaluationSet, boolean keepProbabilities) {
        if (evaluationSet == null || evaluationSet.getFeatures() == null || evaluationSet.getLabels() == null) {
            throw new InvalidConfigException("the evaluation set needs features and one-hot labels");
        }
        INDArray y = evaluationSet.getLabels();
        if (y.rank() != 2) {
            throw new InvalidShapeException("the evaluation set's labels must be one-hot N × K but have shape "
                    + java.util.Arrays.toString(y.shape()));
        }
        int[] labels = y.argMax(1).castTo(DataType.INT).toIntVector();
        PredictionRecorder r = new PredictionRecorder(labels, (int) y.size(1), keepProbabilities);
        return new DynamicsListener(r, evaluationSet.getFeatures(), y, 256);
    }

    /**
     * The recorder (its history so far: {@code recorder().history()}).
     *
     * @return the recorder this listener fills at the end of every epoch
     */
    public PredictionRecorder recorder() {
        return recorder;
    }

    /**
     * The history recorded so far.
     *
     * @return the history of the epochs completed so far
     */
    public TrainingHistory history() {
        return recorder.history();
    }

    @Override
    public void onEpochStart(Model model) {
        lossSum = 0;
        lossCount = 0;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        double s = model.score();
        if (Double.isFinite(s)) {
            lossSum += s;
            lossCount++;
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        if (iterator != null) {
            onEpochEndIterating(model);
            return;
        }
        INDArray p = Batching.map(features, batchSize, x -> predict(model, x));
        recorder.recordEpoch(p);
        if (lossCount > 0) {
            recorder.recordValue(TrainingHistory.TRAIN_LOSS, lossSum / lossCount);
        }
        if (scoring != null) {
            double v = model instanceof MultiLayerNetwork m ? m.score(scoring, false) : ((ComputationGraph) model).score(scoring, false);
            recorder.recordValue(TrainingHistory.VAL_LOSS, v);
        }
        recorder.recordValue(TrainingHistory.VAL_ACCURACY, recorder.accuracy(recorder.epochs() - 1));
        lossSum = 0;
        lossCount = 0;
    }

    private void onEpochEndIterating(Model model) {
        int n = labels.length;
        int k = recorder.classes();
        float[] all = new float[n * k];
        int row = 0;
        double loss = 0;
        iterator.reset();
        while (iterator.hasNext()) {
            DataSet ds = iterator.next();
            int[] y = ds.getLabels().argMax(1).castTo(DataType.INT).toIntVector();
            if (row + y.length > n) {
                throw new InvalidShapeException("the evaluation iterator gave more than the " + n + " rows it gave at the start");
            }
            for (int i = 0; i < y.length; i++) {
                if (y[i] != labels[row + i]) {
                    throw new InvalidConfigException("the evaluation iterator must give the same instances in the same order every epoch, "
                            + "but instance " + (row + i) + " had label " + labels[row + i] + " and now has " + y[i]);
                }
            }
            INDArray p = predict(model, ds.getFeatures());
            if (p.rank() != 2 || p.size(1) != k) {
                throw new InvalidShapeException("the model's output must be rows × " + k + " but has shape " + java.util.Arrays.toString(p.shape()));
            }
            float[] v = p.castTo(DataType.FLOAT).dup('c').reshape(p.length()).toFloatVector();
            System.arraycopy(v, 0, all, row * k, v.length);
            double s = model instanceof MultiLayerNetwork m ? m.score(ds, false) : ((ComputationGraph) model).score(ds, false);
            loss += s * y.length;
            row += y.length;
        }
        if (row != n) {
            throw new InvalidShapeException("the evaluation iterator gave " + row + " rows this epoch but " + n + " at the start");
        }
        recorder.recordEpoch(all);
        if (lossCount > 0) {
            recorder.recordValue(TrainingHistory.TRAIN_LOSS, lossSum / lossCount);
        }
        recorder.recordValue(TrainingHistory.VAL_LOSS, loss / n);
        recorder.recordValue(TrainingHistory.VAL_ACCURACY, recorder.accuracy(recorder.epochs() - 1));
        lossSum = 0;
        lossCount = 0;
    }

    private static INDArray predict(Model model, INDArray x) {
        if (model instanceof MultiLayerNetwork m) {
            return m.output(x, false).detach();
        }
        if (model instanceof ComputationGraph g) {
            if (g.getNumInputArrays() != 1 || g.getNumOutputArrays() != 1) {
                throw new UnsupportedModelException("the dynamics listener records single-input, single-output graphs but this one has "
                        + g.getNumInputArrays() + " inputs and " + g.getNumOutputArrays() + " outputs");
            }
            return g.outputSingle(false, x).detach();
        }
        throw new UnsupportedModelException("the dynamics listener records MultiLayerNetwork and ComputationGraph models, not "
                + (model == null ? "null" : model.getClass().getName()));
    }
}
