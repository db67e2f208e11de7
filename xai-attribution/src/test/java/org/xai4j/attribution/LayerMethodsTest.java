package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.HostArrays;
import org.xai4j.testkit.models.TinyConvNet;
import org.xai4j.attribution.gradient.IntegratedGradientsConfig;
import org.xai4j.attribution.gradient.Quadrature;
import org.xai4j.attribution.layer.LayerGradientXActivation;
import org.xai4j.attribution.layer.LayerGradientXActivationConfig;
import org.xai4j.attribution.layer.LayerIntegratedGradients;
import org.xai4j.attribution.layer.LayerIntegratedGradientsConfig;

class LayerMethodsTest {
    static final int[] CLASSES = {4, 0, 2};

    /** TinyConvNet: ∂y_k/∂relu_f(y,x) = W[k][f]/(H·W) and ∂y_k/∂gap_f = W[k][f]. */
    @Test
    void gradientTimesActivationHasTinyConvNetsClosedForm() {
        TinyConvNet conv = TinyConvNet.random(4, 2, 3, 5, 3, 6, 7);
        INDArray x = Data.uniform(1, 3, 2, 6, 7);
        INDArray relu = conv.forward(x, List.of("relu")).activation("relu");
        INDArray gap = conv.forward(x, List.of("gap")).activation("gap");
        double[] expRelu = new double[3 * 3 * 42];
        double[] expGrad = new double[3 * 3 * 42];
        double[] expGap = new double[3 * 3];
        for (int i = 0; i < 3; i++) {
            for (int f = 0; f < 3; f++) {
                double w = conv.headWeight(CLASSES[i], f);
                expGap[i * 3 + f] = gap.getDouble(i, f) * w;
                for (int p = 0; p < 42; p++) {
                    expRelu[(i * 3 + f) * 42 + p] = relu.getDouble(i, f, p / 7, p % 7) * w / 42;
                    expGrad[(i * 3 + f) * 42 + p] = w / 42;
                }
            }
        }
        Target t = Target.perRow(CLASSES);
        Close.check("relu", new LayerGradientXActivation(conv, "relu").explain(x, t).values(),
                HostArrays.array(expRelu, new long[] {3, 3, 6, 7}, DataType.DOUBLE), 1e-12);
        Close.check("gap", new LayerGradientXActivation(conv, "gap").explain(x, t).values(),
                HostArrays.array(expGap, new long[] {3, 3}, DataType.DOUBLE), 1e-12);
        Close.check("gradient at relu", new LayerGradientXActivation(conv, LayerGradientXActivationConfig.at("relu")
                .withMultiplyByActivations(false)).explain(x, t).values(),
                HostArrays.array(expGrad, new long[] {3, 3, 6, 7}, DataType.DOUBLE), 1e-12);
    }

    @Test
    void unknownLayersAreNamedWithSuggestions() {
        TinyConvNet conv = TinyConvNet.random(4, 2, 3, 5, 3, 6, 7);
        assertThatThrownBy(() -> new LayerGradientXActivation(conv, "reul")).isInstanceOf(UnknownLayerException.class)
                .hasMessageContaining("reul").hasMessageContaining("relu");
        assertThatThrownBy(() -> new LayerIntegratedGradients(TorchReference.editableMlp(), "fc2"))
                .isInstanceOf(UnknownLayerException.class).hasMessageContaining("fc1");
    }

    /** Downstream of relu the test MLP is linear: layer IG there is (a(x) − a(b))⊙W2[k] for any rule, with no delta. */
    @ParameterizedTest
    @EnumSource(Quadrature.class)
    void layerIntegratedGradientsBeforeALinearHead(Quadrature q) {
        EditableMlp net = TorchReference.editableMlp();
        INDArray x = Data.uniform(3, 3, 6);
        Baseline b = Baseline.constant(0.3);
        int[] classes = {3, 0, 1};
        Attribution a = new LayerIntegratedGradients(net, new LayerIntegratedGradientsConfig("relu",
                IntegratedGradientsConfig.DEFAULTS.withQuadrature(q).withSteps(5).withBaseline(b))).explain(x, Target.perRow(classes));
        INDArray ax = net.forward(x, List.of("relu")).activation("relu");
        INDArray ab = net.forward(x.mul(0).add(0.3), List.of("relu")).activation("relu");
        double[] expected = new double[3 * 8];
        for (int i = 0; i < 3; i++) {
            for (int h = 0; h < 8; h++) {
                expected[i * 8 + h] = (ax.getDouble(i, h) - ab.getDouble(i, h)) * net.w2(classes[i], h);
            }
        }
        Close.check(q.name(), a.values(), HostArrays.array(expected, new long[] {3, 8}, DataType.DOUBLE), 1e-12);
        assertThat(a.convergenceDelta().orElseThrow().amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    /** Before the ReLU the path crosses kinks: the reported delta is Σ − (f(x) − f(b)) and shrinks with steps. */
    @Test
    void layerIntegratedGradientsCompletenessBeforeTheRelu() {
        EditableMlp net = TorchReference.editableMlp();
        INDArray x = Data.uniform(3, 3, 6);
        int[] classes = {3, 0, 1};
        INDArray fx = net.predict(x);
        INDArray fb = net.predict(x.mul(0));
        double[] worst = new double[3];
        int[] steps = {4, 32, 512};
        for (int s = 0; s < steps.length; s++) {
            Attribution a = new LayerIntegratedGradients(net, new LayerIntegratedGradientsConfig("fc1",
                    IntegratedGradientsConfig.DEFAULTS.withSteps(steps[s]))).explain(x, Target.perRow(classes));
            for (int i = 0; i < 3; i++) {
                double change = fx.getDouble(i, classes[i]) - fb.getDouble(i, classes[i]);
                double gap = a.values().getRow(i).sumNumber().doubleValue() - change;
                assertThat(a.convergenceDelta().orElseThrow().getDouble(i)).isCloseTo(gap, org.assertj.core.data.Offset.offset(1e-12));
                worst[s] = Math.max(worst[s], Math.abs(gap / change));
            }
        }
        assertThat(worst[0]).as("4 steps: a visible gap").isGreaterThan(1e-3);
        assertThat(worst[2]).as("512 steps").isLessThan(worst[0]).isLessThan(1e-2);
    }

    @Test
    void layerIntegratedGradientsNeedsTheReplacementPass() {
        TinyConvNet conv = TinyConvNet.random(4, 2, 3, 5, 3, 6, 7);
        assertThatThrownBy(() -> new LayerIntegratedGradients(conv, "relu").explain(Data.uniform(1, 2, 2, 6, 7), Target.classIndex(0)))
                .isInstanceOf(UnsupportedModelException.class).hasMessageContaining("backwardReplacing").hasMessageContaining("relu");
    }
}
