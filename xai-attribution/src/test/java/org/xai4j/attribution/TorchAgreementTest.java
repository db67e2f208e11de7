package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Rng;
import org.xai4j.attribution.gradient.GradientShap;
import org.xai4j.attribution.gradient.GradientShapConfig;
import org.xai4j.attribution.gradient.InputXGradient;
import org.xai4j.attribution.gradient.IntegratedGradients;
import org.xai4j.attribution.gradient.IntegratedGradientsConfig;
import org.xai4j.attribution.gradient.Quadrature;
import org.xai4j.attribution.gradient.Saliency;
import org.xai4j.attribution.gradient.SaliencyConfig;
import org.xai4j.attribution.layer.LayerGradientXActivation;
import org.xai4j.attribution.layer.LayerIntegratedGradients;
import org.xai4j.attribution.layer.LayerIntegratedGradientsConfig;

/**
 * Agreement with Captum itself and, where Captum cannot give the value, with the PyTorch implementations of
 * {@code src/test/python/make_reference.py}.
 *
 * <p>Deterministic cases (saliency, input × gradient, Integrated Gradients, the layer methods) are compared with
 * Captum v0.8.0's output on the same weights and inputs ({@code captum/captum_reference.json}, written by
 * {@code src/test/python/captum_anchor.py}), within 1e-4 relative. Measured: 1.2e-15 at most, except
 * Gauss–Legendre quadrature (2.4e-9: Captum rounds its quadrature weights to float32,
 * {@code torch.tensor(step_sizes).float()} in {@code integrated_gradients.py}) and the trapezoid rule, where
 * Captum is wrong: its weights are 1/n with halved ends, so they sum to (n − 1)/n and every attribution is
 * (n − 1)/n of the integral's trapezoid estimate. There xai4j is checked against the formula (the PyTorch
 * reference, weights 1/(n − 1)) and a second assertion pins Captum's result to exactly (n − 1)/n of ours.
 *
 * <p>The stochastic methods (NoiseTunnel, GradientShap) draw their noise from xai4j's generator, which Captum
 * cannot replay (it draws from torch's), and Captum's saliency has no max-over-channels option: those cases
 * stay against the PyTorch reference, which replays xai4j's draws (the replica is checked by
 * {@link #rngReplicaMatchesJava()}).
 */
class TorchAgreementTest {
    static final double TOL = 1e-4;
    // Measured: every comparison below agrees to better than 1e-12 relative.
    static final double MEASURED = 1e-12;

    final DifferentiableModel conv = TorchReference.convNet();
    final DifferentiableModel mlp = TorchReference.mlp();
    final INDArray xc = TorchReference.input("conv");
    final INDArray xm = TorchReference.input("mlp");
    final Target tc = Target.perRow(TorchReference.classes("convClasses"));
    final Target tm = Target.perRow(TorchReference.classes("mlpClasses"));

    /** Captum's float32 quadrature weights (Gauss–Legendre): measured 2.4e-9 relative on attributions. */
    static final double MEASURED_CAPTUM_GL = 5e-9;
    /** ... and 3.4e-10 absolute on convergence deltas of size 1e-4 to 1e-3. */
    static final double MEASURED_CAPTUM_GL_DELTA = 1e-9;

