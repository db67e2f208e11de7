package org.xai4j.metrics.dynamics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.ModelFormatException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.util.Json;
import org.xai4j.metrics.InvalidProbabilitiesException;
import org.xai4j.models.io.Npy;

/**
 * What a classifier predicted for each instance of a fixed evaluation set after each of E epochs: the
 * predicted classes (E × N), optionally the class probabilities (E × N × K), the true labels (N) and
 * per-epoch curves (train/validation loss and accuracy, or any other per-epoch number; {@code NaN} where
 * an epoch has no value). Immutable; accessors return copies.
 *
 * <p>On disk (see {@link #save}) a history is {@value #PREDICTIONS} (int32, E × N), {@value #LABELS}
 * (int32, N), {@value #PROBABILITIES} (float32, E × N × K, when recorded) and {@value #CURVES}
 * (a JSON object: curve name → E numbers, {@code null} where missing). A PyTorch loop that saves the
 * same arrays with {@code numpy.save} produces a history that {@link #load} reads.
 */
public final class TrainingHistory {
    /** File name of the predicted classes. */
    public static final String PREDICTIONS = "predictions.npy";
    /** File name of the true labels. */
    public static final String LABELS = "labels.npy";
    /** File name of the class probabilities. */
    public static final String PROBABILITIES = "probabilities.npy";
    /** File name of the per-epoch curves. */
    public static final String CURVES = "curves.json";

    /** Curve name: mean training loss of the epoch. */
    public static final String TRAIN_LOSS = "train_loss";
    /** Curve name: training accuracy of the epoch. */
    public static final String TRAIN_ACCURACY = "train_accuracy";
    /** Curve name: loss on the validation (evaluation) set after the epoch. */
    public static final String VAL_LOSS = "val_loss";
    /** Curve name: accuracy on the validation (evaluation) set after the epoch. */
    public static final String VAL_ACCURACY = "val_accuracy";

    /** Largest allowed |Σ_k p − 1| of a probability row and the slack of each entry outside [0, 1]. */
    static final double PROBABILITY_TOLERANCE = 1e-3;

    private final int classes;
    private final int[] labels;
    private final int[][] predictions;
    private final float[][] probabilities;
    private final Map<String, double[]> curves;

    private TrainingHistory(int classes, int[] labels, int[][] predictions, float[][] probabilities,
                            Map<String, double[]> curves, boolean check) {
        this.classes = classes;
        this.labels = labels;
        this.predictions = predictions;
        this.probabilities = probabilities;
        this.curves = curves;
        if (check) {
            validate();
        }
    }

    /**
     * A history of predicted classes (one row of N per epoch) and labels, with {@code classes} classes.
     * Arrays are copied.
     *
     * @param predictions E rows of N predicted classes, one row per epoch
     * @param labels the N true classes
     * @param classes the number of classes K, at least 1
     * @return the history, without probabilities or curves
     * @throws InvalidShapeException         rows of different lengths, N different from the labels', no epoch
     * @throws InvalidProbabilitiesException a class outside [0, classes)
     */
    public static TrainingHistory of(int[][] predictions, int[] labels, int classes) {
        return new TrainingHistory(classes, copy(labels, "labels"), copy(predictions), null, Map.of(), true);
    }

    /**
     * A history whose classes are the most probable ones of {@code probabilities} (epoch → N × K values,
     * row-major; ties go to the lowest class index, as numpy's {@code argmax}).
     *
     * @param probabilities E rows of N · K probabilities, row-major; each instance's K values must sum to 1
     *     within 1e-3
     * @param labels the N true classes
     * @param classes the number of classes K, at least 1
     * @return the history, with probabilities and without curves
     * @throws InvalidShapeException if the rows' lengths are not N · K or there is no epoch
     * @throws InvalidProbabilitiesException if a value is outside [0, 1] or a row does not sum to 1
     */
    public static TrainingHistory ofProbabilities(float[][] probabilities, int[] labels, int classes) {
        float[][] p = copyProbabilities(probabilities);
        int[][] pred = new int[p.length][];
        for (int e = 0; e < p.length; e++) {
            pred[e] = argmax(p[e], classes, e);
        }
        return new TrainingHistory(classes, copy(labels, "labels"), pred, p, Map.of(), true);
    }

