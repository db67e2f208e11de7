package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Capability;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.Rng;
import org.xai4j.testkit.models.LinearModel;
import org.xai4j.testkit.models.QuadraticModel;
import org.xai4j.testkit.models.TwoLayerReluNet;
import org.xai4j.attribution.gradient.InputXGradient;
import org.xai4j.attribution.gradient.IntegratedGradients;
import org.xai4j.attribution.gradient.IntegratedGradientsConfig;
import org.xai4j.attribution.gradient.Saliency;
import org.xai4j.attribution.gradient.SaliencyConfig;

/** SmoothGrad, SmoothGrad² and VarGrad against closed forms and their statistics. */
class NoiseTunnelTest {
    static final int[] CLASSES = {2, 0, 1};

    static NoiseTunnel tunnel(AttributionMethod inner, NoiseTunnelType type, int samples, double sd) {
        return new NoiseTunnel(inner, NoiseTunnelConfig.DEFAULTS.withType(type).withSamples(samples).withSd(sd).withSeed(17));
    }

    static Saliency signed(org.xai4j.core.model.DifferentiableModel m) {
        return new Saliency(m, SaliencyConfig.DEFAULTS.withAbs(false));
    }

    @Test
    void withoutNoiseItIsTheWrappedMethod() {
        TwoLayerReluNet mlp = TwoLayerReluNet.random(3, 6, 16, 4);
        INDArray x = Data.uniform(5, 3, 6);
        Target t = Target.perRow(CLASSES);
        for (AttributionMethod inner : new AttributionMethod[] {signed(mlp), new InputXGradient(mlp),
                new IntegratedGradients(mlp, IntegratedGradientsConfig.DEFAULTS.withSteps(10))}) {
            INDArray plain = inner.explain(x, t).values();
            Close.check("sd 0 smoothgrad", tunnel(inner, NoiseTunnelType.SMOOTHGRAD, 4, 0).explain(x, t).values(), plain, 1e-15);
            Close.check("sd 0 smoothgrad²", tunnel(inner, NoiseTunnelType.SMOOTHGRAD_SQ, 4, 0).explain(x, t).values(),
                    plain.mul(plain), 1e-15);
            assertThat(tunnel(inner, NoiseTunnelType.VARGRAD, 4, 0).explain(x, t).values().amaxNumber().doubleValue())
                    .as("vargrad without noise").isLessThan(1e-15);
            // sd → 0: the result tends to the wrapped method's (here within 1e-8 relative for sd = 1e-9).
            Close.check("sd 1e-9", tunnel(inner, NoiseTunnelType.SMOOTHGRAD, 4, 1e-9).explain(x, t).values(), plain, 1e-8);
            // A visible noise level changes the result: the comparison above can fail.
            assertThat(Close.relativeError(tunnel(inner, NoiseTunnelType.SMOOTHGRAD, 4, 0.5).explain(x, t).values(), plain))
                    .isGreaterThan(1e-3);
        }
    }

    @Test
    void linearModelGradientIsNoiseFree() {
        LinearModel m = LinearModel.random(3, 3, 6);
        INDArray x = Data.uniform(1, 3, 6);
        INDArray w = SaliencyTest.weights(m, CLASSES, 6, false);
        Close.check("smoothgrad of w", tunnel(signed(m), NoiseTunnelType.SMOOTHGRAD, 25, 2.0).explain(x, Target.perRow(CLASSES)).values(), w, 1e-14);
        assertThat(tunnel(signed(m), NoiseTunnelType.VARGRAD, 25, 2.0).explain(x, Target.perRow(CLASSES)).values()
                .amaxNumber().doubleValue()).isLessThan(1e-14);
    }

