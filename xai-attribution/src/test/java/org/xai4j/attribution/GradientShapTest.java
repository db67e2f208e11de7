package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.Rng;
import org.xai4j.testkit.models.LinearModel;
import org.xai4j.testkit.models.QuadraticModel;
import org.xai4j.attribution.gradient.GradientShap;
import org.xai4j.attribution.gradient.GradientShapConfig;

/** GradientSHAP against closed forms (exact for linear models) and its sampling statistics. */
class GradientShapTest {
    static final int[] CLASSES = {2, 0, 1};

    @Test
    void linearModelWithOneBaselineIsExact() {
        LinearModel m = LinearModel.random(3, 3, 6);
        INDArray x = Data.uniform(1, 3, 6);
        INDArray b = Data.uniform(2, 1, 6);
        Attribution a = new GradientShap(m, GradientShapConfig.of(Baseline.background(b)).withSamples(9))
                .explain(x, Target.perRow(CLASSES));
        Close.check("(x − b)·w", a.values(), IntegratedGradientsTest.linearIg(m, x, b.repeat(0, 3), CLASSES), 1e-12);
        assertThat(a.convergenceDelta()).as("no delta unless asked (Captum's default)").isEmpty();
        INDArray plain = new GradientShap(m, GradientShapConfig.of(Baseline.background(b)).withMultiplyByInputs(false))
                .explain(x, Target.perRow(CLASSES)).values();
        Close.check("gradient alone", plain, SaliencyTest.weights(m, CLASSES, 6, false), 1e-12);
    }

    /** For a linear f, (x̃ − b)·∇f = f(x̃) − f(b) for every draw, so the delta is zero whatever the noise and baselines. */
    @Test
    void linearModelHasNoConvergenceDelta() {
        LinearModel m = LinearModel.random(3, 3, 6);
        INDArray x = Data.uniform(1, 3, 6);
        Attribution a = new GradientShap(m, GradientShapConfig.of(Baseline.background(Data.uniform(2, 5, 6)))
                .withSamples(11).withNoiseSd(0.5).withConvergenceDelta(true).withBatch(BatchPolicy.ofRows(4)))
                .explain(x, Target.perRow(CLASSES));
        assertThat(a.convergenceDelta().orElseThrow().amaxNumber().doubleValue()).isLessThan(1e-12);
        // It is a real check: for a quadratic model the same settings leave a clear gap.
        QuadraticModel q = QuadraticModel.random(8, 3, 6);
        Attribution aq = new GradientShap(q, GradientShapConfig.of(Baseline.background(Data.uniform(2, 5, 6)))
                .withSamples(11).withNoiseSd(0.5).withConvergenceDelta(true)).explain(x, Target.perRow(CLASSES));
        assertThat(aq.convergenceDelta().orElseThrow().amaxNumber().doubleValue()).isGreaterThan(1e-3);
    }

