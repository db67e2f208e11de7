package org.xai4j.metrics.dynamics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xai4j.core.InvalidConfigException;

/**
 * The summary of a {@link TrainingHistory}: how each instance's prediction moved over the epochs, how each
 * class and epoch fared, and how instances flowed between classes from one epoch to the next — the numbers
 * behind InstanceFlow (Pühringer et al., IEEE VIS 2020) and the confusion-evolution view. With p(e, i) the
 * class predicted for instance i after epoch e (e = 0 … E−1) and y(i) its label:
 * <ul>
 *   <li><b>changes</b>(i) = #{e ≥ 1 : p(e, i) ≠ p(e−1, i)}; <b>frequency</b>(i) = changes / (E − 1), 0 when E = 1;</li>
 *   <li><b>variability</b>(i) = the number of distinct classes p(·, i) visited (1 … min(E, K));</li>
 *   <li><b>misclassification rate</b>(i) = #{e : p(e, i) ≠ y(i)} / E;</li>
 *   <li><b>correct from</b>(i) = the smallest e with p(e′, i) = y(i) for every e′ ≥ e, or −1 when the last
 *       epoch is wrong (never learned to stay);</li>
 *   <li><b>forgetting events</b>(i) = #{e ≥ 1 : p(e−1, i) = y(i), p(e, i) ≠ y(i)} (Toneva et al., "An Empirical
 *       Study of Example Forgetting during Deep Neural Network Learning", ICLR 2019);</li>
 *   <li><b>accuracy</b>(e) and <b>class accuracy</b>(e, k) (recall of class k; NaN for a class without
 *       instances); <b>confusion</b>(e)[t][q] = #{i : y(i) = t, p(e, i) = q};</li>
 *   <li><b>flows</b>(e)[a][b] = #{i : p(e, i) = a, p(e+1, i) = b} for e = 0 … E−2: each matrix sums to N, its row
 *       sums are epoch e's predicted-class counts and its column sums epoch e+1's;</li>
 *   <li><b>unstable</b>: frequency ≥ {@link DynamicsConfig#unstableFrequency} and at least one change, most
 *       frequent first; <b>never learned</b>: wrong after every epoch.</li>
 * </ul>
 * One pass over the E × N classes: O(E·N + E·K²) time, O(N + E·K²) memory besides the history.
 */
public final class TrainingDynamics {
    private final DynamicsConfig config;
    private final int epochs;
    private final int size;
    private final int classes;
    private final int[] labels;
    private final int[] changes;
    private final int[] variability;
    private final int[] wrong;
    private final int[] correctFrom;
    private final int[] forgetting;
    private final long[][][] confusion;
    private final long[][][] flows;

    private TrainingDynamics(TrainingHistory h, DynamicsConfig config) {
        this.config = config;
        this.epochs = h.epochs();
        this.size = h.size();
        this.classes = h.classes();
        this.labels = h.labelsView();
        int n = size;
        int k = classes;
        changes = new int[n];
        wrong = new int[n];
        forgetting = new int[n];
        correctFrom = new int[n];
        confusion = new long[epochs][k][k];
        flows = new long[Math.max(0, epochs - 1)][k][k];
        // Visited classes: a bit mask per instance when K ≤ 64, else a bit set.
        long[] masks = k <= 64 ? new long[n] : null;
        java.util.BitSet[] sets = k <= 64 ? null : new java.util.BitSet[n];
        int[] prev = null;
        for (int e = 0; e < epochs; e++) {
            int[] p = h.row(e);
            long[][] conf = confusion[e];
            long[][] flow = e > 0 ? flows[e - 1] : null;
            for (int i = 0; i < n; i++) {
                int q = p[i];
                int y = labels[i];
                conf[y][q]++;
                boolean ok = q == y;
                if (!ok) {
                    wrong[i]++;
                }
                // correctFrom: the epoch after the last wrong one, as long as the instance stays correct.
                if (!ok) {
                    correctFrom[i] = e + 1;
                }
                if (masks != null) {
                    masks[i] |= 1L << q;
                } else {
                    if (sets[i] == null) {
                        sets[i] = new java.util.BitSet(k);
                    }
                    sets[i].set(q);
                }
                if (prev != null) {
                    int a = prev[i];
                    flow[a][q]++;
                    if (a != q) {
                        changes[i]++;
                    }
                    if (a == y && !ok) {
                        forgetting[i]++;
                    }
                }
            }
            prev = p;
        }
        variability = new int[n];
        for (int i = 0; i < n; i++) {
            variability[i] = masks != null ? Long.bitCount(masks[i]) : sets[i].cardinality();
            if (correctFrom[i] == epochs) {
                correctFrom[i] = -1;
            }
        }
    }