    /**
     * QuadraticModel: ∇f(x + ε) = A(x + ε) + c, so SmoothGrad → Ax + c, VarGrad → σ²·Σ_i A_ji² and SmoothGrad²
     * → (Ax + c)² + σ²·Σ_i A_ji² as the number of samples grows; checked within 5 standard errors.
     */
    @Test
    void quadraticModelMatchesItsNoiseStatistics() {
        QuadraticModel m = QuadraticModel.random(8, 3, 5);
        INDArray x = Data.uniform(3, 3, 5);
        double sd = 0.4;
        int samples = 4000;
        Target t = Target.perRow(CLASSES);
        INDArray sg = tunnel(signed(m), NoiseTunnelType.SMOOTHGRAD, samples, sd).explain(x, t).values();
        INDArray vg = tunnel(signed(m), NoiseTunnelType.VARGRAD, samples, sd).explain(x, t).values();
        INDArray sq = tunnel(signed(m), NoiseTunnelType.SMOOTHGRAD_SQ, samples, sd).explain(x, t).values();
        double[] zero = new double[5];
        for (int i = 0; i < 3; i++) {
            int k = CLASSES[i];
            double[] row = HostArrays.doubles(x.getRow(i));
            for (int j = 0; j < 5; j++) {
                double mean = m.gradient(k, row, j);
                double sumSq = 0;
                for (int e = 0; e < 5; e++) {
                    double[] unit = new double[5];
                    unit[e] = 1;
                    double a = m.gradient(k, unit, j) - m.gradient(k, zero, j);
                    sumSq += a * a;
                }
                double var = sd * sd * sumSq;
                double se = Math.sqrt(var / samples);
                assertThat(sg.getDouble(i, j)).as("smoothgrad (%d,%d)", i, j).isCloseTo(mean, org.assertj.core.data.Offset.offset(5 * se));
                // The sample variance of a normal has relative standard error √(2/S) ≈ 2.2 % here.
                assertThat(vg.getDouble(i, j)).as("vargrad (%d,%d)", i, j).isCloseTo(var, org.assertj.core.data.Offset.offset(5 * Math.sqrt(2.0 / samples) * var));
                double sqExpected = mean * mean + var;
                double sqSe = Math.sqrt((4 * mean * mean * var + 2 * var * var) / samples);
                assertThat(sq.getDouble(i, j)).as("smoothgrad² (%d,%d)", i, j).isCloseTo(sqExpected, org.assertj.core.data.Offset.offset(5 * sqSe));
            }
        }
    }

