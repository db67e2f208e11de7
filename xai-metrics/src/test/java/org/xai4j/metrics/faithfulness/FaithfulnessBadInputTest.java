package org.xai4j.metrics.faithfulness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;
import org.xai4j.metrics.testing.LinearModel;

class FaithfulnessBadInputTest {
    static final LinearModel MODEL = new LinearModel(new double[][] {{1, 0}, {0, 1}, {1, 1}, {2, -1}, {0, 3}, {1, 2}});
    static final INDArray X = Rng.seeded(1).uniform(DataType.DOUBLE, 0, 1, 2, 1, 2, 3);

    interface Metric {
        Object run(PredictionFunction model, INDArray input, INDArray attributions, Target target);
    }

    static final List<Metric> ALL = List.of(
            (m, x, a, t) -> new Deletion().evaluate(m, x, a, t),
            (m, x, a, t) -> new Insertion().evaluate(m, x, a, t),
            (m, x, a, t) -> new PixelFlipping().evaluate(m, x, a, t),
            (m, x, a, t) -> new Monotonicity().evaluate(m, x, a, t),
            (m, x, a, t) -> new MonotonicityCorrelation().evaluate(m, x, a, t),
            (m, x, a, t) -> new FaithfulnessCorrelation(FaithfulnessCorrelationConfig.DEFAULTS.withRuns(5)).evaluate(m, x, a, t),
            (m, x, a, t) -> new Infidelity().evaluate(m, x, a, t),
            (m, x, a, t) -> new Road(RoadConfig.DEFAULTS.withFractions(0.5)).evaluate(m, x, a, t));

    static void forAll(Consumer<Metric> check) {
        for (Metric m : ALL) {
            check.accept(m);
        }
    }

    @Test
    void mismatchedAttributionShapesNameBothShapes() {
        forAll(m -> assertThatThrownBy(() -> m.run(MODEL, X, Nd4j.ones(DataType.DOUBLE, 2, 2, 2), Target.classIndex(0)))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("[2, 2]"));
        forAll(m -> assertThatThrownBy(() -> m.run(MODEL, X, Nd4j.ones(DataType.DOUBLE, 3, 2, 3), Target.classIndex(0)))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("3 rows"));
    }

    @Test
    void nonFiniteAttributionsInputsAndScoresAreRejected() {
        INDArray a = Rng.seeded(2).uniform(DataType.DOUBLE, 0, 1, 2, 2, 3);
        a.putScalar(new long[] {1, 1, 2}, Double.NaN);
        forAll(m -> assertThatThrownBy(() -> m.run(MODEL, X, a, Target.classIndex(0)))
                .isInstanceOf(NonFiniteValueException.class).hasMessageContaining("attributions"));
        INDArray x = X.dup();
        x.putScalar(new long[] {0, 0, 0, 0}, Double.POSITIVE_INFINITY);
        INDArray ok = Nd4j.ones(DataType.DOUBLE, 2, 2, 3);
        forAll(m -> assertThatThrownBy(() -> m.run(MODEL, x, ok, Target.classIndex(0)))
                .isInstanceOf(NonFiniteValueException.class));
        PredictionFunction nan = PredictionFunction.of("nan", in -> Nd4j.valueArrayOf(new long[] {in.size(0), 2}, Double.NaN));
        forAll(m -> assertThatThrownBy(() -> m.run(nan, X, ok, Target.classIndex(0)))
                .isInstanceOf(NonFiniteValueException.class).hasMessageContaining("model nan"));
    }

    @Test
    void targetsOutsideTheOutputAreRejected() {
        INDArray ok = Rng.seeded(3).uniform(DataType.DOUBLE, 0, 1, 2, 2, 3);
        forAll(m -> assertThatThrownBy(() -> m.run(MODEL, X, ok, Target.classIndex(5)))
                .isInstanceOf(InvalidTargetException.class).hasMessageContaining("5"));
    }

    @Test
    void argumentsAreNeverModified() {
        INDArray x = X.castTo(DataType.FLOAT);
        INDArray a = Rng.seeded(4).uniform(DataType.FLOAT, 0, 1, 2, 2, 3);
        INDArray x0 = x.dup();
        INDArray a0 = a.dup();
        forAll(m -> {
            m.run(MODEL, x, a, Target.predicted());
            assertThat(x).isEqualTo(x0);
            assertThat(a).isEqualTo(a0);
        });
    }

    @Test
    void configsRejectOutOfRangeValues() {
        assertThatThrownBy(() -> CurveConfig.DEFAULTS.withStepSize(0)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> InfidelityConfig.DEFAULTS.withNoiseSd(0)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> SensitivityMaxConfig.DEFAULTS.withRadius(-1)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> FaithfulnessCorrelationConfig.DEFAULTS.withRuns(2)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> FaithfulnessCorrelationConfig.DEFAULTS.withSubsetFraction(0))
                .isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> MonotonicityCorrelationConfig.DEFAULTS.withSamples(0)).isInstanceOf(InvalidConfigException.class);
        assertThat(CurveConfig.DEFAULTS.toMap()).containsKeys("order", "stepSize", "baseline", "seed", "batch.maxRows");
    }
}
