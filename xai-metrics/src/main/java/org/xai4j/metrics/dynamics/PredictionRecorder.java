package org.xai4j.metrics.dynamics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;

/**
 * Records, after each epoch of any training loop, what the model predicts for a fixed evaluation set
 * (the classes, and the probabilities when asked to keep them) and the epoch's numbers (train/validation
 * loss and accuracy, or any other named value), for the InstanceFlow and confusion-evolution views
 * (Pühringer et al., "InstanceFlow: Visualizing the Evolution of Classifier Confusion at the Instance
 * Level", IEEE VIS 2020).
 *
 * <pre>{@code
 * PredictionRecorder rec = new PredictionRecorder(evalLabels, 10);
 * for (int epoch = 0; epoch < 20; epoch++) {
 *     trainOneEpoch();
 *     rec.recordEpoch(model.output(evalFeatures));          // N × K probabilities
 *     rec.recordValue(TrainingHistory.TRAIN_LOSS, meanLoss);
 * }
 * rec.history().save(Path.of("history"));
 * }</pre>
 *
 * Memory: the classes take 4·E·N bytes; probabilities, when kept, 4·E·N·K more. Thread-safe (every
 * method is synchronized); the arrays passed in are read, never modified.
 */
public final class PredictionRecorder {
    private final int[] labels;
    private final int classes;
    private final boolean keepProbabilities;
    private final List<int[]> predictions = new ArrayList<>();
    private final List<float[]> probabilities = new ArrayList<>();
    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    /**
     * Records classes and probabilities of an evaluation set with these labels and {@code classes} classes.
     *
     * @param labels the true class of each instance of the evaluation set, each in [0, classes); copied
     * @param classes the number of classes K, at least 1
     */
    public PredictionRecorder(int[] labels, int classes) {
        this(labels, classes, true);
    }

    /**
     * @param labels            the evaluation set's true classes (copied)
     * @param classes           the number of classes K
     * @param keepProbabilities whether to keep the E × N × K probabilities (else only the classes)
     */
    public PredictionRecorder(int[] labels, int classes, boolean keepProbabilities) {
        if (labels == null || labels.length == 0) {
            throw new InvalidShapeException("a prediction recorder needs the labels of at least one instance");
        }
        if (classes < 1) {
            throw new InvalidConfigException("a prediction recorder needs at least one class but classes was " + classes);
        }
        this.labels = labels.clone();
        this.classes = classes;
        this.keepProbabilities = keepProbabilities;
        // Fails now, not at the end of training, when a label is out of range.
        TrainingHistory.of(new int[][] {new int[labels.length]}, this.labels, classes);
    }

    /**
     * The number of instances N of the evaluation set.
     *
     * @return N, the length of the labels
     */
    public int size() {
        return labels.length;
    }

    /**
     * The number of classes K.
     *
     * @return K
     */
    public int classes() {
        return classes;
    }

    /**
     * The number of epochs recorded so far.
     *
     * @return the number of epochs recorded, 0 before the first
     */
    public synchronized int epochs() {
        return predictions.size();
    }

    /**
     * Records one epoch from the model's N × K class probabilities (any float type; not modified); the
     * predicted class is the most probable one (the lowest index on ties). Returns the epoch's index.
     *
     * @param probabilities the N × K class probabilities after the epoch; rows must sum to 1 within 1e-3
     * @return the 0-based index of the recorded epoch
     * @throws InvalidShapeException if the array is not N × K
     */
    public synchronized int recordEpoch(INDArray probabilities) {
        if (probabilities == null) {
            throw new InvalidConfigException("probabilities must not be null");
        }
        if (probabilities.rank() != 2 || probabilities.size(0) != labels.length || probabilities.size(1) != classes) {
            throw new InvalidShapeException("epoch " + predictions.size() + ": probabilities must be N × K = " + labels.length + " × " + classes
                    + " but have shape " + Arrays.toString(probabilities.shape()));
        }
        float[] p = probabilities.castTo(DataType.FLOAT).dup('c').reshape(probabilities.length()).toFloatVector();
        return recordEpoch(p);
    }

