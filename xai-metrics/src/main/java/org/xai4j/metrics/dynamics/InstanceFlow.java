package org.xai4j.metrics.dynamics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;

/**
 * The data of an InstanceFlow view (Pühringer et al., "InstanceFlow: Visualizing the Evolution of Classifier
 * Confusion at the Instance Level", IEEE VIS 2020): for chosen epochs e₀ &lt; e₁ &lt; … and a chosen set of
 * instances, how many of them each class held after each epoch ({@link #counts}) and how many moved from
 * class a after eⱼ to class b after eⱼ₊₁ ({@link #flows}). Epochs need not be consecutive: a flow then
 * joins the two chosen epochs directly. Every flow matrix sums to the number of chosen instances, its row
 * sums are the counts of the earlier epoch and its column sums those of the later one.
 *
 * @param epochs    the chosen epochs, 0-based, increasing, at least two
 * @param instances the number of chosen instances
 * @param counts    [j][k]: chosen instances predicted k after epochs[j]
 * @param flows     [j][a][b]: chosen instances predicted a after epochs[j] and b after epochs[j + 1]
 */
public record InstanceFlow(int[] epochs, int instances, long[][] counts, long[][][] flows) {

    /**
     * Every epoch, every instance.
     *
     * @param h the history
     * @return the flows between every pair of consecutive epochs, over all N instances
     */
    public static InstanceFlow of(TrainingHistory h) {
        return of(h, allEpochs(h), allInstances(h));
    }

    /**
     * The chosen epochs (0-based, increasing, at least two) and instances (indices, no repeats).
     *
     * @param h the history
     * @param epochs the epochs to show, 0-based and increasing
     * @param instances the instance indices to count, e.g. from {@link #changed} or {@link #ofLabel}
     * @return the counts and flows of the chosen instances between consecutive chosen epochs
     * @throws InvalidShapeException  fewer than two epochs (chosen or in the history), no instance
     * @throws InvalidConfigException an epoch or instance out of range, not increasing or repeated
     */
    public static InstanceFlow of(TrainingHistory h, int[] epochs, int[] instances) {
        if (h.epochs() < 2) {
            throw new InvalidShapeException("the flow view needs predictions of at least two epochs but the history has " + h.epochs());
        }
        if (epochs == null || epochs.length < 2) {
            throw new InvalidShapeException("the flow view needs at least two epochs but " + (epochs == null ? 0 : epochs.length)
                    + " were chosen");
        }
        for (int j = 0; j < epochs.length; j++) {
            if (epochs[j] < 0 || epochs[j] >= h.epochs()) {
                throw new InvalidConfigException("chosen epoch " + epochs[j] + " is outside 0.." + (h.epochs() - 1));
            }
            if (j > 0 && epochs[j] <= epochs[j - 1]) {
                throw new InvalidConfigException("chosen epochs must increase but " + epochs[j] + " follows " + epochs[j - 1]);
            }
        }
        if (instances == null || instances.length == 0) {
            throw new InvalidShapeException("the flow view needs at least one instance but none was chosen");
        }
        boolean[] seen = new boolean[h.size()];
        for (int i : instances) {
            if (i < 0 || i >= h.size()) {
                throw new InvalidConfigException("chosen instance " + i + " is outside 0.." + (h.size() - 1));
            }
            if (seen[i]) {
                throw new InvalidConfigException("instance " + i + " is chosen twice");
            }
            seen[i] = true;
        }
        int k = h.classes();
        long[][] counts = new long[epochs.length][k];
        long[][][] flows = new long[epochs.length - 1][k][k];
        for (int j = 0; j < epochs.length; j++) {
            int[] p = h.row(epochs[j]);
            int[] q = j + 1 < epochs.length ? h.row(epochs[j + 1]) : null;
            for (int i : instances) {
                counts[j][p[i]]++;
                if (q != null) {
                    flows[j][p[i]][q[i]]++;
                }
            }
        }
        return new InstanceFlow(epochs.clone(), instances.length, counts, flows);
    }

    /**
     * The indices 0 … E−1.
     *
     * @param h the history
     * @return a new array [0, 1, …, E − 1]
     */
    public static int[] allEpochs(TrainingHistory h) {
        int[] e = new int[h.epochs()];
        Arrays.setAll(e, t -> t);
        return e;
    }

    /**
     * The indices 0 … N−1.
     *
     * @param h the history
     * @return a new array [0, 1, …, N − 1]
     */
    public static int[] allInstances(TrainingHistory h) {
        int[] e = new int[h.size()];
        Arrays.setAll(e, t -> t);
        return e;
    }

    /**
     * Instances whose prediction changed at least once between consecutive epochs (the "changed only" filter).
     *
     * @param h the history
     * @return the instance indices, increasing; empty when no prediction ever changed
     */
    public static int[] changed(TrainingHistory h) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            for (int e = 1; e < h.epochs(); e++) {
                if (h.row(e)[i] != h.row(e - 1)[i]) {
                    l.add(i);
                    break;
                }
            }
        }
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Instances whose true label is {@code k} (the "one class" filter).
     *
     * @param h the history
     * @param k a class, 0 ≤ k &lt; K
     * @return the instance indices with label {@code k}, increasing
     * @throws InvalidConfigException if {@code k} is not a class of the history
     */
    public static int[] ofLabel(TrainingHistory h, int k) {
        if (k < 0 || k >= h.classes()) {
            throw new InvalidConfigException("class " + k + " is outside 0.." + (h.classes() - 1));
        }
        List<Integer> l = new ArrayList<>();
        int[] y = h.labelsView();
        for (int i = 0; i < y.length; i++) {
            if (y[i] == k) {
                l.add(i);
            }
        }
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The instances in both sets (order of {@code a}).
     *
     * @param a instance indices
     * @param b instance indices
     * @return a new array of the entries of {@code a} that are also in {@code b}
     */
    public static int[] intersect(int[] a, int[] b) {
        java.util.Set<Integer> s = new java.util.HashSet<>();
        for (int v : b) {
            s.add(v);
        }
        return Arrays.stream(a).filter(s::contains).toArray();
    }

    /**
     * The chosen epochs.
     *
     * @return a copy of the chosen epochs, 0-based, increasing
     */
    @Override
    public int[] epochs() {
        return epochs.clone();
    }

    /**
     * The class counts per chosen epoch.
     *
     * @return a copy: [j][k] is the number of chosen instances predicted k after {@code epochs()[j]}
     */
    @Override
    public long[][] counts() {
        return Arrays.stream(counts).map(long[]::clone).toArray(long[][]::new);
    }

    /**
     * The flow matrices between consecutive chosen epochs.
     *
     * @return a copy: [j][a][b] is the number of chosen instances predicted a after {@code epochs()[j]} and b
     *     after {@code epochs()[j + 1]}
     */
    @Override
    public long[][][] flows() {
        long[][][] f = new long[flows.length][][];
        for (int j = 0; j < flows.length; j++) {
            f[j] = Arrays.stream(flows[j]).map(long[]::clone).toArray(long[][]::new);
        }
        return f;
    }
}
