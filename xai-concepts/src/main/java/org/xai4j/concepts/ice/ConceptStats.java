package org.xai4j.concepts.ice;

import java.util.Arrays;
import java.util.Comparator;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;

/**
 * Summaries of concept scores (N × K, row-major): the images where each concept is strongest or weakest, and the
 * fraction of each class's images where a concept is present.
 */
public final class ConceptStats {
    private ConceptStats() {
    }

    /**
     * The indices of the {@code count} images with the highest score of concept {@code k} (ties: lower index first).
     *
     * @param scores N × K concept scores, row-major
     * @param concepts K
     * @param k the concept, 0 ≤ k &lt; K
     * @param count how many images, at most N
     * @return the image indices, highest score first
     */
    public static int[] top(double[] scores, int concepts, int k, int count) {
        return ranked(scores, concepts, k, count, true);
    }

    /**
     * The indices of the {@code count} images with the lowest score of concept {@code k} (ties: lower index first).
     *
     * @param scores N × K concept scores, row-major
     * @param concepts K
     * @param k the concept, 0 ≤ k &lt; K
     * @param count how many images, at most N
     * @return the image indices, lowest score first
     */
    public static int[] bottom(double[] scores, int concepts, int k, int count) {
        return ranked(scores, concepts, k, count, false);
    }

    private static int[] ranked(double[] scores, int concepts, int k, int count, boolean descending) {
        if (concepts < 1 || scores.length % concepts != 0) {
            throw new InvalidShapeException("scores: " + scores.length + " values are not N × " + concepts);
        }
        if (k < 0 || k >= concepts) {
            throw new InvalidConfigException("concept index " + k + " is outside 0.." + (concepts - 1));
        }
        int n = scores.length / concepts;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Comparator<Integer> byScore = Comparator.comparingDouble(i -> scores[i * concepts + k]);
        Arrays.sort(idx, (descending ? byScore.reversed() : byScore).thenComparingInt(i -> i));
        int m = Math.min(Math.max(count, 0), n);
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    /**
     * Presence per class: entry [cls][k] is the fraction of the images labelled {@code cls} whose score of concept k
     * is at least {@code threshold} times the largest score of concept k over all images ({@code NaN} for a class
     * with no image).
     *
     * @param scores N × K concept scores, row-major
     * @param concepts K
     * @param labels the class of each of the N images
     * @param classes the number of classes
     * @param threshold the fraction of a concept's largest score at which it counts as present, in [0, 1]
     * @return a new classes × K array of fractions in [0, 1] or NaN
     */
    public static double[][] presence(double[] scores, int concepts, int[] labels, int classes, double threshold) {
        int n = scores.length / concepts;
        if (labels == null || labels.length != n) {
            throw new InvalidShapeException("labels: expected one label per image (" + n + ") but got "
                    + (labels == null ? "null" : labels.length));
        }
        double[] max = new double[concepts];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < concepts; k++) {
                max[k] = Math.max(max[k], scores[i * concepts + k]);
            }
        }
        double[][] out = new double[classes][concepts];
        int[] count = new int[classes];
        for (int i = 0; i < n; i++) {
            int y = labels[i];
            if (y < 0 || y >= classes) {
                throw new InvalidConfigException("label " + y + " of image " + i + " is outside 0.." + (classes - 1));
            }
            count[y]++;
            for (int k = 0; k < concepts; k++) {
                if (max[k] > 0 && scores[i * concepts + k] >= threshold * max[k]) {
                    out[y][k]++;
                }
            }
        }
        for (int y = 0; y < classes; y++) {
            for (int k = 0; k < concepts; k++) {
                out[y][k] = count[y] == 0 ? Double.NaN : out[y][k] / count[y];
            }
        }
        return out;
    }
}