    /**
     * Records one epoch from N × K probabilities, row-major (copied). Returns the epoch's index.
     *
     * @param probabilitiesRowMajor N · K probabilities, row i at [i·K, (i+1)·K)
     * @return the 0-based index of the recorded epoch
     * @throws InvalidShapeException if the length is not N · K
     */
    public synchronized int recordEpoch(float[] probabilitiesRowMajor) {
        int e = predictions.size();
        TrainingHistory.checkProbabilities(probabilitiesRowMajor, e, labels.length, classes);
        predictions.add(TrainingHistory.argmax(probabilitiesRowMajor, classes, e));
        if (keepProbabilities) {
            probabilities.add(probabilitiesRowMajor.clone());
        }
        return e;
    }

    /**
     * Records one epoch from predicted classes only (copied); a recorder that keeps probabilities then
     * refuses, since the history would have a hole. Returns the epoch's index.
     *
     * @param predicted the predicted class of each of the N instances, each in [0, K)
     * @return the 0-based index of the recorded epoch
     * @throws InvalidShapeException if the length is not N
     * @throws InvalidConfigException if this recorder keeps probabilities
     */
    public synchronized int recordEpochClasses(int[] predicted) {
        int e = predictions.size();
        if (keepProbabilities) {
            throw new InvalidConfigException("this recorder keeps probabilities: record epoch " + e + " with recordEpoch(probabilities), "
                    + "or make the recorder with keepProbabilities = false");
        }
        if (predicted == null || predicted.length != labels.length) {
            throw new InvalidShapeException("epoch " + e + ": " + (predicted == null ? 0 : predicted.length) + " predicted classes for "
                    + labels.length + " instances");
        }
        TrainingHistory.of(new int[][] {predicted}, labels, classes);
        predictions.add(predicted.clone());
        return e;
    }

    /**
     * The share of correct predictions after epoch {@code e} (0-based).
     *
     * @param e a recorded epoch, 0-based
     * @return the accuracy, in [0, 1]
     * @throws InvalidConfigException if epoch {@code e} was not recorded
     */
    public synchronized double accuracy(int e) {
        if (e < 0 || e >= predictions.size()) {
            throw new InvalidConfigException("epoch " + e + " is outside the " + predictions.size() + " recorded epochs");
        }
        int[] p = predictions.get(e);
        long ok = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == labels[i]) {
                ok++;
            }
        }
        return ok / (double) p.length;
    }

    /**
     * Records a number of the latest recorded epoch under {@code name} (e.g.
     * {@link TrainingHistory#TRAIN_LOSS}); epochs without a value for a name read {@code NaN}.
     *
     * @param name the curve name, not blank
     * @param value a finite number, e.g. the epoch's mean loss
     * @throws InvalidConfigException if no epoch has been recorded yet or the name is blank
     * @throws org.xai4j.core.NonFiniteValueException if {@code value} is NaN or infinite
     */
    public synchronized void recordValue(String name, double value) {
        if (name == null || name.isBlank()) {
            throw new InvalidConfigException("a recorded value needs a name");
        }
        if (predictions.isEmpty()) {
            throw new InvalidConfigException("record the epoch's predictions before its value '" + name + "'");
        }
        if (Double.isInfinite(value)) {
            throw new NonFiniteValueException("value '" + name + "' of epoch " + (predictions.size() - 1) + " is " + value);
        }
        List<Double> l = values.computeIfAbsent(name, k -> new ArrayList<>());
        while (l.size() < predictions.size() - 1) {
            l.add(Double.NaN);
        }
        if (l.size() == predictions.size()) {
            l.set(l.size() - 1, value);
        } else {
            l.add(value);
        }
    }

    /**
     * The history recorded so far (at least one epoch).
     *
     * @return an immutable history of the epochs so far, with probabilities when kept and any recorded values as
     *     curves
     * @throws InvalidConfigException if no epoch has been recorded
     */
    public synchronized TrainingHistory history() {
        if (predictions.isEmpty()) {
            throw new InvalidConfigException("no epoch has been recorded yet");
        }
        int e = predictions.size();
        Map<String, double[]> curves = new LinkedHashMap<>();
        values.forEach((k, l) -> {
            double[] v = new double[e];
            Arrays.fill(v, Double.NaN);
            for (int t = 0; t < l.size(); t++) {
                v[t] = l.get(t);
            }
            curves.put(k, v);
        });
        return TrainingHistory.owned(classes, labels.clone(), predictions.toArray(int[][]::new),
                keepProbabilities ? probabilities.toArray(float[][]::new) : null, curves);
    }
}
