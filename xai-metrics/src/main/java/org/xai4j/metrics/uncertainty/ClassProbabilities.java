package org.xai4j.metrics.uncertainty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.Checks;
import org.xai4j.metrics.InvalidProbabilitiesException;
import org.xai4j.metrics.MapRows;
import org.xai4j.metrics.Ranks;

/**
 * Class probabilities of N samples over K classes (an N×K table in double precision), from logits by a
 * numerically stable softmax or from given probabilities after checking them. Immutable.
 */
public final class ClassProbabilities {
    /** Tolerance on the row sums of given probabilities. */
    public static final double SUM_TOLERANCE = 1e-6;

    private final double[][] p;

    private ClassProbabilities(double[][] p) {
        this.p = p;
    }

    /**
     * Softmax of N×K logits: pₖ = exp(zₖ − max z) / Σ exp(zⱼ − max z). {@code logits} is not modified.
     *
     * @param logits N×K logits, any float type
     * @return the probabilities, in double precision
     * @throws org.xai4j.core.XaiException if {@code logits} is not N×K or holds NaN or infinities
     */
    public static ClassProbabilities fromLogits(INDArray logits) {
        double[][] z = table(logits, "logits");
        for (double[] row : z) {
            double max = Arrays.stream(row).max().orElseThrow();
            double sum = 0;
            for (int k = 0; k < row.length; k++) {
                row[k] = Math.exp(row[k] - max);
                sum += row[k];
            }
            for (int k = 0; k < row.length; k++) {
                row[k] /= sum;
            }
        }
        return new ClassProbabilities(z);
    }

    /**
     * Given N×K probabilities: every entry must lie in [0, 1] and every row sum to 1 within
     * {@link #SUM_TOLERANCE}. The values are kept as given (not rescaled).
     *
     * @param probabilities N×K probabilities
     * @return the probabilities, in double precision
     * @throws InvalidProbabilitiesException naming the first offending row
     */
    public static ClassProbabilities fromProbabilities(INDArray probabilities) {
        double[][] q = table(probabilities, "probabilities");
        for (int i = 0; i < q.length; i++) {
            double sum = 0;
            for (int k = 0; k < q[i].length; k++) {
                if (q[i][k] < 0 || q[i][k] > 1) {
                    throw new InvalidProbabilitiesException("probabilities: row " + i + ", class " + k + " holds "
                            + q[i][k] + ", outside [0, 1] (pass logits to fromLogits instead)");
                }
                sum += q[i][k];
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                throw new InvalidProbabilitiesException("probabilities: row " + i + " sums to " + sum + ", not 1");
            }
        }
        return new ClassProbabilities(q);
    }

    private static double[][] table(INDArray a, String name) {
        Checks.requireRank(a, name, 2);
        if (a.size(1) < 2) {
            throw new InvalidShapeException(name + ": expected N×K with K ≥ 2 classes but got shape "
                    + Arrays.toString(a.shape()));
        }
        return MapRows.rows(a, name);
    }

    /**
     * The number of samples N.
     *
     * @return N
     */
    public int samples() {
        return p.length;
    }

    /**
     * The number of classes K.
     *
     * @return K
     */
    public int classes() {
        return p[0].length;
    }

    /**
     * A copy of the N×K table.
     *
     * @return a new N×K array
     */
    public double[][] table() {
        return Arrays.stream(p).map(double[]::clone).toArray(double[][]::new);
    }

    /**
     * The probability of class {@code k} for sample {@code i}.
     *
     * @param i a sample, 0 ≤ i &lt; N
     * @param k a class, 0 ≤ k &lt; K
     * @return the probability, in [0, 1]
     */
    public double probability(int i, int k) {
        return p[i][k];
    }

    /**
     * Each sample's most probable class (ties: the lower index).
     *
     * @return a new array of N classes
     */
    public int[] predicted() {
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = Ranks.topK(p[i], 1)[0];
        }
        return out;
    }

    /**
     * Each sample's largest probability (its confidence).
     *
     * @return a new array of N values in [1/K, 1]
     */
    public double[] confidence() {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = Arrays.stream(p[i]).max().orElseThrow();
        }
        return out;
    }

    /**
     * One row of the top-k table.
     *
     * @param classes       the k most probable classes, most probable first (ties: lower index first)
     * @param probabilities their probabilities
     */
    public record TopK(int[] classes, double[] probabilities) {
        /**
         * Copies both arrays.
         *
         * @param classes the k most probable classes, most probable first
         * @param probabilities their probabilities, same length
         */
        public TopK {
            classes = classes.clone();
            probabilities = probabilities.clone();
        }

        /**
         * The classes.
         *
         * @return a copy of the k most probable classes, most probable first
         */
        @Override
        public int[] classes() {
            return classes.clone();
        }

        /**
         * The probabilities.
         *
         * @return a copy of the probabilities of {@link #classes()}, in the same order
         */
        @Override
        public double[] probabilities() {
            return probabilities.clone();
        }
    }

    /**
     * The top-k table: for each sample, its k most probable classes with their probabilities.
     *
     * @param k the number of classes per sample, 1 ≤ k ≤ K
     * @return N rows, sample order
     * @throws InvalidConfigException if {@code k} is outside [1, K]
     */
    public List<TopK> topK(int k) {
        if (k < 1 || k > classes()) {
            throw new InvalidConfigException("top-k needs 1 ≤ k ≤ " + classes() + " classes but k = " + k);
        }
        List<TopK> out = new ArrayList<>(p.length);
        for (double[] row : p) {
            int[] c = Ranks.topK(row, k);
            double[] v = new double[k];
            for (int j = 0; j < k; j++) {
                v[j] = row[c[j]];
            }
            out.add(new TopK(c, v));
        }
        return out;
    }

    /** Fails unless {@code labels} has one class index in [0, K) per sample. */
    void requireLabels(int[] labels, String name) {
        Checks.requireNonNull(labels, name);
        if (labels.length != p.length) {
            throw new InvalidShapeException(name + ": expected " + p.length + " labels (one per sample) but got " + labels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes()) {
                throw new InvalidProbabilitiesException(name + ": sample " + i + " has class " + labels[i]
                        + ", outside 0.." + (classes() - 1));
            }
        }
    }
}
