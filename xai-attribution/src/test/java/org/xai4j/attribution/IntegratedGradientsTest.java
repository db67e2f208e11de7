package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.Rng;
import org.xai4j.testkit.models.LinearModel;
import org.xai4j.testkit.models.QuadraticModel;
import org.xai4j.testkit.models.TinyConvNet;
import org.xai4j.testkit.models.TwoLayerReluNet;
import org.xai4j.attribution.gradient.InputXGradient;
import org.xai4j.attribution.gradient.IntegratedGradients;
import org.xai4j.attribution.gradient.IntegratedGradientsConfig;
import org.xai4j.attribution.gradient.Quadrature;

/** Integrated Gradients against closed forms and the completeness axiom. */
class IntegratedGradientsTest {
    static final int[] CLASSES = {2, 0, 1};

    static IntegratedGradientsConfig cfg(Quadrature q, int steps, Baseline b) {
        return IntegratedGradientsConfig.DEFAULTS.withQuadrature(q).withSteps(steps).withBaseline(b);
    }

    /** (x − b)_j · W[k]_j from the model's own weights. */
    static INDArray linearIg(LinearModel m, INDArray x, INDArray b, int[] classes) {
        double[] xv = HostArrays.doubles(x);
        double[] bv = HostArrays.doubles(b);
        int d = (int) (x.length() / x.size(0));
        double[] out = new double[xv.length];
        for (int i = 0; i < x.size(0); i++) {
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (xv[i * d + j] - bv[i * d + j]) * m.weight(classes[i], j);
            }
        }
        return HostArrays.array(out, x.shape(), DataType.DOUBLE);
    }

    @ParameterizedTest
    @EnumSource(Quadrature.class)
    void linearModelGivesDeltaTimesWeightForEveryQuadratureAndBaseline(Quadrature q) {
        LinearModel m = LinearModel.random(5, 3, 2, 3, 4);
        INDArray x = Data.uniform(1, 3, 2, 3, 4);
        INDArray bg = Data.uniform(2, 5, 2, 3, 4);
        List<Baseline> baselines = List.of(Baseline.zeros(), Baseline.constant(0.3), Baseline.background(bg), Baseline.blur(1.0));
        for (Baseline b : baselines) {
            for (int steps : new int[] {2, 7, 50}) {
                Attribution a = new IntegratedGradients(m, cfg(q, steps, b)).explain(x, Target.perRow(CLASSES));
                INDArray ref = b.referenceFor(x, Rng.seeded(0));
                Close.check(q + " " + b.describe() + " " + steps, a.values(), linearIg(m, x, ref, CLASSES), 1e-12);
                assertThat(a.convergenceDelta().orElseThrow().amaxNumber().doubleValue()).isLessThan(1e-12);
            }
        }
    }

    @Test
    void floatInputsStayFloatAndAgreeToFloatPrecision() {
        LinearModel m = LinearModel.random(5, 3, 6);
        INDArray x = Data.uniform(1, DataType.FLOAT, 3, 6);
        Attribution a = new IntegratedGradients(m).explain(x, Target.perRow(CLASSES));
        assertThat(a.values().dataType()).isEqualTo(DataType.FLOAT);
        Close.check("float IG", a.values(), linearIg(m, x, x.mul(0), CLASSES), 1e-6);
    }

    @Test
    void inputXGradientOfALinearModelEqualsIgFromZero() {
        LinearModel m = LinearModel.random(7, 3, 6);
        INDArray x = Data.uniform(3, 3, 6);
        INDArray ixg = new InputXGradient(m).explain(x, Target.perRow(CLASSES)).values();
        INDArray ig = new IntegratedGradients(m).explain(x, Target.perRow(CLASSES)).values();
        Close.check("x·∇f", ixg, linearIg(m, x, x.mul(0), CLASSES), 1e-12);
        Close.check("x·∇f vs IG", ixg, ig, 1e-12);
    }

    /**
     * QuadraticModel: ∇f is affine along the path, so Σ_s w_s ∇f(b + α_s(x − b)) = ∇f(b + c(x − b)) with
     * c = Σ_s w_s α_s: ½ for trapezoid, midpoint and Gauss–Legendre (exact), (n−1)/2n and (n+1)/2n for the
     * left and right sums.
     */
    @ParameterizedTest
    @EnumSource(Quadrature.class)
    void quadraticModelHasAClosedForm(Quadrature q) {
        QuadraticModel m = QuadraticModel.random(3, 3, 5);
        INDArray x = Data.uniform(4, 3, 5);
        for (Baseline b : List.of(Baseline.zeros(), Baseline.constant(-0.4))) {
            for (int n : new int[] {2, 5, 16}) {
                INDArray values = new IntegratedGradients(m, cfg(q, n, b)).explain(x, Target.perRow(CLASSES)).values();
                double c = switch (q) {
                    case RIEMANN_LEFT -> (n - 1) / (2.0 * n);
                    case RIEMANN_RIGHT -> (n + 1) / (2.0 * n);
                    default -> 0.5;
                };
                INDArray ref = b.referenceFor(x, Rng.seeded(0));
                Close.check(q + " n=" + n, values, quadraticIg(m, x, ref, c), 1e-12);
            }
        }
    }

    static INDArray quadraticIg(QuadraticModel m, INDArray x, INDArray b, double c) {
        double[] xv = HostArrays.doubles(x);
        double[] bv = HostArrays.doubles(b);
        int d = (int) x.size(1);
        double[] out = new double[xv.length];
        for (int i = 0; i < x.size(0); i++) {
            double[] p = new double[d];
            for (int j = 0; j < d; j++) {
                p[j] = bv[i * d + j] + c * (xv[i * d + j] - bv[i * d + j]);
            }
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (xv[i * d + j] - bv[i * d + j]) * m.gradient(CLASSES[i], p, j);
            }
        }
        return HostArrays.array(out, x.shape(), DataType.DOUBLE);
    }

    /** Σ attribution − (f(x) − f(b)) computed here from the model's own outputs. */
    static double[] completenessGap(DifferentiableModel m, INDArray x, INDArray b, INDArray values, int[] classes) {
        INDArray fx = m.predict(x);
        INDArray fb = m.predict(b);
        double[] gap = new double[(int) x.size(0)];
        for (int i = 0; i < gap.length; i++) {
            double sum = values.slice(i).sumNumber().doubleValue();
            gap[i] = sum - (fx.getDouble(i, classes[i]) - fb.getDouble(i, classes[i]));
        }
        return gap;
    }

    static double relDelta(DifferentiableModel m, INDArray x, INDArray b, Attribution a, int[] classes) {
        double[] gap = completenessGap(m, x, b, a.values(), classes);
        INDArray reported = a.convergenceDelta().orElseThrow();
        INDArray fx = m.predict(x);
        INDArray fb = m.predict(b);
        double worst = 0;
        for (int i = 0; i < gap.length; i++) {
            assertThat(reported.getDouble(i)).as("reported delta of row %d", i)
                    .isCloseTo(gap[i], org.assertj.core.data.Offset.offset(1e-12));
            double change = Math.abs(fx.getDouble(i, classes[i]) - fb.getDouble(i, classes[i]));
            worst = Math.max(worst, Math.abs(gap[i]) / change);
        }
        return worst;
    }

    /**
     * Completeness on piecewise-linear nets: the reported delta equals Σ attribution − (f(x) − f(0)) computed
     * here, and |delta| / |f(x) − f(0)| falls with the number of Gauss–Legendre steps (slowly: the gradient
     * jumps where a ReLU switches, which no polynomial rule integrates exactly). Rows are explained for their
     * predicted class, whose score moves clearly away from the baseline's.
     *
     * <p>Measured (worst row of 8, four seeds each): TinyConvNet 1.4e-3–3.5e-3 at 50 steps, 1.0e-4–3.1e-4 at
     * 512; a 6-16-4 ReLU MLP 0.9e-2–4.3e-2 at 50 steps and 0.7e-3–2.7e-3 at 512 (fewer, larger jumps than
     * the conv net's many small ones). So the 1e-3 at 512 steps holds for the conv net; for the
     * small MLP the bound checked is 3e-3.
     */
    @Test
    void completenessOnReluNetsShrinksWithSteps() {
        TwoLayerReluNet mlp = TwoLayerReluNet.random(3, 6, 16, 4);
        TinyConvNet conv = TinyConvNet.random(4, 2, 6, 5, 3, 8, 8);
        List<Object[]> cases = List.of(new Object[] {mlp, Data.uniform(8, 4, 6), 3e-3},
                new Object[] {conv, Data.uniform(9, 4, 2, 8, 8), 1e-3});
        List<String> report = new ArrayList<>();
        for (Object[] c : cases) {
            DifferentiableModel m = (DifferentiableModel) c[0];
            INDArray x = (INDArray) c[1];
            INDArray b = x.mul(0);
            int[] predicted = predictedClasses(m, x);
            double[] rel = new double[4];
            int[] steps = {8, 32, 128, 512};
            for (int s = 0; s < steps.length; s++) {
                Attribution a = new IntegratedGradients(m, cfg(Quadrature.GAUSS_LEGENDRE, steps[s], Baseline.zeros())
                        .withBatch(BatchPolicy.ofRows(256))).explain(x, Target.predicted());
                rel[s] = relDelta(m, x, b, a, predicted);
            }
            report.add(m.id() + " " + java.util.Arrays.toString(rel));
            assertThat(rel[3]).as("%s relative delta at 512 steps", m.id()).isLessThanOrEqualTo((double) c[2]);
            assertThat(rel[3]).as("%s: 512 steps beat 32", m.id()).isLessThan(rel[1]);
            assertThat(rel[1]).as("%s: 32 steps beat 8", m.id()).isLessThan(rel[0]);
            assertThat(rel[0]).as("%s: 8 steps leave a visible gap (the test can fail)", m.id()).isGreaterThan(1e-4);
        }
        System.out.println("IG relative completeness gap at 8/32/128/512 Gauss–Legendre steps: " + report);
    }

    static int[] predictedClasses(DifferentiableModel m, INDArray x) {
        INDArray out = m.predict(x);
        int[] c = new int[(int) x.size(0)];
        for (int i = 0; i < c.length; i++) {
            c[i] = out.getRow(i).argMax().getInt(0);
        }
        return c;
    }

    @Test
    void withoutMultiplyingTheResultIsThePathAveragedGradient() {
        TwoLayerReluNet mlp = TwoLayerReluNet.random(3, 6, 16, 4);
        INDArray x = Data.uniform(8, 3, 6);
        Baseline b = Baseline.constant(0.2);
        Attribution with = new IntegratedGradients(mlp, cfg(Quadrature.GAUSS_LEGENDRE, 20, b)).explain(x, Target.perRow(CLASSES));
        Attribution without = new IntegratedGradients(mlp, cfg(Quadrature.GAUSS_LEGENDRE, 20, b).withMultiplyByInputs(false))
                .explain(x, Target.perRow(CLASSES));
        Close.check("(x − b)·avg grad", without.values().mul(x.sub(0.2)), with.values(), 1e-12);
        Close.check("same delta", without.convergenceDelta().orElseThrow(), with.convergenceDelta().orElseThrow(), 1e-9);
    }

    @Test
    void pathPointsGoInBoundedBatchesAndTheResultDoesNotDependOnThem() {
        TinyConvNet conv = TinyConvNet.random(4, 2, 3, 5, 3, 6, 7);
        INDArray x = Data.uniform(9, 5, 2, 6, 7);
        INDArray reference = null;
        for (int rows : new int[] {1, 7, 16, 600, 5000}) {
            CountingModel counting = new CountingModel(conv);
            INDArray v = new IntegratedGradients(counting, cfg(Quadrature.GAUSS_LEGENDRE, 120, Baseline.zeros())
                    .withBatch(BatchPolicy.ofRows(rows))).explain(x, Target.predicted()).values();
            assertThat(counting.largestBatch.get()).as("largest batch with %d rows allowed", rows).isLessThanOrEqualTo(Math.max(rows, 5));
            assertThat(counting.gradientRows.get()).as("gradient rows").isEqualTo(5 * 120);
            if (reference == null) {
                reference = v;
            } else {
                Close.check("rows " + rows, v, reference, 1e-12);
            }
        }
        // A memory budget in bytes bounds the batch too: one row is 2·6·7 doubles = 672 bytes.
        CountingModel counting = new CountingModel(conv);
        new IntegratedGradients(counting, cfg(Quadrature.GAUSS_LEGENDRE, 120, Baseline.zeros())
                .withBatch(new BatchPolicy(1000, 672 * 10))).explain(x, Target.predicted());
        assertThat(counting.largestBatch.get()).isLessThanOrEqualTo(10);
    }

    /**
     * A constant baseline's references and f(x′) are made once per input shape and reused (ConstantReferences):
     * the second call of the same shape sends one forward pass less to the model, and every call's values and
     * deltas equal, bit for bit, those of a fresh explainer; a new shape, or a different constant, makes them anew.
     */
    @Test
    void randomBaselineIsSeededAndRecorded() {
        LinearModel m = LinearModel.random(5, 3, 6);
        INDArray x = Data.uniform(1, 3, 6);
        IntegratedGradients ig = new IntegratedGradients(m, cfg(Quadrature.GAUSS_LEGENDRE, 4, Baseline.uniformNoise(-1, 1)).withSeed(42));
        Attribution a = ig.explain(x, Target.perRow(CLASSES));
        assertThat(a.provenance().seed()).isEqualTo(42L);
        assertThat(ig.descriptor().has(Capability.STOCHASTIC)).isTrue();
        // Row i's baseline is drawn from seed 42 alone: the same U(-1,1) values for every row.
        INDArray rowBaseline = Baseline.uniformNoise(-1, 1).referenceFor(x.getRow(0, true), Rng.seeded(42));
        INDArray ref = rowBaseline.repeat(0, 3);
        Close.check("IG from the seeded noise baseline", a.values(), linearIg(m, x, ref, CLASSES), 1e-12);
        INDArray other = new IntegratedGradients(m, cfg(Quadrature.GAUSS_LEGENDRE, 4, Baseline.uniformNoise(-1, 1)).withSeed(43))
                .explain(x, Target.perRow(CLASSES)).values();
        assertThat(Close.relativeError(other, a.values())).as("another seed, another baseline").isGreaterThan(1e-3);
        // a zero baseline uses no randomness; provenance still records the settings' seed (issue 20: never null
        // beside config.seed)
        Attribution deterministic = new IntegratedGradients(m).explain(x, Target.perRow(CLASSES));
        assertThat(deterministic.provenance().seed()).isEqualTo(0L)
                .isEqualTo(Long.parseLong(deterministic.provenance().config().get("seed")));
    }
}
