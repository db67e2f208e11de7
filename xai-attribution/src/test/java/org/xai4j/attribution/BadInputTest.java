package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.Explainer;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.XaiException;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;
import org.xai4j.testkit.models.LinearModel;
import org.xai4j.testkit.models.TwoLayerReluNet;
import org.xai4j.attribution.gradient.GradientShap;
import org.xai4j.attribution.gradient.GradientShapConfig;
import org.xai4j.attribution.gradient.InputXGradient;
import org.xai4j.attribution.gradient.IntegratedGradients;
import org.xai4j.attribution.gradient.IntegratedGradientsConfig;
import org.xai4j.attribution.gradient.Quadrature;
import org.xai4j.attribution.gradient.Saliency;
import org.xai4j.attribution.layer.LayerGradientXActivationConfig;
import org.xai4j.attribution.layer.LayerIntegratedGradients;
import org.xai4j.attribution.layer.LayerIntegratedGradientsConfig;

/** Bad input raises a specific {@link XaiException} naming the offending value, and leaves every array as it was. */
class BadInputTest {
    final LinearModel linear = LinearModel.random(3, 3, 6);
    final TwoLayerReluNet mlp = TwoLayerReluNet.random(3, 6, 8, 4);

    /** A baseline that hands back a fixed array whatever the input (as a user's own Baseline might). */
    static Baseline fixed(INDArray reference) {
        return new Baseline() {
            @Override
            public INDArray referenceFor(INDArray input, Rng rng) {
                return reference;
            }

            @Override
            public String describe() {
                return "fixed " + java.util.Arrays.toString(reference.shape());
            }
        };
    }

    static double[] bits(INDArray a) {
        return a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }

    /** Runs {@code call}, expects {@code type} with all of {@code mentions}, and checks {@code arrays} are unchanged. */
    static void rejects(Runnable call, Class<? extends XaiException> type, List<String> mentions, INDArray... arrays) {
        List<double[]> before = java.util.Arrays.stream(arrays).map(BadInputTest::bits).toList();
        var assertion = assertThatThrownBy(call::run).isInstanceOf(type);
        for (String m : mentions) {
            assertion.hasMessageContaining(m);
        }
        for (int i = 0; i < arrays.length; i++) {
            assertThat(bits(arrays[i])).as("array %d after the rejection", i).isEqualTo(before.get(i));
        }
    }

    @Test
    void baselineOfTheWrongShape() {
        INDArray x = Data.uniform(1, 3, 6);
        INDArray wrong = Data.uniform(2, 3, 5);
        rejects(() -> new IntegratedGradients(linear, IntegratedGradientsConfig.DEFAULTS.withBaseline(fixed(wrong)))
                .explain(x, Target.classIndex(0)), InvalidShapeException.class, List.of("[3, 5]", "[3, 6]", "baseline"), x, wrong);
        INDArray oneRow = Data.uniform(2, 1, 6);
        rejects(() -> new IntegratedGradients(linear, IntegratedGradientsConfig.DEFAULTS.withBaseline(fixed(oneRow)))
                .explain(x, Target.classIndex(0)), InvalidShapeException.class, List.of("[1, 6]", "[3, 6]"), x, oneRow);
        INDArray bgRows = Data.uniform(3, 4, 5);
        rejects(() -> new IntegratedGradients(linear, IntegratedGradientsConfig.DEFAULTS.withBaseline(Baseline.background(bgRows)))
                .explain(x, Target.classIndex(0)), InvalidShapeException.class, List.of("[5]", "[6]"), x, bgRows);
        rejects(() -> new GradientShap(linear, GradientShapConfig.of(Baseline.background(bgRows)))
                .explain(x, Target.classIndex(0)), InvalidShapeException.class, List.of("[4, 5]", "[3, 6]", "background"), x, bgRows);
        rejects(() -> new LayerIntegratedGradients(TorchReference.editableMlp(), new LayerIntegratedGradientsConfig("relu",
                IntegratedGradientsConfig.DEFAULTS.withBaseline(fixed(wrong)))).explain(x, Target.classIndex(0)),
                InvalidShapeException.class, List.of("[3, 5]", "[3, 6]"), x, wrong);
    }

    @Test
    void nanInInputOrBaseline() {
        INDArray x = Data.uniform(1, 3, 6);
        INDArray nanBaseline = Nd4j.zeros(DataType.DOUBLE, 3, 6);
        nanBaseline.putScalar(1, 4, Double.NaN);
        rejects(() -> new IntegratedGradients(mlp, IntegratedGradientsConfig.DEFAULTS.withBaseline(fixed(nanBaseline)))
                .explain(x, Target.classIndex(0)), NonFiniteValueException.class, List.of("NaN", "baseline", "[1, 4]"), x, nanBaseline);
        INDArray bad = x.dup();
        bad.putScalar(2, 3, Double.NaN);
        for (Explainer<INDArray, ?> e : explainers()) {
            rejects(() -> e.explain(bad, Target.classIndex(0)), NonFiniteValueException.class, List.of("NaN", "[2, 3]"), bad);
        }
        INDArray inf = x.dup();
        inf.putScalar(0, 0, Double.POSITIVE_INFINITY);
        rejects(() -> new Saliency(mlp).explain(inf, Target.classIndex(0)), NonFiniteValueException.class, List.of("Infinity"), inf);
        INDArray nanBackground = Data.uniform(4, 2, 6);
        nanBackground.putScalar(0, 1, Double.NaN);
        rejects(() -> Baseline.background(nanBackground), NonFiniteValueException.class, List.of("NaN", "background"), nanBackground);
    }

