package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xai4j.attribution.BadInputTest.fixed;
import static org.xai4j.attribution.BadInputTest.rejects;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.Explainer;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.attribution.gradient.Deconvolution;
import org.xai4j.attribution.gradient.DeepLift;
import org.xai4j.attribution.gradient.DeepLiftConfig;
import org.xai4j.attribution.gradient.DeepLiftShap;
import org.xai4j.attribution.gradient.DeepLiftShapConfig;
import org.xai4j.attribution.gradient.GuidedBackprop;
import org.xai4j.attribution.gradient.ModifiedReluConfig;

/** Bad input to the rule-based methods raises a specific exception naming the problem; nothing is modified. */
class RulesBadInputTest {
    final Graph mlp = SmallGraphs.mlp(5, DataType.FLOAT);

    List<Explainer<INDArray, ?>> explainers() {
        return List.of(new DeepLift(mlp), new DeepLiftShap(mlp, DeepLiftShapConfig.of(Baseline.background(
                Data.uniform(9, 4, 6)))), new GuidedBackprop(mlp), new Deconvolution(mlp));
    }

    @Test
    void baselineOrBackgroundOfTheWrongShape() {
        INDArray x = Data.uniform(1, 3, 6);
        INDArray wrong = Data.uniform(2, 3, 5);
        rejects(() -> new DeepLift(mlp, DeepLiftConfig.DEFAULTS.withBaseline(fixed(wrong))).explain(x, Target.classIndex(0)),
                InvalidShapeException.class, List.of("[3, 5]", "[3, 6]", "baseline"), x, wrong);
        INDArray oneRow = Data.uniform(3, 1, 6);
        rejects(() -> new DeepLift(mlp, DeepLiftConfig.DEFAULTS.withBaseline(fixed(oneRow))).explain(x, Target.classIndex(0)),
                InvalidShapeException.class, List.of("[1, 6]", "[3, 6]"), x, oneRow);
        INDArray bg = Data.uniform(4, 4, 5);
        rejects(() -> new DeepLiftShap(mlp, DeepLiftShapConfig.of(Baseline.background(bg)))
                .explain(x, Target.classIndex(0)), InvalidShapeException.class, List.of("[4, 5]", "[3, 6]", "background"), x, bg);
    }

    @Test
    void emptyOrMissingBackground() {
        INDArray empty = Nd4j.create(DataType.FLOAT, 0, 6);
        assertThatThrownBy(() -> Baseline.background(empty)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("at least one row").hasMessageContaining("[0, 6]");
        assertThatThrownBy(() -> DeepLiftShapConfig.of(null)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("background");
    }

    @Test
    void nanInInputOrBaseline() {
        INDArray x = Data.uniform(1, 3, 6);
        INDArray bad = x.dup();
        bad.putScalar(1, 2, Double.NaN);
        for (Explainer<INDArray, ?> e : explainers()) {
            rejects(() -> e.explain(bad, Target.classIndex(0)), NonFiniteValueException.class, List.of("NaN", "[1, 2]"), bad);
        }
        INDArray nanBaseline = Nd4j.zeros(DataType.DOUBLE, 3, 6);
        nanBaseline.putScalar(2, 5, Double.NaN);
        rejects(() -> new DeepLift(mlp, DeepLiftConfig.DEFAULTS.withBaseline(fixed(nanBaseline)))
                .explain(x, Target.classIndex(0)), NonFiniteValueException.class, List.of("NaN", "baseline", "[2, 5]"),
                x, nanBaseline);
    }

    @Test
    void targetOutOfRange() {
        INDArray x = Data.uniform(1, 3, 6);
        for (Explainer<INDArray, ?> e : explainers()) {
            rejects(() -> e.explain(x, Target.classIndex(4)), InvalidTargetException.class, List.of("4", "0..3"), x);
            rejects(() -> e.explain(x, Target.perRow(0, 1, -1)), InvalidTargetException.class, List.of("-1"), x);
            rejects(() -> e.explain(x, Target.perRow(0, 1)), InvalidTargetException.class, List.of("2 class indices", "3 rows"), x);
        }
    }

    @Test
    void inputThatDoesNotFitTheGraph() {
        INDArray x = Data.uniform(1, 3, 5);
        for (Explainer<INDArray, ?> e : explainers()) {
            rejects(() -> e.explain(x, Target.classIndex(0)), InvalidShapeException.class, List.of("[3, 5]"), x);
        }
    }

    @Test
    void invalidSettings() {
        assertThatThrownBy(() -> new DeepLift(null)).isInstanceOf(InvalidConfigException.class).hasMessageContaining("model");
        assertThatThrownBy(() -> new GuidedBackprop(null)).isInstanceOf(InvalidConfigException.class).hasMessageContaining("model");
        assertThatThrownBy(() -> DeepLiftConfig.DEFAULTS.withBaseline(null)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("baseline");
        assertThatThrownBy(() -> DeepLiftConfig.DEFAULTS.withMaxPool(null)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("maxPool");
        var bg = Baseline.background(Data.uniform(1, 2, 6));
        assertThatThrownBy(() -> DeepLiftShapConfig.of(bg).withSoftmax(null)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("softmax");
        assertThatThrownBy(() -> ModifiedReluConfig.DEFAULTS.withBatch(null))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("batch");
    }
}