    /**
     * This history with class probabilities (epoch → N × K, row-major), which must agree with the classes.
     *
     * @param p E rows of N · K probabilities, row-major (copied); null to drop them
     * @return a new history with these probabilities
     * @throws InvalidShapeException if the shape is not E × N × K
     * @throws InvalidProbabilitiesException if the most probable class of an instance differs from its recorded
     *     prediction, or the values are not probabilities
     */
    public TrainingHistory withProbabilities(float[][] p) {
        return new TrainingHistory(classes, labels, predictions, p == null ? null : copyProbabilities(p), curves, true);
    }

    /**
     * This history with per-epoch curves (name → E values, {@code NaN} where missing), replacing any before.
     *
     * @param c curve name → E values (copied); null for none
     * @return a new history with these curves
     * @throws InvalidShapeException if a curve does not have E values
     */
    public TrainingHistory withCurves(Map<String, double[]> c) {
        Map<String, double[]> m = new LinkedHashMap<>();
        if (c != null) {
            c.forEach((k, v) -> m.put(k, v == null ? null : v.clone()));
        }
        return new TrainingHistory(classes, labels, predictions, probabilities, Collections.unmodifiableMap(m), true);
    }

    private void validate() {
        if (classes < 1) {
            throw new InvalidConfigException("a training history needs at least one class but classes was " + classes);
        }
        int n = labels.length;
        if (n == 0) {
            throw new InvalidShapeException("a training history needs at least one instance but the labels are empty");
        }
        if (predictions.length == 0) {
            throw new InvalidShapeException("a training history needs at least one epoch but the predictions have none");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new InvalidProbabilitiesException("label of instance " + i + " is " + labels[i] + ", outside the classes 0.."
                        + (classes - 1));
            }
        }
        for (int e = 0; e < predictions.length; e++) {
            int[] row = predictions[e];
            if (row == null || row.length != n) {
                throw new InvalidShapeException("predictions of epoch " + e + " hold " + (row == null ? 0 : row.length)
                        + " instances but there are " + n + " labels");
            }
            for (int i = 0; i < n; i++) {
                if (row[i] < 0 || row[i] >= classes) {
                    throw new InvalidProbabilitiesException("prediction of instance " + i + " at epoch " + e + " is " + row[i]
                            + ", outside the classes 0.." + (classes - 1));
                }
            }
        }
        if (probabilities != null) {
            if (probabilities.length != predictions.length) {
                throw new InvalidShapeException("probabilities cover " + probabilities.length + " epochs but predictions "
                        + predictions.length);
            }
            for (int e = 0; e < probabilities.length; e++) {
                checkProbabilities(probabilities[e], e, n, classes);
                int[] am = argmax(probabilities[e], classes, e);
                for (int i = 0; i < n; i++) {
                    int p = predictions[e][i];
                    float best = probabilities[e][i * classes + am[i]];
                    if (p != am[i] && best - probabilities[e][i * classes + p] > 1e-6f) {
                        throw new InvalidProbabilitiesException("prediction of instance " + i + " at epoch " + e + " is class " + p
                                + " (probability " + probabilities[e][i * classes + p] + ") but the probabilities' most probable class is "
                                + am[i] + " (" + best + ")");
                    }
                }
            }
        }
        for (Map.Entry<String, double[]> c : curves.entrySet()) {
            if (c.getKey() == null || c.getKey().isBlank()) {
                throw new InvalidConfigException("a curve needs a name");
            }
            double[] v = c.getValue();
            if (v == null || v.length != predictions.length) {
                throw new InvalidShapeException("curve '" + c.getKey() + "' has " + (v == null ? 0 : v.length) + " values but the history has "
                        + predictions.length + " epochs");
            }
            for (int e = 0; e < v.length; e++) {
                if (Double.isInfinite(v[e])) {
                    throw new NonFiniteValueException("curve '" + c.getKey() + "' is " + v[e] + " at epoch " + e);
                }
            }
        }
    }

    static void checkProbabilities(float[] p, int epoch, int n, int classes) {
        if (p == null || p.length != (long) n * classes) {
            throw new InvalidShapeException("probabilities of epoch " + epoch + " hold " + (p == null ? 0 : p.length) + " values but "
                    + n + " instances × " + classes + " classes need " + (long) n * classes);
        }
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                float v = p[i * classes + k];
                if (!Float.isFinite(v)) {
                    throw new NonFiniteValueException("probabilities hold " + v + " at epoch " + epoch + ", instance " + i + ", class " + k);
                }
                if (v < -PROBABILITY_TOLERANCE || v > 1 + PROBABILITY_TOLERANCE) {
                    throw new InvalidProbabilitiesException("probability of class " + k + " for instance " + i + " at epoch " + epoch + " is "
                            + v + ", outside [0, 1] (were logits saved instead of probabilities?)");
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > PROBABILITY_TOLERANCE) {
                throw new InvalidProbabilitiesException("probabilities of instance " + i + " at epoch " + epoch + " sum to " + sum
                        + ", not 1 (were logits saved instead of probabilities?)");
            }
        }
    }

    /** The most probable class of each of the N rows of {@code p} (first on ties). */
    static int[] argmax(float[] p, int classes, int epoch) {
        if (classes < 1) {
            throw new InvalidConfigException("a training history needs at least one class but classes was " + classes);
        }
        if (p == null || p.length % classes != 0) {
            throw new InvalidShapeException("probabilities of epoch " + epoch + " hold " + (p == null ? 0 : p.length)
                    + " values, not a multiple of the " + classes + " classes");
        }
        int n = p.length / classes;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            float bv = p[i * classes];
            for (int k = 1; k < classes; k++) {
                float v = p[i * classes + k];
                if (v > bv || (Float.isNaN(bv) && !Float.isNaN(v))) {
                    bv = v;
                    best = k;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * The number of epochs E.
     *
     * @return E, at least 1
     */
    public int epochs() {
        return predictions.length;
    }

    /**
     * The number of instances N.
     *
     * @return N, at least 1
     */
    public int size() {
        return labels.length;
    }

    /**
     * The number of classes K.
     *
     * @return K, at least 1
     */
    public int classes() {
        return classes;
    }

    /**
     * A copy of the true labels.
     *
     * @return a new array of N classes, each in [0, K)
     */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * The true label of instance {@code i}.
     *
     * @param i an instance, 0 ≤ i &lt; N
     * @return its class, in [0, K)
     */
    public int label(int i) {
        return labels[i];
    }

    /**
     * A copy of the predicted classes after epoch {@code e} (0-based).
     *
     * @param e an epoch, 0 ≤ e &lt; E
     * @return a new array of N classes
     */
    public int[] predictions(int e) {
        return predictions[epochIndex(e)].clone();
    }

    /**
     * The predicted class of instance {@code i} after epoch {@code e}.
     *
     * @param e an epoch, 0 ≤ e &lt; E
     * @param i an instance, 0 ≤ i &lt; N
     * @return the class, in [0, K)
     */
    public int prediction(int e, int i) {
        return predictions[e][i];
    }

    /**
     * Whether class probabilities were recorded.
     *
     * @return true when {@link #probabilities(int)} holds values
     */
    public boolean hasProbabilities() {
        return probabilities != null;
    }

    /**
     * A copy of epoch {@code e}'s probabilities, N × K row-major; empty when none were recorded.
     *
     * @param e an epoch, 0 ≤ e &lt; E
     * @return a new array of N · K probabilities, or of length 0
     */
    public float[] probabilities(int e) {
        return probabilities == null ? new float[0] : probabilities[epochIndex(e)].clone();
    }

    /**
     * The probability of class {@code k} for instance {@code i} after epoch {@code e} ({@code NaN} when none).
     *
     * @param e an epoch, 0 ≤ e &lt; E
     * @param i an instance, 0 ≤ i &lt; N
     * @param k a class, 0 ≤ k &lt; K
     * @return the probability, in [0, 1], or NaN
     */
    public double probability(int e, int i, int k) {
        return probabilities == null ? Double.NaN : probabilities[e][i * classes + k];
    }

    /**
     * Copies of the curves, in insertion order.
     *
     * @return a new insertion-ordered map of curve name → a copy of its E values
     */
    public Map<String, double[]> curves() {
        Map<String, double[]> m = new LinkedHashMap<>();
        curves.forEach((k, v) -> m.put(k, v.clone()));
        return m;
    }

    /**
     * The names of the curves, in insertion order.
     *
     * @return an unmodifiable list of the curve names
     */
    public List<String> curveNames() {
        return List.copyOf(curves.keySet());
    }

    /** Read-only row access for the summaries (no copy). */
    int[] row(int e) {
        return predictions[e];
    }

    int[] labelsView() {
        return labels;
    }

    private int epochIndex(int e) {
        if (e < 0 || e >= predictions.length) {
            throw new InvalidConfigException("epoch " + e + " is outside 0.." + (predictions.length - 1));
        }
        return e;
    }

    // ---------------------------------------------------------------- files

    /**
     * Writes {@value #PREDICTIONS}, {@value #LABELS}, {@value #PROBABILITIES} (when recorded) and
     * {@value #CURVES} into {@code dir} (created when missing).
     *
     * @param dir the folder to write into
     * @return {@code dir}
     * @throws UncheckedIOException if a file cannot be written
     */
    public Path save(Path dir) {
        try {
            Files.createDirectories(dir);
            int e = epochs();
            int n = size();
            int[] flat = new int[e * n];
            for (int t = 0; t < e; t++) {
                System.arraycopy(predictions[t], 0, flat, t * n, n);
            }
            Npy.write(Nd4j.createFromArray(flat).reshape(e, n), dir.resolve(PREDICTIONS));
            Npy.write(Nd4j.createFromArray(labels), dir.resolve(LABELS));
            if (probabilities != null) {
                float[] fp = new float[e * n * classes];
                for (int t = 0; t < e; t++) {
                    System.arraycopy(probabilities[t], 0, fp, t * n * classes, n * classes);
                }
                Npy.write(Nd4j.create(fp, new long[] {e, n, classes}, 'c'), dir.resolve(PROBABILITIES));
            }
            Files.writeString(dir.resolve(CURVES), curvesJson() + "\n", StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the training history to " + dir, ex);
        }
        return dir;
    }

    /**
     * The curves as a JSON object: name → E numbers, {@code null} for missing ones.
     *
     * @return compact JSON text, e.g. <code>{"train_loss":[0.9,0.5,null]}</code>
     */
    public String curvesJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        curves.forEach((k, v) -> {
            List<Object> l = new ArrayList<>(v.length);
            for (double d : v) {
                l.add(Double.isNaN(d) ? null : d);
            }
            m.put(k, l);
        });
        return Json.write(m);
    }

    /**
     * Reads a history that {@link #save} wrote into {@code dir} (probabilities and curves when present).
     *
     * @param dir the folder {@link #save} wrote
     * @return the history
     * @throws InvalidConfigException if a required file is missing
     * @throws ModelFormatException if a file cannot be read or parsed
     * @throws InvalidShapeException if the arrays' shapes disagree
     */
    public static TrainingHistory load(Path dir) {
        Path p = dir.resolve(PROBABILITIES);
        Path c = dir.resolve(CURVES);
        return load(dir.resolve(PREDICTIONS), dir.resolve(LABELS), Files.exists(p) ? p : null, Files.exists(c) ? c : null);
    }

    /**
     * Reads a history from its files: predicted classes (E × N integers), labels (N integers), optionally
     * probabilities (E × N × K) and curves (JSON); {@code null} for an absent optional file. The number of
     * classes is K of the probabilities when given, else one more than the largest label or prediction.
     *
     * @param predictionsFile an {@code .npy} file of E × N integers
     * @param labelsFile an {@code .npy} file of N integers
     * @param probabilitiesFile an {@code .npy} file of E × N × K floats, or null
     * @param curvesFile a JSON file of curves, or null
     * @return the history
     * @throws InvalidConfigException if a required file is missing
     * @throws ModelFormatException if a file cannot be read or parsed
     * @throws InvalidShapeException if the arrays' shapes disagree
     */
    public static TrainingHistory load(Path predictionsFile, Path labelsFile, Path probabilitiesFile, Path curvesFile) {
        INDArray pa = read(predictionsFile, "predictions");
        INDArray la = read(labelsFile, "labels");
        if (pa.rank() != 2) {
            throw new InvalidShapeException("predictions " + predictionsFile + " must be E × N (epochs × instances) but have shape "
                    + Arrays.toString(pa.shape()));
        }
        if (la.rank() != 1) {
            throw new InvalidShapeException("labels " + labelsFile + " must be a vector of N classes but have shape "
                    + Arrays.toString(la.shape()));
        }
        int e = (int) pa.size(0);
        int n = (int) pa.size(1);
        if (la.length() != n) {
            throw new InvalidShapeException("predictions " + predictionsFile + " hold " + n + " instances per epoch (shape "
                    + Arrays.toString(pa.shape()) + ") but labels " + labelsFile + " hold " + la.length());
        }
        int[] flat = integers(pa, "predictions " + predictionsFile);
        int[][] pred = new int[e][];
        for (int t = 0; t < e; t++) {
            pred[t] = Arrays.copyOfRange(flat, t * n, (t + 1) * n);
        }
        int[] lab = integers(la, "labels " + labelsFile);
        float[][] prob = null;
        int classes;
        if (probabilitiesFile != null) {
            INDArray q = read(probabilitiesFile, "probabilities");
            if (q.rank() != 3 || q.size(0) != e || q.size(1) != n) {
                throw new InvalidShapeException("probabilities " + probabilitiesFile + " must be E × N × K = " + e + " × " + n
                        + " × K (as the predictions) but have shape " + Arrays.toString(q.shape()));
            }
            if (!q.dataType().isFPType()) {
                throw new InvalidShapeException("probabilities " + probabilitiesFile + " must be floating point but are " + q.dataType());
            }
            classes = (int) q.size(2);
            float[] all = q.castTo(DataType.FLOAT).dup('c').reshape(q.length()).toFloatVector();
            int per = n * classes;
            prob = new float[e][];
            for (int t = 0; t < e; t++) {
                prob[t] = Arrays.copyOfRange(all, t * per, (t + 1) * per);
            }
        } else {
            int max = 0;
            for (int v : lab) {
                max = Math.max(max, v);
            }
            for (int v : flat) {
                max = Math.max(max, v);
            }
            classes = max + 1;
        }
        Map<String, double[]> curves = curvesFile == null ? Map.of() : readCurves(curvesFile, e);
        TrainingHistory h = new TrainingHistory(classes, lab, pred, prob, Collections.unmodifiableMap(new LinkedHashMap<>(curves)), true);
        return h;
    }

    /**
     * Parses a curves JSON object (name → {@code epochs} numbers or nulls).
     *
     * @param json the JSON text
     * @param epochs E, the number of values each curve must have
     * @param source what to call the text in error messages, e.g. its file
     * @return curve name → E values, NaN for nulls, in the text's order
     * @throws ModelFormatException if the text is not a JSON object of number arrays
     * @throws InvalidShapeException if a curve does not have {@code epochs} values
     */
    public static Map<String, double[]> parseCurves(String json, int epochs, String source) {
        Map<String, Object> m;
        try {
            m = Json.readObject(json);
        } catch (RuntimeException ex) {
            throw new ModelFormatException("curves " + source + " are not a JSON object: " + ex.getMessage(), ex);
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> c : m.entrySet()) {
            if (!(c.getValue() instanceof List<?> l)) {
                throw new InvalidShapeException("curve '" + c.getKey() + "' in " + source + " must be a list of " + epochs
                        + " numbers (one per epoch) but is " + Json.write(c.getValue()));
            }
            if (l.size() != epochs) {
                throw new InvalidShapeException("curve '" + c.getKey() + "' in " + source + " has " + l.size() + " values but the predictions have "
                        + epochs + " epochs");
            }
            double[] v = new double[epochs];
            for (int t = 0; t < epochs; t++) {
                Object o = l.get(t);
                if (o == null) {
                    v[t] = Double.NaN;
                } else if (o instanceof Number num) {
                    v[t] = num.doubleValue();
                } else {
                    throw new InvalidShapeException("curve '" + c.getKey() + "' in " + source + " holds " + Json.write(o) + " at epoch " + t
                            + "; expected a number or null");
                }
            }
            out.put(c.getKey(), v);
        }
        return out;
    }

    private static Map<String, double[]> readCurves(Path file, int epochs) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigException("curves file not found: " + file);
        }
        try {
            return parseCurves(Files.readString(file, StandardCharsets.UTF_8), epochs, file.toString());
        } catch (IOException ex) {
            throw new ModelFormatException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static INDArray read(Path file, String what) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new InvalidConfigException(what + " file not found: " + file);
        }
        return Npy.read(file);
    }

    /** The values of an integer array, or of a floating-point one whose values are all whole numbers. */
    static int[] integers(INDArray a, String what) {
        INDArray flat = a.dup('c').reshape(a.length());
        if (a.dataType().isIntType()) {
            long[] v = flat.castTo(DataType.LONG).toLongVector();
            int[] out = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                if (v[i] < Integer.MIN_VALUE || v[i] > Integer.MAX_VALUE) {
                    throw new InvalidProbabilitiesException(what + " hold the class " + v[i] + " at flat index " + i);
                }
                out[i] = (int) v[i];
            }
            return out;
        }
        if (a.dataType() == DataType.BOOL) {
            return flat.castTo(DataType.INT).toIntVector();
        }
        double[] v = flat.castTo(DataType.DOUBLE).toDoubleVector();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i]) || Double.isInfinite(v[i])) {
                throw new NonFiniteValueException(what + " hold " + v[i] + " at flat index " + i + "; classes must be whole numbers");
            }
            if (v[i] != Math.rint(v[i]) || Math.abs(v[i]) > Integer.MAX_VALUE) {
                throw new InvalidShapeException(what + " must be class indices (whole numbers) but hold " + v[i] + " at flat index " + i
                        + " (was an E × N × K probability array passed as predictions?)");
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    private static int[] copy(int[] a, String name) {
        if (a == null) {
            throw new InvalidConfigException(name + " must not be null");
        }
        return a.clone();
    }

    private static int[][] copy(int[][] a) {
        if (a == null) {
            throw new InvalidConfigException("predictions must not be null");
        }
        int[][] c = new int[a.length][];
        for (int e = 0; e < a.length; e++) {
            c[e] = a[e] == null ? null : a[e].clone();
        }
        return c;
    }

    private static float[][] copyProbabilities(float[][] a) {
        if (a == null) {
            throw new InvalidConfigException("probabilities must not be null");
        }
        float[][] c = new float[a.length][];
        for (int e = 0; e < a.length; e++) {
            c[e] = a[e] == null ? null : a[e].clone();
        }
        return c;
    }

    /** Package access for the recorder: wraps arrays it owns without copying them again. */
    static TrainingHistory owned(int classes, int[] labels, int[][] predictions, float[][] probabilities, Map<String, double[]> curves) {
        return new TrainingHistory(classes, labels, predictions, probabilities, Collections.unmodifiableMap(new LinkedHashMap<>(curves)), true);
    }
}