    /**
     * The summary of {@code history} with the default settings.
     *
     * @param history the recorded history
     * @return the summary with {@link DynamicsConfig#DEFAULTS}
     */
    public static TrainingDynamics of(TrainingHistory history) {
        return of(history, DynamicsConfig.DEFAULTS);
    }

    /**
     * The summary of {@code history}.
     *
     * @param history the recorded history
     * @param config the settings; null for {@link DynamicsConfig#DEFAULTS}
     * @return the summary
     * @throws InvalidConfigException if {@code history} is null
     */
    public static TrainingDynamics of(TrainingHistory history, DynamicsConfig config) {
        if (history == null) {
            throw new InvalidConfigException("history must not be null");
        }
        return new TrainingDynamics(history, config == null ? DynamicsConfig.DEFAULTS : config);
    }

    /**
     * The settings.
     *
     * @return the settings the summary was made with
     */
    public DynamicsConfig config() {
        return config;
    }

    /**
     * E.
     *
     * @return the number of epochs E
     */
    public int epochs() {
        return epochs;
    }

    /**
     * N.
     *
     * @return the number of instances N
     */
    public int size() {
        return size;
    }

    /**
     * K.
     *
     * @return the number of classes K
     */
    public int classes() {
        return classes;
    }

    /**
     * Per instance: the number of epoch-to-epoch transitions where the prediction changed.
     *
     * @return a new array of N counts, each in [0, E − 1]
     */
    public int[] changes() {
        return changes.clone();
    }

    /**
     * Per instance: changes / (E − 1), 0 when E = 1.
     *
     * @return a new array of N fractions in [0, 1]
     */
    public double[] frequency() {
        double[] f = new double[size];
        if (epochs > 1) {
            for (int i = 0; i < size; i++) {
                f[i] = changes[i] / (double) (epochs - 1);
            }
        }
        return f;
    }

    /**
     * Per instance: the number of distinct predicted classes over the epochs.
     *
     * @return a new array of N counts, each in [1, min(E, K)]
     */
    public int[] variability() {
        return variability.clone();
    }

    /**
     * Per instance: the fraction of epochs whose prediction was wrong.
     *
     * @return a new array of N fractions in [0, 1]
     */
    public double[] misclassificationRate() {
        double[] r = new double[size];
        for (int i = 0; i < size; i++) {
            r[i] = wrong[i] / (double) epochs;
        }
        return r;
    }

    /**
     * Per instance: the first epoch (0-based) from which the prediction stays correct; −1 when the last is wrong.
     *
     * @return a new array of N epochs, each in [−1, E − 1]
     */
    public int[] correctFrom() {
        return correctFrom.clone();
    }

    /**
     * Per instance: correct → wrong transitions.
     *
     * @return a new array of N counts, each in [0, E − 1]
     */
    public int[] forgettingEvents() {
        return forgetting.clone();
    }

