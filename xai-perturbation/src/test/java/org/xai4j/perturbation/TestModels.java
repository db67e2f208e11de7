package org.xai4j.perturbation;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.perturbation.features.FeatureMask;

/** Models with known explanations for the tests. */
public final class TestModels {
    private TestModels() {
    }

    /**
     * An additive model over the features of {@code mask} (applied to rows of {@code rowShape}): class 0
     * scores Σ_f g_f(x_f) with g_f(x_f) = tanh(Σ_{e∈f} a_e x_e) + 0.3 (Σ_{e∈f} a_e x_e)², class 1 the
     * negative. Its Shapley value for feature f against reference r is g_f(x_f) − g_f(r_f).
     */
    public static final class Additive implements PredictionFunction {
        private final int[] featureOf;
        private final int features;
        private final double[] a;
        public final List<Integer> batchSizes = new ArrayList<>();

        public Additive(FeatureMask mask, long[] rowShape, long seed) {
            this.featureOf = mask.expandTo(rowShape);
            this.features = mask.numFeatures();
            this.a = new double[featureOf.length];
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            for (int e = 0; e < a.length; e++) {
                a[e] = r.nextDouble(-1, 1);
            }
        }

        /** g_f for every feature of one flat row. */
        public double[] groupTerms(double[] row) {
            double[] lin = new double[features];
            for (int e = 0; e < row.length; e++) {
                lin[featureOf[e]] += a[e] * row[e];
            }
            double[] g = new double[features];
            for (int f = 0; f < features; f++) {
                g[f] = Math.tanh(lin[f]) + 0.3 * lin[f] * lin[f];
            }
            return g;
        }

        @Override
        public INDArray predict(INDArray input) {
            batchSizes.add((int) input.size(0));
            int n = (int) input.size(0);
            double[] x = input.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            int len = featureOf.length;
            double[] out = new double[2 * n];
            for (int i = 0; i < n; i++) {
                double[] g = groupTerms(java.util.Arrays.copyOfRange(x, i * len, (i + 1) * len));
                double s = 0;
                for (double v : g) {
                    s += v;
                }
                out[2 * i] = s;
                out[2 * i + 1] = -s;
            }
            return Nd4j.create(out, new long[] {n, 2}, DataType.DOUBLE).castTo(input.dataType());
        }

        @Override
        public String id() {
            return "additive";
        }
    }

    /** The flat double values of row {@code i}. */
    public static double[] flatRow(INDArray a, int i) {
        return Rows.row(a, i).castTo(DataType.DOUBLE).data().asDouble();
    }

    /** A model whose class-0 score is NaN once it has seen more than {@code healthyRows} rows. */
    public static PredictionFunction nanAfter(PredictionFunction inner, long healthyRows) {
        long[] seen = {0};
        return PredictionFunction.of("nan-after-" + healthyRows, in -> {
            INDArray out = inner.predict(in).dup();
            long before = seen[0];
            seen[0] += in.size(0);
            for (int r = 0; r < in.size(0); r++) {
                if (before + r >= healthyRows) {
                    out.putScalar(new long[] {r, 0}, Double.NaN);
                }
            }
            return out;
        });
    }
}
