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

/**
 * Agreement with the independent PyTorch implementations of {@code src/test/python/make_reference.py}
 * (float64 autograd; the same weights, inputs, classes and, for the stochastic methods, the same draws)
 * within 1e-4 relative — in practice the differences are rounding (≈1e-15).
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

    /** Convergence deltas are rounding-level numbers (exactly 0 in exact arithmetic for some cases): compare absolutely. */
    static void agreeDelta(String name, INDArray actual) {
        INDArray expected = TorchReference.expected(name);
        assertThat(actual.shape()).containsExactly(expected.shape());
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).as("%s absolute difference", name).isLessThan(1e-12);
    }

    static void agree(String name, INDArray actual) {
        double err = Close.check(name, actual, TorchReference.expected(name), TOL);
        assertThat(err).as("%s relative error", name).isLessThan(MEASURED);
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
            }
        }
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