    /**
     * Per epoch: the share of correct predictions.
     *
     * @return a new array of E accuracies in [0, 1]
     */
    public double[] epochAccuracy() {
        double[] a = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            long d = 0;
            for (int k = 0; k < classes; k++) {
                d += confusion[e][k][k];
            }
            a[e] = d / (double) size;
        }
        return a;
    }

    /**
     * Per epoch and class: the share of the class's instances predicted correctly; NaN for a class without instances.
     *
     * @return a new E × K array of accuracies in [0, 1] or NaN
     */
    public double[][] classAccuracy() {
        double[][] a = new double[epochs][classes];
        for (int e = 0; e < epochs; e++) {
            for (int k = 0; k < classes; k++) {
                long row = Arrays.stream(confusion[e][k]).sum();
                a[e][k] = row == 0 ? Double.NaN : confusion[e][k][k] / (double) row;
            }
        }
        return a;
    }

    /**
     * The instances of each class (row sums of any confusion matrix).
     *
     * @return a new array of K counts summing to N
     */
    public long[] classCounts() {
        long[] c = new long[classes];
        for (int k = 0; k < classes; k++) {
            c[k] = Arrays.stream(confusion[0][k]).sum();
        }
        return c;
    }

    /**
     * The confusion matrix after epoch {@code e}: rows true class, columns predicted (a copy).
     *
     * @param e an epoch, 0-based
     * @return a new K × K matrix of counts summing to N
     * @throws InvalidConfigException if {@code e} is outside [0, E)
     */
    public long[][] confusion(int e) {
        if (e < 0 || e >= epochs) {
            throw new InvalidConfigException("epoch " + e + " is outside 0.." + (epochs - 1));
        }
        return copy(confusion[e]);
    }

    /**
     * The E − 1 flow matrices (copies): [e][a][b] instances predicted a after epoch e and b after epoch e + 1.
     *
     * @return a new (E − 1) × K × K array of counts; each matrix sums to N
     */
    public long[][][] flows() {
        long[][][] f = new long[flows.length][][];
        for (int e = 0; e < flows.length; e++) {
            f[e] = copy(flows[e]);
        }
        return f;
    }

    /**
     * Unstable instances (see the class comment), most frequently changing first, then by index.
     *
     * @return the instance indices; empty when none is unstable
     */
    public int[] unstable() {
        double[] f = frequency();
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (changes[i] > 0 && f[i] >= config.unstableFrequency()) {
                l.add(i);
            }
        }
        l.sort(Comparator.<Integer>comparingInt(i -> -changes[i]).thenComparingInt(i -> i));
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Instances wrong after every epoch, by index.
     *
     * @return the instance indices, increasing
     */
    public int[] neverLearned() {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (wrong[i] == epochs) {
                l.add(i);
            }
        }
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /** How the rows of the confusion-evolution view can be sorted. */
    public enum Order {
        /** Most often wrong first, then most often changing, then by label. */
        MISCLASSIFICATION,
        /** Most often changing first, then most classes visited, then most often wrong. */
        FREQUENCY,
        /** Most classes visited first, then most often changing. */
        VARIABILITY,
        /** Learned latest first: never-learned, then by decreasing first stable epoch. */
        LEARNED,
        /** By true label, most often wrong first within a label. */
        LABEL
    }

    /**
     * All instance indices in the given order; ties by index.
     *
     * @param order the sort key
     * @return a permutation of 0 … N − 1
     */
    public int[] order(Order order) {
        Comparator<Integer> byWrong = Comparator.comparingInt(i -> -wrong[i]);
        Comparator<Integer> byChanges = Comparator.comparingInt(i -> -changes[i]);
        Comparator<Integer> byVisited = Comparator.comparingInt(i -> -variability[i]);
        Comparator<Integer> byLabel = Comparator.comparingInt(i -> labels[i]);
        Comparator<Integer> byLearned = Comparator.comparingInt(i -> correctFrom[i] < 0 ? Integer.MIN_VALUE : -correctFrom[i]);
        Comparator<Integer> c = switch (order == null ? Order.MISCLASSIFICATION : order) {
            case MISCLASSIFICATION -> byWrong.thenComparing(byChanges).thenComparing(byLabel);
            case FREQUENCY -> byChanges.thenComparing(byVisited).thenComparing(byWrong);
            case VARIABILITY -> byVisited.thenComparing(byChanges).thenComparing(byWrong);
            case LEARNED -> byLearned.thenComparing(byWrong);
            case LABEL -> byLabel.thenComparing(byWrong).thenComparing(byChanges);
        };
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, c.thenComparingInt(i -> i));
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    /**
     * At most {@code max} of {@code ordered}, evenly spaced along it (the first and last always kept), so a
     * picture of 100,000 instances keeps the shape of the sorted order; all of them when there are few.
     *
     * @param ordered instance indices in a chosen order
     * @param max the most to keep, at least 2
     * @return a new array of min(max, length) entries of {@code ordered}, in its order
     * @throws InvalidConfigException if {@code max} is below 2
     */
    public static int[] sample(int[] ordered, int max) {
        if (max < 1) {
            throw new InvalidConfigException("a sample needs at least one row but max was " + max);
        }
        if (ordered.length <= max) {
            return ordered.clone();
        }
        int[] out = new int[max];
        if (max == 1) {
            out[0] = ordered[0];
            return out;
        }
        for (int r = 0; r < max; r++) {
            out[r] = ordered[(int) Math.round(r * (ordered.length - 1) / (double) (max - 1))];
        }
        return out;
    }

    /**
     * The summary as a JSON-ready map: {@code epochs}, {@code instances}, {@code classes}, {@code per_instance}
     * (arrays over instances: {@code frequency}, {@code variability}, {@code misclassification_rate},
     * {@code changes}, {@code correct_from_epoch} (0-based, −1 never), {@code forgetting_events}),
     * {@code per_epoch_accuracy}, {@code per_class_accuracy} (E × K, {@code null} for a class without
     * instances), {@code confusion} (E × K × K, rows true class), {@code flows} (E − 1 K × K matrices),
     * {@code unstable}, {@code never_learned} and {@code config}.
     *
     * @return a new insertion-ordered map of plain values (numbers, strings, arrays, maps)
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", epochs);
        m.put("instances", size);
        m.put("classes", classes);
        Map<String, Object> pi = new LinkedHashMap<>();
        pi.put("frequency", doubles(frequency()));
        pi.put("variability", ints(variability));
        pi.put("misclassification_rate", doubles(misclassificationRate()));
        pi.put("changes", ints(changes));
        pi.put("correct_from_epoch", ints(correctFrom));
        pi.put("forgetting_events", ints(forgetting));
        m.put("per_instance", pi);
        m.put("per_epoch_accuracy", doubles(epochAccuracy()));
        List<Object> ca = new ArrayList<>();
        for (double[] row : classAccuracy()) {
            ca.add(doubles(row));
        }
        m.put("per_class_accuracy", ca);
        m.put("confusion", matrices(confusion));
        m.put("flows", matrices(flows));
        m.put("unstable", ints(unstable()));
        m.put("never_learned", ints(neverLearned()));
        Map<String, Object> cfg = new LinkedHashMap<>(config.toMap());
        m.put("config", cfg);
        return m;
    }

    private static List<Object> doubles(double[] v) {
        List<Object> l = new ArrayList<>(v.length);
        for (double d : v) {
            l.add(Double.isNaN(d) ? null : d);
        }
        return l;
    }

    private static List<Object> ints(int[] v) {
        List<Object> l = new ArrayList<>(v.length);
        for (int d : v) {
            l.add(d);
        }
        return l;
    }

    private static List<Object> matrices(long[][][] m) {
        List<Object> l = new ArrayList<>(m.length);
        for (long[][] mat : m) {
            List<Object> rows = new ArrayList<>(mat.length);
            for (long[] r : mat) {
                List<Object> row = new ArrayList<>(r.length);
                for (long v : r) {
                    row.add(v);
                }
                rows.add(row);
            }
            l.add(rows);
        }
        return l;
    }

    private static long[][] copy(long[][] a) {
        return Arrays.stream(a).map(long[]::clone).toArray(long[][]::new);
    }
}
