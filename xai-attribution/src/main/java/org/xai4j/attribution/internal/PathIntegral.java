package org.xai4j.attribution.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.XaiException;
import org.xai4j.core.util.HostArrays;
import org.xai4j.attribution.gradient.IntegratedGradients;
import org.xai4j.attribution.gradient.QuadratureRule;
import org.xai4j.attribution.layer.LayerIntegratedGradients;

/**
 * The straight-line path integral shared by {@link IntegratedGradients} and {@link LayerIntegratedGradients}:
 * for N rows of D values from {@code start} (the baseline) to {@code end}, accumulates
 * Σ_s w_s ∇f(start + α_s(end − start)) per row, with the points of all rows sent in blocks of at most
 * {@code maxRows} (see {@link Blocks}). Memory: start, end − start and the sum (3·N·D doubles) plus one
 * block, whatever the number of steps. A block's points are written straight into the array the model gets, and
 * its gradients read straight from the model's array, a window at a time ({@link HostArrays#filled},
 * {@link HostArrays#forEachWindow}), with no whole-block Java copy on either side.
 */
public final class PathIntegral {
    /** Gradients at the points of one block. */
    public interface BlockGradient {
        /**
         * The gradients at {@code points}, which hold {@code rowOf.length} rows shaped like the path's rows.
         *
         * @param rowOf  for each row of {@code points}, the path row it lies on
         * @param points the block's points, a new array that is freed once the gradients have been read
         * @return the gradients, as many values as {@code points} (in row-major order); only read
         */
        INDArray at(int[] rowOf, INDArray points);
    }

    private final int n;
    private final int d;
    private final long[] shape;
    private final DataType type;
    private final double[] start;
    private final double[] diff;
    private final double[] sum;

    /**
     * A path from {@code start} to {@code end}, N rows of D values each, whose points go to the model as arrays of
     * {@code shape} (with the block's rows as the first axis) and {@code type}.
     *
     * @param start the baseline, row-major
     * @param end   the input, row-major, as long as {@code start}
     * @param shape the shape of all N rows (N × …)
     * @param type  the points' data type
     */
    public PathIntegral(double[] start, double[] end, long[] shape, DataType type) {
        this.n = Math.toIntExact(shape[0]);
        this.d = start.length / n;
        this.shape = shape.clone();
        this.type = type;
        this.start = start;
        this.diff = end.clone();
        for (int e = 0; e < diff.length; e++) {
            diff[e] -= start[e];
        }
        this.sum = new double[start.length];
    }

    /** Runs every block of the rule's points through {@code gradient} and sums the weighted gradients. */
    public PathIntegral run(QuadratureRule rule, int maxRows, BlockGradient gradient) {
        for (Blocks.Block block : Blocks.plan(n, rule.size(), maxRows)) {
            int[] rowOf = block.rowOf();
            int[] sampleOf = block.sampleOf();
            int m = rowOf.length;
            double[] alpha = new double[m];
            double[] weight = new double[m];
            for (int j = 0; j < m; j++) {
                alpha[j] = rule.alpha(sampleOf[j]);
                weight[j] = rule.weight(sampleOf[j]);
            }
            INDArray points = HostArrays.filled(FlatRows.withRows(m, shape), type, (values, length, first) ->
                    FlatRows.forEachRun(first, length, d, (j, e, at, count) -> {
                        double a = alpha[j];
                        int src = rowOf[j] * d + e;
                        for (int k = 0; k < count; k++) {
                            values[at + k] = start[src + k] + a * diff[src + k];
                        }
                    }));
            try {
                INDArray g = gradient.at(rowOf, points);
                if (g == null || g.length() != (long) m * d) {
                    throw new XaiException("a gradient for " + m + " points of " + d + " values each has shape "
                            + (g == null ? "null" : FlatRows.shape(g)));
                }
                HostArrays.forEachWindow(g, (values, length, first) -> {
                    FlatRows.forEachRun(first, length, d, (j, e, at, count) -> {
                        double w = weight[j];
                        int dst = rowOf[j] * d + e;
                        for (int k = 0; k < count; k++) {
                            sum[dst + k] += w * values[at + k];
                        }
                    });
                    return true;
                });
            } finally {
                // The points are ours: free them now rather than at the next garbage collection (after the
                // gradient, which a model may have computed in place of them, has been read).
                points.close();
            }
        }
        return this;
    }

    /** (end − start) ⊙ the averaged gradient, or the averaged gradient alone; shaped and typed as asked. */
    public INDArray values(boolean multiply, long[] shape, DataType type) {
        double[] v = sum.clone();
        if (multiply) {
            for (int e = 0; e < v.length; e++) {
                v[e] *= diff[e];
            }
        }
        return HostArrays.array(v, shape, type);
    }

    /** Per row Σ_j (end − start)_j · averaged gradient_j (the left side of completeness). */
    public double[] totals() {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int e = i * d; e < (i + 1) * d; e++) {
                s += diff[e] * sum[e];
            }
            t[i] = s;
        }
        return t;
    }
}
