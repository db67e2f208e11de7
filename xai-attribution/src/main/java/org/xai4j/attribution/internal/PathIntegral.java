package org.xai4j.attribution.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.XaiException;
import org.xai4j.attribution.gradient.IntegratedGradients;
import org.xai4j.attribution.gradient.QuadratureRule;
import org.xai4j.attribution.layer.LayerIntegratedGradients;

/**
 * The straight-line path integral shared by {@link IntegratedGradients} and {@link LayerIntegratedGradients}:
 * for N rows of D values from {@code start} (the baseline) to {@code end}, accumulates
 * Σ_s w_s ∇f(start + α_s(end − start)) per row, with the points of all rows sent in blocks of at most
 * {@code maxRows} (see {@link Blocks}). Memory: start, end − start and the sum (3·N·D doubles) plus one
 * block, whatever the number of steps.
 */
public final class PathIntegral {
    /** Gradients at the points of one block: {@code points} holds {@code rowOf.length} rows of D values. */
    public interface BlockGradient {
        /** The gradients as a row-major {@code double[]} of the same length as {@code points}. */
        double[] at(int[] rowOf, double[] points);
    }

    /** {@code g}'s values as a row-major double array, after checking it holds m rows of d values. */
    public static double[] values(INDArray g, int m, int d) {
        if (g == null || g.length() != (long) m * d) {
            throw new XaiException("a gradient for " + m + " points of " + d + " values each has shape "
                    + (g == null ? "null" : FlatRows.shape(g)));
        }
        return FlatRows.flat(g);
    }

    private final int n;
    private final int d;
    private final double[] start;
    private final double[] diff;
    private final double[] sum;

    public PathIntegral(double[] start, double[] end, int n) {
        this.n = n;
        this.d = start.length / n;
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
            double[] points = new double[m * d];
            for (int j = 0; j < m; j++) {
                double a = rule.alpha(sampleOf[j]);
                int src = rowOf[j] * d;
                int dst = j * d;
                for (int e = 0; e < d; e++) {
                    points[dst + e] = start[src + e] + a * diff[src + e];
                }
            }
            double[] gv = gradient.at(rowOf, points);
            for (int j = 0; j < m; j++) {
                double w = rule.weight(sampleOf[j]);
                int dst = rowOf[j] * d;
                int src = j * d;
                for (int e = 0; e < d; e++) {
                    sum[dst + e] += w * gv[src + e];
                }
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
        return FlatRows.array(v, shape, type);
    }

    /** Per row Σ_j (end − start)_j · averaged gradient_j (the left side of completeness). */
    public INDArray totals() {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int e = i * d; e < (i + 1) * d; e++) {
                s += diff[e] * sum[e];
            }
            t[i] = s;
        }
        return Nd4j.create(t, new long[] {n}, DataType.DOUBLE);
    }
}