    /** Gradient × input of a linear model: (x + ε)·w, so VarGrad = w²·σ_i² with σ_i = fraction × row i's range. */
    @Test
    void noiseAsAFractionOfEachRowsRange() {
        LinearModel m = LinearModel.random(3, 3, 6);
        INDArray x = Data.uniform(1, 3, 6);
        x.getRow(1).muli(5); // rows of very different ranges
        int samples = 4000;
        double fraction = 0.2;
        INDArray vg = new NoiseTunnel(new InputXGradient(m), NoiseTunnelConfig.DEFAULTS.withType(NoiseTunnelType.VARGRAD)
                .withSamples(samples).withFractionOfRange(fraction).withSeed(1).withBatch(BatchPolicy.ofRows(500)))
                .explain(x, Target.perRow(CLASSES)).values();
        for (int i = 0; i < 3; i++) {
            double range = x.getRow(i).maxNumber().doubleValue() - x.getRow(i).minNumber().doubleValue();
            double sigma = fraction * range;
            for (int j = 0; j < 6; j++) {
                double w = m.weight(CLASSES[i], j);
                double expected = w * w * sigma * sigma;
                assertThat(vg.getDouble(i, j)).as("vargrad (%d,%d), range %s", i, j, range)
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(5 * Math.sqrt(2.0 / samples) * expected));
            }
        }
    }

    @Test
    void theTargetIsResolvedOnTheOriginalInput() {
        LinearModel m = LinearModel.random(3, 3, 6);
        INDArray x = Data.uniform(1, 3, 6);
        int[] predicted = IntegratedGradientsTest.predictedClasses(m, x);
        // Noise this large changes the predicted class of most copies; the explained class must not change.
        INDArray sg = tunnel(signed(m), NoiseTunnelType.SMOOTHGRAD, 20, 5.0).explain(x, Target.predicted()).values();
        Close.check("gradient of the class predicted for x", sg, SaliencyTest.weights(m, predicted, 6, false), 1e-14);
    }

    @Test
    void seedsBatchesAndDescriptor() {
        TwoLayerReluNet mlp = TwoLayerReluNet.random(3, 6, 16, 4);
        INDArray x = Data.uniform(5, 4, 6);
        Target t = Target.perRow(0, 1, 2, 3);
        INDArray ref = null;
        for (int rows : new int[] {1, 3, 7, 64}) {
            INDArray v = new NoiseTunnel(signed(mlp), NoiseTunnelConfig.DEFAULTS.withSamples(7).withSd(0.3).withSeed(4)
                    .withBatch(BatchPolicy.ofRows(rows))).explain(x, t).values();
            if (ref == null) {
                ref = v;
            } else {
                Close.check("blocks of " + rows, v, ref, 1e-15);
            }
        }
        INDArray other = new NoiseTunnel(signed(mlp), NoiseTunnelConfig.DEFAULTS.withSamples(7).withSd(0.3).withSeed(5))
                .explain(x, t).values();
        assertThat(Close.relativeError(other, ref)).isGreaterThan(1e-3);
        NoiseTunnel nt = new NoiseTunnel(new IntegratedGradients(mlp));
        assertThat(nt.descriptor().config()).containsEntry("inner", "integrated-gradients").containsEntry("inner.steps", "50")
                .containsEntry("type", "SMOOTHGRAD").containsEntry("samples", "5").containsEntry("noise", "1.0");
        assertThat(nt.descriptor().capabilities()).contains(Capability.STOCHASTIC).doesNotContain(Capability.CONVERGENCE_DELTA);
        assertThat(nt.explain(x, t).provenance().baseline()).isEqualTo("zeros");
        assertThat(nt.explain(x, t).values().dataType()).isEqualTo(DataType.DOUBLE);
    }

    /**
     * The noise as the class comment documents it, followed by hand: row i's generator is seeded with the seed alone
     * and gives D normals per copy, copy after copy; each copy x + σε goes to the wrapped method (here |∇f|, the
     * quadratic model's closed-form gradient) and the results are summed in copy order. The method must match this
     * to the bit for all three combinations, double and float inputs, whatever the batch size.
     */
    @Test
    void followsTheDocumentedNoiseToTheBit() {
        Target t = Target.perRow(CLASSES);
        // rows of 5 values, and of 1000: then 13 or more noisy rows fill more than one 8192-value window of the
        // arrays written and read in place, and windows end inside rows
        for (int d : new int[] {5, 1000}) {
            QuadraticModel m = QuadraticModel.random(8, 3, d);
            for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                INDArray x = Data.uniform(3, type, 3, d);
                for (NoiseTunnelType kind : NoiseTunnelType.values()) {
                    double[] expected = noisyByHand(m, x, kind, 6, 0.4, 9);
                    for (int rows : new int[] {2, 13, 64}) {
                        NoiseTunnelConfig cfg = NoiseTunnelConfig.DEFAULTS.withType(kind).withSamples(6).withSd(0.4)
                                .withSeed(9).withBatch(BatchPolicy.ofRows(rows));
                        INDArray v = new NoiseTunnel(new Saliency(m), cfg).explain(x, t).values();
                        Close.bits(kind + " " + type + ", " + d + " values, " + rows + " rows per call", v, type,
                                expected);
                    }
                }
            }
        }
    }

    /** {@code kind} over |∇f| of the quadratic model by hand (see {@link #followsTheDocumentedNoiseToTheBit}). */
    static double[] noisyByHand(QuadraticModel m, INDArray x, NoiseTunnelType kind, int samples, double sd, long seed) {
        int n = (int) x.size(0);
        int d = (int) x.size(1);
        boolean floats = x.dataType() == DataType.FLOAT;
        double[] xs = HostArrays.doubles(x);
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            Rng r = Rng.seeded(seed);
            double[] sum = new double[d];
            double[] sumSq = new double[d];
            for (int s = 0; s < samples; s++) {
                double[] noisy = new double[d];
                for (int e = 0; e < d; e++) {
                    double v = xs[i * d + e] + sd * r.nextGaussian();
                    noisy[e] = floats ? (float) v : v;
                }
                for (int e = 0; e < d; e++) {
                    double g = m.gradient(CLASSES[i], noisy, e);
                    double a = Math.abs(floats ? (float) g : g);
                    sum[e] += a;
                    sumSq[e] += a * a;
                }
            }
            for (int e = 0; e < d; e++) {
                double mean = sum[e] / samples;
                double v = switch (kind) {
                    case SMOOTHGRAD -> mean;
                    case SMOOTHGRAD_SQ -> sumSq[e] / samples;
                    case VARGRAD -> sumSq[e] / samples - mean * mean;
                };
                out[i * d + e] = floats ? (float) v : v;
            }
        }
        return out;
    }
}
