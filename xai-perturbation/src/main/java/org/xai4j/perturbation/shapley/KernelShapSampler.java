package org.xai4j.perturbation.shapley;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xai4j.core.util.Rng;

/**
 * Chooses KernelSHAP's coalitions and their Shapley-kernel weights, following shap's scheme (Lundberg and
 * Lee 2017): a coalition of size s has kernel weight ∝ (F−1) / (C(F,s)·s·(F−s)); sizes s and F−s are
 * paired. Sizes are taken in order of decreasing total weight (1 and F−1 first): a size whose share of the
 * remaining budget covers all its coalitions is enumerated completely with its exact weight; the rest of
 * the budget is spent on random coalitions (size drawn by its remaining weight, members uniformly), each
 * with its complement when paired; repeats add to a coalition's weight; the random part shares the
 * weight of the sizes not enumerated.
 */
final class KernelShapSampler {
    /** Coalitions (each a bit per feature) and their weights. */
    record Design(List<boolean[]> coalitions, double[] weights) {
    }

    private KernelShapSampler() {
    }

    static Design sample(int m, int samples, boolean paired, Rng rng) {
        if (m <= 30) {
            samples = (int) Math.min(samples, (1L << m) - 2);
        }
        int sizes = paired ? (m) / 2 : m - 1;                // ceil((m-1)/2) when paired
        int pairedSizes = paired ? (m - 1) / 2 : 0;          // floor((m-1)/2)
        double[] w = new double[sizes + 1];
        double total = 0;
        for (int s = 1; s <= sizes; s++) {
            w[s] = (m - 1.0) / (s * (double) (m - s));
            if (s <= pairedSizes) {
                w[s] *= 2;
            }
            total += w[s];
        }
        for (int s = 1; s <= sizes; s++) {
            w[s] /= total;
        }
        Drawn drawn = new Drawn(samples);
        double[] remaining = w.clone();
        int left = samples;
        int fullSizes = 0;
        for (int s = 1; s <= sizes; s++) {
            double subsets = ExactShapley.binomial(m, s) * (s <= pairedSizes ? 2 : 1);
            if (left * remaining[s] / subsets < 1.0 - 1e-8) {
                break;
            }
            fullSizes++;
            left -= (int) subsets;
            if (remaining[s] < 1.0) {
                double r = remaining[s];
                for (int t = 1; t <= sizes; t++) {
                    remaining[t] /= (1.0 - r);
                }
            }
            double each = w[s] / ExactShapley.binomial(m, s) / (s <= pairedSizes ? 2 : 1);
            int[] idx = new int[s];
            for (int j = 0; j < s; j++) {
                idx[j] = j;
            }
            while (true) {
                boolean[] c = new boolean[m];
                for (int j : idx) {
                    c[j] = true;
                }
                drawn.add(c, each);
                if (s <= pairedSizes) {
                    drawn.add(complement(c), each);
                }
                if (!nextCombination(idx, m)) {
                    break;
                }
            }
        }
        int fixed = drawn.size;
        if (fullSizes < sizes && left > 0) {
            double[] rw = new double[sizes - fullSizes];
            double sum = 0;
            for (int s = fullSizes + 1; s <= sizes; s++) {
                rw[s - fullSizes - 1] = s <= pairedSizes ? w[s] / 2 : w[s];
                sum += rw[s - fullSizes - 1];
            }
            for (int j = 0; j < rw.length; j++) {
                rw[j] /= sum;
            }
            int attempts = 4 * left;
            for (int a = 0; a < attempts && left > 0; a++) {
                int s = fullSizes + 1 + draw(rw, rng);
                int[] perm = rng.permutation(m);
                boolean[] c = new boolean[m];
                for (int j = 0; j < s; j++) {
                    c[perm[j]] = true;
                }
                if (drawn.add(c, 1.0)) {
                    left--;
                }
                if (s <= pairedSizes && left > 0) {
                    if (drawn.add(complement(c), 1.0)) {
                        left--;
                    }
                }
            }
            double weightLeft = 0;
            for (int s = fullSizes + 1; s <= sizes; s++) {
                weightLeft += w[s];
            }
            double sampled = 0;
            for (int k = fixed; k < drawn.size; k++) {
                sampled += drawn.weights[k];
            }
            for (int k = fixed; k < drawn.size; k++) {
                drawn.weights[k] = drawn.weights[k] * weightLeft / sampled;
            }
        }
        return new Design(drawn.coalitions, Arrays.copyOf(drawn.weights, drawn.size));
    }

    /** The distinct coalitions drawn so far, in order of first appearance, each with its summed weight. */
    private static final class Drawn {
        final List<boolean[]> coalitions = new ArrayList<>();
        double[] weights;
        int size;
        private final Map<Bits, Integer> seen;

        Drawn(int expected) {
            int initial = Math.min(Math.max(16, expected), 1 << 16);
            weights = new double[initial];
            seen = new HashMap<>(2 * initial);
        }

        /** Adds a coalition, or adds its weight to the same coalition seen before; true when it was new. */
        boolean add(boolean[] c, double weight) {
            Integer at = seen.putIfAbsent(new Bits(c), size);
            if (at != null) {
                weights[at] += weight;
                return false;
            }
            if (size == weights.length) {
                weights = Arrays.copyOf(weights, 2 * size);
            }
            coalitions.add(c);
            weights[size++] = weight;
            return true;
        }
    }

    /** A coalition as a key: its members packed 64 to a word. */
    private record Bits(long[] words) {
        Bits(boolean[] c) {
            this(new long[(c.length + 63) / 64]);
            for (int i = 0; i < c.length; i++) {
                words[i >>> 6] |= (c[i] ? 1L : 0L) << i; // no branch: members are random
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bits b && Arrays.equals(words, b.words);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(words);
        }
    }

    private static boolean[] complement(boolean[] c) {
        boolean[] r = new boolean[c.length];
        for (int i = 0; i < c.length; i++) {
            r[i] = !c[i];
        }
        return r;
    }

    /** Index drawn with the given probabilities. */
    private static int draw(double[] p, Rng rng) {
        double u = rng.nextDouble();
        double acc = 0;
        for (int j = 0; j < p.length; j++) {
            acc += p[j];
            if (u < acc) {
                return j;
            }
        }
        return p.length - 1;
    }

    /** Advances {@code idx} (strictly increasing, values below m) to the next combination; false at the end. */
    private static boolean nextCombination(int[] idx, int m) {
        int k = idx.length;
        int i = k - 1;
        while (i >= 0 && idx[i] == m - k + i) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        idx[i]++;
        for (int j = i + 1; j < k; j++) {
            idx[j] = idx[j - 1] + 1;
        }
        return true;
    }
}
