package org.xai4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;

class ChecksTest {
    @Test
    void rankMessageNamesArgumentExpectedAndActual() {
        INDArray x = Nd4j.zeros(3, 28, 28);
        assertThatThrownBy(() -> Checks.requireRank(x, "input", 4)).isInstanceOf(InvalidShapeException.class)
                .hasMessage("input: expected rank 4 but got rank 3 (shape [3, 28, 28])");
        assertThatThrownBy(() -> Checks.requireRank(x, "input", 2, 4, 5)).hasMessageContaining("rank 2, 4 or 5");
        assertThatCode(() -> Checks.requireRank(x, "input", 3)).doesNotThrowAnyException();
    }

    @Test
    void shapeWithWildcards() {
        INDArray x = Nd4j.zeros(2, 3, 4);
        assertThatCode(() -> Checks.requireShape(x, "x", -1, 3, 4)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Checks.requireShape(x, "x", -1, 1, 4)).isInstanceOf(InvalidShapeException.class)
                .hasMessage("x: expected shape [*, 1, 4] but got [2, 3, 4]");
    }

    @Test
    void sameShapeAndRows() {
        assertThatThrownBy(() -> Checks.requireSameShape(Nd4j.zeros(2, 3), "input", Nd4j.zeros(2, 4), "baseline"))
                .isInstanceOf(InvalidShapeException.class).hasMessage("baseline shape [2, 4] does not match input shape [2, 3]");
        assertThatThrownBy(() -> Checks.requireSameRowShape(Nd4j.zeros(2, 3), "input", Nd4j.zeros(5, 4), "background"))
                .hasMessageContaining("[4]").hasMessageContaining("[3]");
        assertThatCode(() -> Checks.requireSameRowShape(Nd4j.zeros(2, 3), "input", Nd4j.zeros(5, 3), "background"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Checks.requireRows(Nd4j.zeros(2, 3), "mask", 3)).hasMessageContaining("3 rows");
    }

    @Test
    void finiteFindsTheFirstBadElementWithoutChangingTheArray() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 2, 3);
        x.putScalar(1, 2, Double.NaN);
        INDArray copy = x.dup();
        assertThatThrownBy(() -> Checks.requireFinite(x, "input")).isInstanceOf(NonFiniteValueException.class)
                .hasMessage("input holds NaN at flat index 5 (position [1, 2] of shape [2, 3])");
        assertThat(x.isNaN().castTo(DataType.INT32).sumNumber().intValue()).isEqualTo(1);
        assertThat(x.getDouble(0, 0)).isEqualTo(copy.getDouble(0, 0));
        INDArray inf = Nd4j.zeros(DataType.DOUBLE, 4);
        inf.putScalar(2, Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> Checks.requireFinite(inf, "baseline")).hasMessageContaining("-Infinity at flat index 2");
    }

    @Test
    void hugeFiniteValuesAreNotMistakenForOverflow() {
        INDArray x = Nd4j.create(new double[] {Double.MAX_VALUE, Double.MAX_VALUE});
        assertThatCode(() -> Checks.requireFinite(x, "x")).doesNotThrowAnyException();
    }

    @Test
    void nullAndEmpty() {
        assertThatThrownBy(() -> Checks.requireArray(null, "input")).isInstanceOf(InvalidShapeException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> Checks.requireArray(Nd4j.empty(DataType.FLOAT), "input")).hasMessageContaining("non-empty");
    }

    @Test
    void numbers() {
        assertThatThrownBy(() -> Checks.requireAtLeast(0, 1, "steps")).isInstanceOf(InvalidConfigException.class)
                .hasMessage("steps must be at least 1 but was 0");
        assertThatThrownBy(() -> Checks.requirePositive(Double.NaN, "sigma")).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Checks.requireNonNegative(-1, "stdevs")).hasMessageContaining("-1");
        assertThatThrownBy(() -> Checks.requireInRange(1.5, 0, 1, "top")).hasMessageContaining("[0.0, 1.0]");
        assertThat(Checks.unravel(23, new long[] {2, 3, 4})).containsExactly(1, 2, 3);
    }
}