    /** With many draws from B baselines, the attribution tends to (x − mean of B)·w. */
    @Test
    void linearModelAveragesTheBackground() {
        LinearModel m = LinearModel.random(3, 3, 6);
        INDArray x = Data.uniform(1, 3, 6);
        INDArray bg = Data.uniform(2, 4, 6);
        int samples = 4000;
        INDArray v = new GradientShap(m, GradientShapConfig.of(Baseline.background(bg)).withSamples(samples).withSeed(8)
                .withBatch(BatchPolicy.ofRows(1000))).explain(x, Target.perRow(CLASSES)).values();
        INDArray mean = bg.mean(0).reshape(1, 6).repeat(0, 3);
        INDArray expected = IntegratedGradientsTest.linearIg(m, x, mean, CLASSES);
        INDArray std = bg.std(false, 0);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 6; j++) {
                double se = Math.abs(m.weight(CLASSES[i], j)) * std.getDouble(j) / Math.sqrt(samples);
                assertThat(v.getDouble(i, j)).as("(%d,%d)", i, j).isCloseTo(expected.getDouble(i, j), offset(5 * se + 1e-12));
            }
        }
    }

    /**
     * One baseline, no noise, quadratic model: each draw gives (x − b)⊙∇f(b + α(x − b)), affine in α, so the
     * mean is (x − b)⊙∇f(b + ᾱ(x − b)) with ᾱ → ½: Integrated Gradients' closed form, within 5 standard
     * errors of ᾱ (1/√(12·S)).
     */
    @Test
    void quadraticModelTendsToIntegratedGradients() {
        QuadraticModel q = QuadraticModel.random(8, 3, 5);
        INDArray x = Data.uniform(1, 3, 5);
        INDArray b = Data.uniform(2, 1, 5);
        int samples = 4000;
        INDArray v = new GradientShap(q, GradientShapConfig.of(Baseline.background(b)).withSamples(samples).withSeed(2)
                .withBatch(BatchPolicy.ofRows(1000))).explain(x, Target.perRow(CLASSES)).values();
        INDArray br = b.repeat(0, 3);
        INDArray ig = IntegratedGradientsTest.quadraticIg(q, x, br, 0.5);
        INDArray slope = IntegratedGradientsTest.quadraticIg(q, x, br, 1.0).sub(IntegratedGradientsTest.quadraticIg(q, x, br, 0.0));
        double seAlpha = 1 / Math.sqrt(12.0 * samples);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 5; j++) {
                double tol = 5 * seAlpha * Math.abs(slope.getDouble(i, j)) + 1e-12;
                assertThat(v.getDouble(i, j)).as("(%d,%d)", i, j).isCloseTo(ig.getDouble(i, j), offset(tol));
            }
        }
    }

    @Test
    void seededAndRecorded() {
        LinearModel m = LinearModel.random(3, 3, 6);
        INDArray x = Data.uniform(1, 3, 6);
        GradientShapConfig cfg = GradientShapConfig.of(Baseline.background(Data.uniform(2, 5, 6))).withNoiseSd(0.2).withSeed(77);
        Attribution a = new GradientShap(m, cfg).explain(x, Target.perRow(CLASSES));
        assertThat(a.provenance().seed()).isEqualTo(77L);
        assertThat(a.provenance().baseline()).isEqualTo("background of 5 rows");
        assertThat(cfg.toMap()).containsEntry("samples", "5").containsEntry("noiseSd", "0.2").containsEntry("multiplyByInputs", "true");
        INDArray other = new GradientShap(m, GradientShapConfig.of(Baseline.background(Data.uniform(2, 5, 6))).withNoiseSd(0.2)
                .withSeed(78)).explain(x, Target.perRow(CLASSES)).values();
        assertThat(Close.relativeError(other, a.values())).isGreaterThan(1e-3);
        assertThat(a.values().dataType()).isEqualTo(DataType.DOUBLE);
    }

    /**
     * The draws as the class comment documents them, followed by hand: row i's generator is seeded with the seed
     * alone, and each draw takes D normals (σ &gt; 0), then u picking background row ⌊u·B⌋, then α. The mean of
     * (x̃ − b)⊙∇f(b + α(x̃ − b)) is summed here in draw order with the quadratic model's closed-form gradient, so the
     * method must match it to the bit, for double and float inputs and whatever the batch size (one row's draws in
     * several calls, or several rows in one call).
     */
    @Test
    void followsTheDocumentedDrawsToTheBit() {
        QuadraticModel q = QuadraticModel.random(8, 3, 5);
        INDArray bg = Data.uniform(2, 4, 5);
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray x = Data.uniform(1, type, 3, 5);
            for (double sd : new double[] {0, 0.3}) {
                double[] expected = drawnByHand(q, x, bg, 7, sd, 5);
                for (int rows : new int[] {2, 15, 64}) {
                    INDArray v = new GradientShap(q, GradientShapConfig.of(Baseline.background(bg)).withSamples(7)
                            .withNoiseSd(sd).withSeed(5).withBatch(BatchPolicy.ofRows(rows)))
                            .explain(x, Target.perRow(CLASSES)).values();
                    Close.bits(type + ", σ = " + sd + ", " + rows + " rows per call", v, type, expected);
                }
            }
        }
    }

    /**
     * Rows of 1000 values, 3 rows × 7 draws: the model's gradient array (21 000 values) is read in windows of
     * 8192 values (HostArrays' window) that end inside rows, so a row's values and its part of the convergence delta
     * are summed over two windows. The values to the bit, the delta against the same draws by hand.
     */
    @Test
    void aRowReadAcrossArrayWindowsKeepsItsBitsAndItsDelta() {
        int d = 1000;
        QuadraticModel q = QuadraticModel.random(8, 3, d);
        INDArray bg = Data.uniform(2, 4, d);
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray x = Data.uniform(1, type, 3, d);
            for (double sd : new double[] {0, 0.3}) {
                Attribution a = new GradientShap(q, GradientShapConfig.of(Baseline.background(bg)).withSamples(7)
                        .withNoiseSd(sd).withSeed(5).withConvergenceDelta(true))
                        .explain(x, Target.perRow(CLASSES));
                String what = type + ", σ = " + sd;
                Close.bits(what, a.values(), type, drawnByHand(q, x, bg, 7, sd, 5));
                double[] delta = HostArrays.doubles(a.convergenceDelta().orElseThrow());
                double[] want = deltaByHand(q, x, bg, 7, sd, 5);
                for (int i = 0; i < want.length; i++) {
                    assertThat(delta[i]).as("%s: delta of row %d", what, i)
                            .isCloseTo(want[i], offset(1e-9 * (1 + Math.abs(want[i]))));
                }
            }
        }
    }

    /** One draw of {@link #forEachDraw}: input row {@code row}'s noisy copy, the background row picked, the point. */
    interface Draw {
        void take(int row, double[] noisy, int pick, double[] point);
    }

    /**
     * The documented draws by hand, row after row and sample after sample: each row's generator seeded with
     * {@code seed}, the noisy copy x + σε (ε one Gaussian per value), the background row ⌊u·B⌋ and α = u, the point
     * b + α(x̃ − b) in the input's type.
     */
    static void forEachDraw(INDArray x, INDArray bg, int samples, double sd, long seed, Draw draw) {
        int n = (int) x.size(0);
        int d = (int) x.size(1);
        int b = (int) bg.size(0);
        boolean floats = x.dataType() == DataType.FLOAT;
        double[] xs = HostArrays.doubles(x);
        double[] bs = HostArrays.doubles(bg);
        for (int i = 0; i < n; i++) {
            Rng r = Rng.seeded(seed);
            for (int s = 0; s < samples; s++) {
                double[] noisy = new double[d];
                for (int e = 0; e < d; e++) {
                    noisy[e] = xs[i * d + e] + (sd > 0 ? sd * r.nextGaussian() : 0);
                }
                int pick = Math.min(b - 1, (int) (r.nextDouble() * b));
                double alpha = r.nextDouble();
                double[] point = new double[d];
                for (int e = 0; e < d; e++) {
                    double p = bs[pick * d + e] + alpha * (noisy[e] - bs[pick * d + e]);
                    point[e] = floats ? (float) p : p;
                }
                draw.take(i, noisy, pick, point);
            }
        }
    }

    /**
     * The convergence delta of {@link #drawnByHand}'s draws: per row, the mean over draws of
     * Σ_e (x̃ − b)_e ∂f/∂x_e(point) − (f(x̃) − f(b)), with the model's scores and gradients in the input's type.
     */
    static double[] deltaByHand(QuadraticModel q, INDArray x, INDArray bg, int samples, double sd, long seed) {
        int d = (int) x.size(1);
        DataType type = x.dataType();
        boolean floats = type == DataType.FLOAT;
        double[] bs = HostArrays.doubles(bg);
        double[] fb = HostArrays.doubles(q.predict(bg.castTo(type)));
        double[] total = new double[(int) x.size(0)];
        forEachDraw(x, bg, samples, sd, seed, (i, noisy, pick, point) -> {
            for (int e = 0; e < d; e++) {
                double g = q.gradient(CLASSES[i], point, e);
                total[i] += (floats ? (float) g : g) * (noisy[e] - bs[pick * d + e]);
            }
            double fx = HostArrays.doubles(q.predict(HostArrays.array(noisy, new long[] {1, d}, type)))[CLASSES[i]];
            total[i] -= fx - fb[pick * 3 + CLASSES[i]];
        });
        double[] out = new double[total.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = total[i] / samples;
        }
        return out;
    }

    /** GradientSHAP of the quadratic model by hand (see {@link #followsTheDocumentedDrawsToTheBit}). */
    static double[] drawnByHand(QuadraticModel q, INDArray x, INDArray bg, int samples, double sd, long seed) {
        int d = (int) x.size(1);
        boolean floats = x.dataType() == DataType.FLOAT;
        double[] bs = HostArrays.doubles(bg);
        double[] sum = new double[(int) x.size(0) * d];
        forEachDraw(x, bg, samples, sd, seed, (i, noisy, pick, point) -> {
            for (int e = 0; e < d; e++) {
                double g = q.gradient(CLASSES[i], point, e);
                sum[i * d + e] += (floats ? (float) g : g) * (noisy[e] - bs[pick * d + e]);
            }
        });
        double[] out = new double[sum.length];
        for (int k = 0; k < out.length; k++) {
            double mean = sum[k] / samples;
            out[k] = floats ? (float) mean : mean;
        }
        return out;
    }
}
