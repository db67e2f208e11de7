package org.xai4j.core.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidTargetException;

class ClassTargetFromArrayTest {
    @Test
    void wholeNumbersOfAnyTypeAndShapeOnePerRow() {
        assertThat(ClassTarget.fromArray(Nd4j.createFromArray(3L, 0L), "t", 2).classes(2)).containsExactly(3, 0);
        assertThat(ClassTarget.fromArray(Nd4j.createFromArray(new float[][] {{2f}, {7f}}), "t", 2).classes(2))
                .containsExactly(2, 7);
        assertThat(ClassTarget.fromArray(Nd4j.createFromArray(5, 1, 2147483647), "t", 3).classes(3))
                .containsExactly(5, 1, Integer.MAX_VALUE);
        assertThat(ClassTarget.fromArray(Nd4j.createFromArray(4.0, -0.0).castTo(DataType.HALF), "t", 2).classes(2))
                .containsExactly(4, 0);
    }

    @Test
    void fractionsNaNAndInfinityAreRefusedWithRowAndValue() {
        assertThatThrownBy(() -> ClassTarget.fromArray(Nd4j.createFromArray(1.0, 1.5), "t.npy", 2))
                .isInstanceOf(InvalidTargetException.class).hasMessage(
                        "t.npy row 1: 1.5 is not a whole number; targets are class indices (0, 1, 2, ...)");
        assertThatThrownBy(() -> ClassTarget.fromArray(Nd4j.createFromArray(Double.NaN), "t.npy", 1))
                .hasMessageContaining("row 0: NaN is not a whole number");
        assertThatThrownBy(() -> ClassTarget.fromArray(Nd4j.createFromArray(Double.POSITIVE_INFINITY), "t.npy", 1))
                .hasMessageContaining("row 0: Infinity is not a whole number");
    }

    @Test
    void valuesOutsideTheClassIndexRange() {
        assertThatThrownBy(() -> ClassTarget.fromArray(Nd4j.createFromArray(2147483648L), "t.npy", 1))
                .isInstanceOf(InvalidTargetException.class).hasMessage("t.npy row 0: 2147483648 is not a class index;"
                        + " class indices are whole numbers from 0 to 2147483647");
        assertThatThrownBy(() -> ClassTarget.fromArray(Nd4j.createFromArray(0.0, -2.0), "t.npy", 2))
                .hasMessageContaining("row 1: -2 is not a class index");
        assertThatThrownBy(() -> ClassTarget.fromArray(Nd4j.createFromArray(1e30), "t.npy", 1))
                .hasMessageContaining("row 0: 1.0E30 is not a class index");
    }

    @Test
    void exactlyOnePerRow() {
        assertThatThrownBy(() -> ClassTarget.fromArray(Nd4j.createFromArray(1L, 2L, 3L), "t.npy", 2))
                .isInstanceOf(InvalidTargetException.class)
                .hasMessageStartingWith("t.npy has 3 targets but the input has 2 rows");
        assertThatThrownBy(() -> ClassTarget.fromArray(Nd4j.createFromArray(1L), "t.npy", 2))
                .hasMessageStartingWith("t.npy has 1 target but the input has 2 rows");
    }
}
