package org.xai4j.core.target;

import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.ThreadSpares;

/**
 * Which scalar of each row's model output is being explained.
 *
 * <ul>
 *   <li>{@link #classIndex(int)} / {@link #perRow(int...)}: one class for every row, or one per row;</li>
 *   <li>{@link #predicted()}: each row's highest-scoring class;</li>
 *   <li>{@link #classOverMask(int, INDArray)}: for a segmenter (output N×K×H×W), a class's scores
 *       summed over a pixel mask;</li>
 *   <li>{@link #function(String, UnaryOperator, UnaryOperator)}: any scalarising function of the output
 *       with its gradient (pytorch-grad-cam's "targets are functions").</li>
 * </ul>
 *
 * A target turns a model output into one score per row ({@link #scores}) and gives the derivative of the
 * summed scores with respect to the output ({@link #seed}), which starts the backward pass. Explainers
 * call {@link #validate} against the output shape, then {@link #resolve} once on the original input (so
 * that "predicted" means the prediction for the input, not for a perturbed or interpolated copy), and
 * {@link #select} to follow rows through batching and expansion.
 */
public sealed interface Target permits ClassTarget, PredictedTarget, MaskTarget, FunctionTarget {

    /**
     * The same class for every row.
     *
     * @param classIndex the class, at least 0
     * @return the target
     */
    static Target classIndex(int classIndex) {
        return ClassTarget.of(classIndex);
    }

    /**
     * One class per row.
     *
     * @param classes one class per row
     * @return the target
     */
    static Target perRow(int... classes) {
        return ClassTarget.perRow(classes);
    }

    /**
     * Each row's highest-scoring class.
     *
     * @return the target; {@link #resolve} turns it into the arg-max classes of the original output
     */
    static Target predicted() {
        return PredictedTarget.INSTANCE;
    }

    /**
     * Class {@code classIndex} of a segmentation output summed over {@code mask} (H×W shared by all rows,
     * or N×H×W); mask values weight the pixels (use 0/1 for a plain region).
     *
     * @param classIndex the class, at least 0
     * @param mask the pixel weights, H×W or N×H×W (copied)
     * @return the target
     */
    static Target classOverMask(int classIndex, INDArray mask) {
        return new MaskTarget(classIndex, mask);
    }

    /**
     * Any row-wise scalarising function of the output, given with its gradient.
     *
     * @param name  recorded in provenance
     * @param score output (N×…) → N scores
     * @param seed  output → d(Σ scores)/d output, the output's shape
     * @return the target
     */
    static Target function(String name, UnaryOperator<INDArray> score, UnaryOperator<INDArray> seed) {
        return new FunctionTarget(name, score, seed);
    }

    /**
     * Fails with {@link org.xai4j.core.InvalidTargetException} unless this target fits an output of this shape.
     *
     * @param outputShape the model output's shape, N×…
     */
    void validate(long[] outputShape);

    /**
     * A target that names concrete rows and classes, computed from the output of the original input.
     *
     * @param output the model output for the original input
     * @return a resolved target; this one when it is already concrete (the default, after {@link #validate})
     */
    default Target resolve(INDArray output) {
        validate(output.shape());
        return this;
    }

    /**
     * One score per row (a vector of length N). Defaults to the score of a target linear in the output: the
     * output weighted by {@link #seed}, summed over each row.
     *
     * @param output the model output, N×…
     * @return a new vector of N scores
     */
    default INDArray scores(INDArray output) {
        return HostArrays.array(weightedRowSums(output, seed(output)), new long[] {output.size(0)}, output.dataType());
    }

    /**
     * Σ_j output[i, j]·weights[i, j] for each row i, summed in {@code double} in a Java loop, row by row and in
     * index order. An ND4J reduction over one large row is split across native threads, so its rounding
     * depended on the thread count and on how many rows shared the call (a row alone vs in a batch); this sum
     * gives the same bits for a row whatever the batch and the threads.
     *
     * @param output  the model output, N×…
     * @param weights the seed, of the output's shape
     * @return a new array of N sums
     */
    private static double[] weightedRowSums(INDArray output, INDArray weights) {
        int n = Math.toIntExact(output.size(0));
        double[] sums = new double[n];
        if (n == 0) {
            return sums;
        }
        int per = Math.toIntExact(output.length() / n);
        // one host copy of each when small (a view and two copies per row cost ten times the sum on an N×K
        // output), row by row when large (a segmentation batch need not be copied whole)
        int block = output.length() <= ThreadSpares.KEPT ? n : 1;
        for (int from = 0; from < n; from += block) {
            int to = Math.min(n, from + block);
            double[] o = HostArrays.doubles(block == n ? output : Batching.rows(output, from, to));
            double[] w = HostArrays.doubles(block == n ? weights : Batching.rows(weights, from, to));
            for (int i = from; i < to; i++) {
                double acc = 0.0;
                for (int j = (i - from) * per, end = j + per; j < end; j++) {
                    acc += o[j] * w[j];
                }
                sums[i] = acc;
            }
        }
        return sums;
    }

    /**
     * {@link #scores} as Java doubles, one per row, for explainers that work on the host. Class targets on an
     * N×K float or double output read the chosen entries directly (same values and bits; see
     * {@link ClassTarget#scoreValues}); every other target converts {@link #scores}.
     *
     * @param output the model output, N×…
     * @return a new array of N scores
     */
    default double[] scoreValues(INDArray output) {
        return HostArrays.doubles(scores(output));
    }

    /**
     * The derivative of the summed scores with respect to {@code output}: the output's shape.
     *
     * @param output the model output, N×…
     * @return a new array of the output's shape
     */
    INDArray seed(INDArray output);

    /**
     * This target for a new batch whose row j stands for row {@code rows[j]} of the batch this target was
     * made for (sub-batches, repeated rows for interpolation paths and noise samples).
     *
     * @param rows for each row of the new batch, the row of the original batch it stands for
     * @return the target for the new batch
     */
    Target select(int... rows);

    /**
     * This target for rows [from, to).
     *
     * @param from the first row, inclusive
     * @param to the last row, exclusive
     * @return the target for the {@code to − from} rows
     */
    default Target rows(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return select(r);
    }

    /**
     * Each row repeated {@code times} times in a row: row i becomes rows i·times … i·times+times−1.
     *
     * @param n the number of rows of this target's batch
     * @param times how often each row is repeated, at least 1
     * @return the target for the n · times rows
     */
    default Target repeatEach(int n, int times) {
        int[] r = new int[n * times];
        for (int i = 0; i < r.length; i++) {
            r[i] = i / times;
        }
        return select(r);
    }

    /**
     * A short human-readable description for provenance and reports.
     *
     * @return the description, e.g. {@code class 3}
     */
    String describe();
}
