package org.xai4j.core.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.util.Json;
import org.xai4j.core.util.Rng;

class BaselineTest {
    @SuppressWarnings("unchecked")
    @Test
    void blurMatchesScipyGaussianFilter() throws IOException {
        Map<String, Object> ref;
        try (InputStream in = getClass().getResourceAsStream("blur_reference.json")) {
            ref = Json.readObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        long[] shape = ((List<Number>) ref.get("shape")).stream().mapToLong(Number::longValue).toArray();
        double[] x = ((List<Number>) ref.get("input")).stream().mapToDouble(Number::doubleValue).toArray();
        INDArray input = Nd4j.create(x, shape, DataType.DOUBLE);
        INDArray before = input.dup();
        List<Map<String, Object>> cases = (List<Map<String, Object>>) ref.get("cases");
        assertThat(cases).hasSize(3);
        for (Map<String, Object> c : cases) {
            double sigma = ((Number) c.get("sigma")).doubleValue();
            double[] expected = ((List<Number>) c.get("output")).stream().mapToDouble(Number::doubleValue).toArray();
            double[] actual = Baseline.blur(sigma).referenceFor(input, Rng.seeded(0)).data().asDouble();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as("sigma %s element %d", sigma, i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-12));
            }
        }
        assertThat(input).isEqualTo(before);
    }

    @Test
    void blurKeepsTypeAndShape() {
        INDArray x = Rng.seeded(1).uniform(DataType.FLOAT, 0, 1, 2, 3, 4, 4);
        INDArray b = Baseline.blur(1.0).referenceFor(x, Rng.seeded(0));
        assertThat(b.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(b.shape()).containsExactly(2, 3, 4, 4);
        // A blur of a constant is the constant.
        INDArray c = Baseline.blur(1.5).referenceFor(Nd4j.valueArrayOf(new long[] {1, 1, 5, 5}, 0.25, DataType.DOUBLE), Rng.seeded(0));
        assertThat(c.minNumber().doubleValue()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(c.maxNumber().doubleValue()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void blurRejectsBadSigmaAndRank() {
        assertThatThrownBy(() -> Baseline.blur(0)).isInstanceOf(InvalidConfigException.class).hasMessageContaining("sigma");
        assertThatThrownBy(() -> Baseline.blur(Double.NaN)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> Baseline.blur(1).referenceFor(Nd4j.ones(3), Rng.seeded(0)))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("[3]");
    }

    @Test
    void constantAndZeros() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 2, 3);
        assertThat(Baseline.zeros().referenceFor(x, Rng.seeded(0))).isEqualTo(Nd4j.zeros(DataType.FLOAT, 2, 3));
        INDArray c = Baseline.constant(-0.5).referenceFor(x, Rng.seeded(0));
        assertThat(c.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(c.sumNumber().doubleValue()).isEqualTo(-3.0);
        assertThat(Baseline.zeros().describe()).isEqualTo("zeros");
        assertThatThrownBy(() -> Baseline.constant(Double.POSITIVE_INFINITY)).isInstanceOf(NonFiniteValueException.class);
    }

    @Test
    void uniformNoiseIsSeededAndInRange() {
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 3, 50);
        Baseline b = Baseline.uniformNoise(-2, 3);
        INDArray a1 = b.referenceFor(x, Rng.seeded(9));
        INDArray a2 = b.referenceFor(x, Rng.seeded(9));
        INDArray a3 = b.referenceFor(x, Rng.seeded(10));
        assertThat(a1).isEqualTo(a2);
        assertThat(a1).isNotEqualTo(a3);
        assertThat(a1.minNumber().doubleValue()).isGreaterThanOrEqualTo(-2);
        assertThat(a1.maxNumber().doubleValue()).isLessThan(3);
        assertThat(b.isRandom()).isTrue();
        assertThatThrownBy(() -> Baseline.uniformNoise(1, 1)).isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void aBackgroundSetIsReadInPlaceAsNewDoublesAndChecksRowShapes() {
        INDArray set = Nd4j.create(new float[][] {{1.5f, -2}, {3, 0.1f}});
        BackgroundBaseline b = Baseline.background(set);
        double[] v = b.doubles();
        assertThat(v).containsExactly(1.5, -2, 3, (double) 0.1f);
        v[0] = 99;
        assertThat(b.doubles()).as("a new array each time; the set is unchanged").startsWith(1.5);
        b.requireSameRowShape(Nd4j.zeros(DataType.FLOAT, 5, 2), "input");
        assertThatThrownBy(() -> b.requireSameRowShape(Nd4j.zeros(DataType.FLOAT, 5, 3), "input"))
                .isInstanceOf(InvalidShapeException.class)
                .hasMessageStartingWith("background set rows have shape [2] but input rows have shape [3]");
    }

    @Test
    void backgroundIsTheMeanRowAndCopiesItsSet() {
        INDArray set = Nd4j.create(new double[][] {{1, 2}, {3, 6}});
        BackgroundBaseline b = Baseline.background(set);
        set.muli(100);
        INDArray ref = b.referenceFor(Nd4j.zeros(DataType.DOUBLE, 3, 2), Rng.seeded(0));
        assertThat(ref).isEqualTo(Nd4j.create(new double[][] {{2, 4}, {2, 4}, {2, 4}}));
        assertThat(b.size()).isEqualTo(2);
        assertThat(b.samples()).isEqualTo(Nd4j.create(new double[][] {{1, 2}, {3, 6}}));
        assertThatThrownBy(() -> b.referenceFor(Nd4j.zeros(DataType.DOUBLE, 3, 4), Rng.seeded(0)))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("[2]").hasMessageContaining("[4]");
        assertThatThrownBy(() -> Baseline.background(Nd4j.zeros(DataType.DOUBLE, 0, 2))).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> Baseline.background(Nd4j.create(new double[][] {{Double.NaN, 1}})))
                .isInstanceOf(NonFiniteValueException.class);
    }
}
