package org.xai4j.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Ranks and top-k selections shared by the rank-based metrics; they never reorder their argument. */
public final class Ranks {
    private Ranks() {
    }

    /**
     * Ranks 1..n of {@code v}, ties sharing the mean of the ranks they span (scipy's {@code rankdata} "average").
     *
     * @param v the values (not modified)
     * @return a new array of ranks, 1 for the smallest
     */
    public static double[] averageRanks(double[] v) {
        int n = v.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1.0;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }

    /**
     * The indices of the {@code k} largest values of {@code key}; among equal values the lower index
     * comes first.
     *
     * @param key the values (not modified)
     * @param k how many, 0 ≤ k ≤ length
     * @return a new array of k indices, largest value first
     */
    public static int[] topK(double[] key, int k) {
        Integer[] order = IntStream.range(0, key.length).boxed().toArray(Integer[]::new);
        // Arrays.sort on objects is stable: equal keys keep their index order.
        Arrays.sort(order, (x, y) -> Double.compare(key[y], key[x]));
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = order[i];
        }
        return out;
    }
}
