package org.xai4j.perturbation.shapley;

import java.util.ArrayList;
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
        List<boolean[]> coalitions = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
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
                add(c, each, coalitions, weights, seen);
                if (s <= pairedSizes) {
                    add(complement(c), each, coalitions, weights, seen);
                }
                if (!nextCombination(idx, m)) {
                    break;
                }
            }
        }
        int fixed = coalitions.size();
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
                if (add(c, 1.0, coalitions, weights, seen)) {
                    left--;
                }
                if (s <= pairedSizes && left > 0) {
                    if (add(complement(c), 1.0, coalitions, weights, seen)) {
                        left--;
                    }
                }
            }
            double weightLeft = 0;
            for (int s = fullSizes + 1; s <= sizes; s++) {
                weightLeft += w[s];
            }
            double sampled = 0;
            for (int k = fixed; k < weights.size(); k++) {
                sampled += weights.get(k);
            }
            for (int k = fixed; k < weights.size(); k++) {
                weights.set(k, weights.get(k) * weightLeft / sampled);
            }
        }
        double[] wArr = new double[weights.size()];
        for (int k = 0; k < wArr.length; k++) {
            wArr[k] = weights.get(k);
        }
        return new Design(coalitions, wArr);
    }

    /** Adds a coalition, or adds its weight to the same coalition seen before; true when it was new. */
    private static boolean add(boolean[] c, double weight, List<boolean[]> coalitions, List<Double> weights,
                               Map<String, Integer> seen) {
        String key = key(c);
        Integer at = seen.get(key);
        if (at != null) {
            weights.set(at, weights.get(at) + weight);
            return false;
        }
        seen.put(key, coalitions.size());
        coalitions.add(c);
        weights.add(weight);
        return true;
    }

    private static String key(boolean[] c) {
        char[] k = new char[c.length];
        for (int i = 0; i < c.length; i++) {
            k[i] = c[i] ? '1' : '0';
        }
        return new String(k);
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