    @Test
    void booleanOrClosedInputsAndBaselines() {
        INDArray flags = Data.uniform(1, 3, 6).castTo(DataType.BOOL);
        for (Explainer<INDArray, ?> e : explainers()) {
            rejects(() -> e.explain(flags, Target.classIndex(0)), InvalidShapeException.class, List.of("input", "BOOL", "[3, 6]"), flags);
            INDArray closed = Data.uniform(1, 3, 6);
            closed.close();
            assertThatThrownBy(() -> e.explain(closed, Target.classIndex(0))).isInstanceOf(InvalidShapeException.class)
                    .hasMessageContaining("input").hasMessageContaining("close()");
        }
        INDArray x = Data.uniform(1, 3, 6);
        INDArray closedBaseline = Nd4j.zeros(DataType.DOUBLE, 3, 6);
        closedBaseline.close();
        Baseline closedReference = new Baseline() {
            @Override
            public INDArray referenceFor(INDArray input, Rng rng) {
                return closedBaseline;
            }

            @Override
            public String describe() {
                return "closed";
            }
        };
        rejects(() -> new IntegratedGradients(mlp, IntegratedGradientsConfig.DEFAULTS.withBaseline(closedReference))
                .explain(x, Target.classIndex(0)), InvalidShapeException.class, List.of("baseline", "close()"), x);
        INDArray closedBackground = Data.uniform(2, 4, 6);
        closedBackground.close();
        assertThatThrownBy(() -> Baseline.background(closedBackground)).isInstanceOf(XaiException.class)
                .hasMessageContaining("close()");
    }

    @Test
    void targetOutOfRange() {
        INDArray x = Data.uniform(1, 3, 6);
        for (Explainer<INDArray, ?> e : explainers()) {
            rejects(() -> e.explain(x, Target.classIndex(4)), InvalidTargetException.class, List.of("4", "0..3"), x);
            rejects(() -> e.explain(x, Target.perRow(0, 1, 9)), InvalidTargetException.class, List.of("9"), x);
            rejects(() -> e.explain(x, Target.perRow(0, 1)), InvalidTargetException.class, List.of("2 class indices", "3 rows"), x);
        }
    }

    @Test
    void invalidSettings() {
        assertThatThrownBy(() -> IntegratedGradientsConfig.DEFAULTS.withSteps(0)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("steps").hasMessageContaining("0");
        assertThatThrownBy(() -> IntegratedGradientsConfig.DEFAULTS.withSteps(-3)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("-3");
        assertThatThrownBy(() -> IntegratedGradientsConfig.DEFAULTS.withQuadrature(Quadrature.RIEMANN_TRAPEZOID).withSteps(1))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("RIEMANN_TRAPEZOID").hasMessageContaining("at least 2");
        assertThatThrownBy(() -> IntegratedGradientsConfig.DEFAULTS.withBaseline(null)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("baseline");
        INDArray empty = Nd4j.create(DataType.DOUBLE, 0, 6);
        assertThatThrownBy(() -> Baseline.background(empty)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("at least one row").hasMessageContaining("[0, 6]");
        assertThatThrownBy(() -> GradientShapConfig.of(null)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("background");
        var bg = Baseline.background(Data.uniform(1, 2, 6));
        assertThatThrownBy(() -> GradientShapConfig.of(bg).withSamples(0)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("samples").hasMessageContaining("0");
        assertThatThrownBy(() -> GradientShapConfig.of(bg).withNoiseSd(-0.1)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("-0.1");
        assertThatThrownBy(() -> GradientShapConfig.of(bg).withNoiseSd(Double.NaN)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> NoiseTunnelConfig.DEFAULTS.withSamples(0)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("samples");
        assertThatThrownBy(() -> NoiseTunnelConfig.DEFAULTS.withSd(-1)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> NoiseTunnelConfig.DEFAULTS.withFractionOfRange(Double.POSITIVE_INFINITY))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("Infinity");
        assertThatThrownBy(() -> LayerGradientXActivationConfig.at(" ")).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> new Saliency(null)).isInstanceOf(InvalidConfigException.class).hasMessageContaining("model");
    }

    @Test
    void wrongRankOrRowShape() {
        INDArray x = Data.uniform(1, 3, 5);
        for (Explainer<INDArray, ?> e : explainers()) {
            rejects(() -> e.explain(x, Target.classIndex(0)), InvalidShapeException.class, List.of("[3, 5]"), x);
        }
    }

    List<Explainer<INDArray, ?>> explainers() {
        Supplier<Baseline> bg = () -> Baseline.background(Data.uniform(9, 4, 6));
        return List.of(new Saliency(mlp), new InputXGradient(mlp), new IntegratedGradients(mlp),
                new GradientShap(mlp, GradientShapConfig.of((org.xai4j.core.baseline.BackgroundBaseline) bg.get())),
                new NoiseTunnel(new Saliency(mlp)), new NoiseTunnel(new IntegratedGradients(mlp)),
                new LayerIntegratedGradients(new EditableMlp(new double[][] {{1, 0, 0, 0, 0, 0}}, new double[] {0},
                        new double[][] {{1}, {2}, {3}, {4}}, new double[] {0, 0, 0, 0}), "relu"));
    }
}