    /** Convergence deltas are rounding-level numbers (exactly 0 in exact arithmetic for some cases): compare absolutely. */
    static void agreeDelta(String name, INDArray actual) {
        INDArray expected = reference(name);
        assertThat(actual.shape()).containsExactly(expected.shape());
        double bound = name.contains("GAUSS_LEGENDRE") || name.equals("mlp.layerIgDelta.fc1") ? MEASURED_CAPTUM_GL_DELTA
                : 1e-12;
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).as("%s absolute difference", name).isLessThan(bound);
    }

    static void agree(String name, INDArray actual) {
        double err = Close.check(name, actual, reference(name), TOL);
        double bound = name.contains("GAUSS_LEGENDRE") || name.startsWith("mlp.layerIg.fc1") ? MEASURED_CAPTUM_GL : MEASURED;
        assertThat(err).as("%s relative error", name).isLessThan(bound);
    }

    /** Captum's value where Captum has the case (the trapezoid rule excepted: Captum's is wrong), else PyTorch's. */
    static INDArray reference(String name) {
        return CaptumReference.has(name) && !name.contains("TRAPEZOID") ? CaptumReference.expected(name)
                : TorchReference.expected(name);
    }

    @Test
    void rngReplicaMatchesJava() {
        Map<String, Object> r = TorchReference.map(TorchReference.data(), "rng");
        Rng rng = Rng.seeded(((Number) r.get("seed")).longValue());
        for (double d : TorchReference.doubles(r, "doubles")) {
            assertThat(rng.nextDouble()).isEqualTo(d);
        }
        for (double g : TorchReference.doubles(r, "gaussians")) {
            assertThat(rng.nextGaussian()).isCloseTo(g, org.assertj.core.data.Offset.offset(1e-15));
        }
    }

    @Test
    void saliencyAndInputXGradient() {
        agree("conv.gradient", new Saliency(conv, SaliencyConfig.DEFAULTS.withAbs(false)).explain(xc, tc).values());
        agree("mlp.gradient", new Saliency(mlp, SaliencyConfig.DEFAULTS.withAbs(false)).explain(xm, tm).values());
        agree("conv.gradientMaxAbsChannels", new Saliency(conv, SaliencyConfig.DEFAULTS.withMaxOverChannels(true))
                .explain(xc, tc).values());
        agree("conv.inputXGradient", new InputXGradient(conv).explain(xc, tc).values());
        agree("mlp.inputXGradient", new InputXGradient(mlp).explain(xm, tm).values());
    }

    @ParameterizedTest
    @EnumSource(Quadrature.class)
    void integratedGradientsEveryQuadrature(Quadrature q) {
        for (String model : List.of("conv", "mlp")) {
            DifferentiableModel m = model.equals("conv") ? conv : mlp;
            INDArray x = model.equals("conv") ? xc : xm;
            Target t = model.equals("conv") ? tc : tm;
            for (String b : List.of("zeros", "constant")) {
                Baseline baseline = b.equals("zeros") ? Baseline.zeros() : Baseline.constant(0.25);
                // 5 rows per call: the 16 points of a row are split over several model calls.
                Attribution a = new IntegratedGradients(m, IntegratedGradientsConfig.DEFAULTS.withSteps(16).withQuadrature(q)
                        .withBaseline(baseline).withBatch(BatchPolicy.ofRows(5))).explain(x, t);
                agree(model + ".ig." + q + "." + b + ".16", a.values());
                agreeDelta(model + ".igDelta." + q + "." + b + ".16", a.convergenceDelta().orElseThrow());
                if (q == Quadrature.RIEMANN_TRAPEZOID) {
                    captumTrapezoidIsFifteenSixteenths(model + "." + b, a);
                }
            }
        }
    }

    /**
     * Captum's trapezoid weights are 1/n (ends halved) instead of 1/(n − 1): its attributions are exactly
     * (n − 1)/n = 15/16 of the trapezoid estimate (measured: ours − Captum's = 1/15 of Captum's largest value), and its
     * convergence delta is ours minus 1/16 of the attributions' sum.
     */
    static void captumTrapezoidIsFifteenSixteenths(String what, Attribution ours) {
        INDArray captum = CaptumReference.expected(what.replaceFirst("\\.", ".ig.RIEMANN_TRAPEZOID.") + ".16");
        double err = Close.relativeError(ours.values().mul(15.0 / 16), captum);
        assertThat(err).as("%s: Captum's trapezoid = 15/16 of the rule's value", what).isLessThan(1e-12);
        assertThat(Close.relativeError(ours.values(), captum)).as("%s: measured difference from Captum", what)
                .isCloseTo(1.0 / 15, org.assertj.core.data.Offset.offset(1e-9));
        INDArray values = ours.values();
        INDArray sums = values.reshape(values.size(0), -1).sum(1);
        INDArray captumDelta = CaptumReference.expected(what.replaceFirst("\\.", ".igDelta.RIEMANN_TRAPEZOID.") + ".16");
        assertThat(ours.convergenceDelta().orElseThrow().sub(sums.div(16)).sub(captumDelta).amaxNumber().doubleValue())
                .as("%s: Captum's delta", what).isLessThan(1e-12);
    }

    @Test
    void integratedGradientsCaptumDefaults() {
        agree("conv.ig.GAUSS_LEGENDRE.zeros.50", new IntegratedGradients(conv).explain(xc, tc).values());
        agree("mlp.ig.GAUSS_LEGENDRE.zeros.50", new IntegratedGradients(mlp).explain(xm, tm).values());
    }

    @ParameterizedTest
    @EnumSource(NoiseTunnelType.class)
    void noiseTunnelOverSignedGradient(NoiseTunnelType type) {
        NoiseTunnel nt = new NoiseTunnel(new Saliency(conv, SaliencyConfig.DEFAULTS.withAbs(false)),
                NoiseTunnelConfig.DEFAULTS.withType(type).withSamples(6).withSd(0.3).withSeed(11).withBatch(BatchPolicy.ofRows(4)));
        agree("conv.nt.gradient." + type, nt.explain(xc, tc).values());
    }

    /**
     * Captum's own NoiseTunnel (20000 samples of N(0, 0.3²), torch's generator) against xai4j's (2000 samples,
     * xai4j's generator, to keep the default suite fast): SmoothGrad within 6 standard errors per element, the
     * standard error from Captum's VarGrad (the gradient's variance under the noise), √(var·(1/2000 + 1/20000));
     * VarGrad within 10 % of its largest value (a variance estimate's own error is about √(2/N) ≈ 3 % relative
     * for Gaussian-like gradients). Measured: 2.5 standard errors, VarGrad 5.2e-2 (3.4e-2 with 3000 samples,
     * 1.4e-2 with 20000 each).
     */
    @Test
    void noiseTunnelMeansAgreeWithCaptumsWithinTheirStandardErrors() {
        int captumSamples = 20000;
        int n = 2000;
        INDArray captumMean = CaptumReference.expected("conv.captumNt.smoothgrad." + captumSamples);
        INDArray captumVar = CaptumReference.expected("conv.captumNt.vargrad." + captumSamples);
        Saliency signed = new Saliency(conv, SaliencyConfig.DEFAULTS.withAbs(false));
        INDArray mean = new NoiseTunnel(signed, NoiseTunnelConfig.DEFAULTS.withSamples(n).withSd(0.3).withSeed(17)
                .withBatch(BatchPolicy.ofRows(1000))).explain(xc, tc).values();
        double worst = 0;
        for (long i = 0; i < mean.length(); i++) {
            double se = Math.sqrt(captumVar.getDouble(i) * (1.0 / n + 1.0 / captumSamples)) + 1e-15;
            worst = Math.max(worst, Math.abs(mean.getDouble(i) - captumMean.getDouble(i)) / se);
        }
        INDArray var = new NoiseTunnel(signed, NoiseTunnelConfig.DEFAULTS.withType(NoiseTunnelType.VARGRAD).withSamples(n).withSd(0.3)
                .withSeed(18).withBatch(BatchPolicy.ofRows(1000))).explain(xc, tc).values();
        double varErr = Close.relativeError(var, captumVar);
        System.out.printf("NoiseTunnel vs Captum: SmoothGrad worst %.2f standard errors, VarGrad %.2e relative%n", worst,
                varErr);
        assertThat(worst).isLessThan(6);
        assertThat(varErr).isLessThan(0.1);
        // the noise matters: the SmoothGrad mean is not the plain gradient
        assertThat(Close.relativeError(captumMean, CaptumReference.expected("conv.gradient"))).isGreaterThan(1e-2);
    }

    /**
     * Captum's own GradientShap (20000 single draws on the MLP: a background row, a point on the path and input
     * noise N(0, 0.1²) each, from numpy's and torch's generators) against xai4j's (3000 draws): the means agree
     * within 6 standard errors per element, √(s²·(1/3000 + 1/20000)) with s² the variance of one Captum draw.
     * Checks the conventions (attribution (x + ε − b)·∇f at b + α(x + ε − b), uniform background and α), not the
     * draws.
     */
    @Test
    void gradientShapMeansAgreeWithCaptumsWithinTheirStandardErrors() {
        int captumDraws = 20000;
        int n = 3000;
        INDArray captumMean = CaptumReference.expected("mlp.captumGradientShap.mean." + captumDraws);
        INDArray captumVar = CaptumReference.expected("mlp.captumGradientShap.drawVariance." + captumDraws);
        INDArray ours = new GradientShap(mlp, GradientShapConfig.of(Baseline.background(TorchReference.input("mlpBackground")))
                .withSamples(n).withNoiseSd(0.1).withSeed(19)).explain(xm, tm).values();
        double worst = 0;
        for (long i = 0; i < ours.length(); i++) {
            double se = Math.sqrt(captumVar.getDouble(i) * (1.0 / n + 1.0 / captumDraws)) + 1e-15;
            worst = Math.max(worst, Math.abs(ours.getDouble(i) - captumMean.getDouble(i)) / se);
        }
        System.out.printf("GradientShap vs Captum: worst %.2f standard errors%n", worst);
        assertThat(worst).isLessThan(6);
    }

    @Test
    void varGradWithRangeRelativeNoise() {
        NoiseTunnel nt = new NoiseTunnel(new InputXGradient(conv),
                NoiseTunnelConfig.DEFAULTS.withType(NoiseTunnelType.VARGRAD).withSamples(7).withFractionOfRange(0.15).withSeed(5));
        agree("conv.nt.inputXGradient.VARGRAD.fraction", nt.explain(xc, tc).values());
    }

    @Test
    void smoothGradOverIntegratedGradients() {
        NoiseTunnel nt = new NoiseTunnel(new IntegratedGradients(mlp, IntegratedGradientsConfig.DEFAULTS.withSteps(8)),
                NoiseTunnelConfig.DEFAULTS.withSamples(4).withSd(0.2).withSeed(3));
        agree("mlp.nt.ig.SMOOTHGRAD", nt.explain(xm, tm).values());
    }

    @Test
    void gradientShapWithNoiseAndDelta() {
        Attribution a = new GradientShap(conv, GradientShapConfig.of(Baseline.background(TorchReference.input("convBackground")))
                .withSamples(10).withNoiseSd(0.1).withSeed(5).withConvergenceDelta(true).withBatch(BatchPolicy.ofRows(7)))
                .explain(xc, tc);
        agree("conv.gradientShap", a.values());
        agreeDelta("conv.gradientShapDelta", a.convergenceDelta().orElseThrow());
        Attribution b = new GradientShap(mlp, GradientShapConfig.of(Baseline.background(TorchReference.input("mlpBackground")))
                .withSamples(12).withSeed(9).withConvergenceDelta(true)).explain(xm, tm);
        agree("mlp.gradientShap", b.values());
        agreeDelta("mlp.gradientShapDelta", b.convergenceDelta().orElseThrow());
    }

    @Test
    void layerGradientXActivation() {
        var net = TorchReference.convNet();
        for (String layer : List.of("conv", "relu", "gap")) {
            agree("conv.layerGradXAct." + layer, new LayerGradientXActivation(net, layer).explain(xc, tc).values());
        }
    }

    @Test
    void layerIntegratedGradients() {
        EditableMlp net = TorchReference.editableMlp();
        for (String layer : List.of("fc1", "relu")) {
            Attribution a = new LayerIntegratedGradients(net, new LayerIntegratedGradientsConfig(layer,
                    IntegratedGradientsConfig.DEFAULTS.withSteps(16).withBaseline(Baseline.constant(0.25))
                            .withBatch(BatchPolicy.ofRows(6)))).explain(xm, tm);
            agree("mlp.layerIg." + layer, a.values());
            agreeDelta("mlp.layerIgDelta." + layer, a.convergenceDelta().orElseThrow());
        }
    }
}
