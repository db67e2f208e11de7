package org.xai4j.core.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidTargetException;

class TargetTest {
    private final INDArray out = Nd4j.create(new double[][] {{0.1, 0.7, 0.2}, {0.5, 0.5, 0.0}, {-1, -2, 3}});

    @Test
    void classPerRowScoresAndSeed() {
        Target t = Target.perRow(1, 0, 2);
        assertThat(t.scores(out).toDoubleVector()).containsExactly(0.7, 0.5, 3.0);
        assertThat(t.seed(out)).isEqualTo(Nd4j.create(new double[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}}));
        assertThat(t.describe()).isEqualTo("classes [1, 0, 2]");
    }

    @Test
    void sharedClass() {
        Target t = Target.classIndex(2);
        assertThat(t.scores(out).toDoubleVector()).containsExactly(0.2, 0.0, 3.0);
        assertThat(t.select(0, 0, 1)).isSameAs(t);
    }

    @Test
    void classTargetValidation() {
        assertThatThrownBy(() -> Target.classIndex(3).validate(out.shape())).isInstanceOf(InvalidTargetException.class)
                .hasMessageContaining("class index 3").hasMessageContaining("0..2");
        assertThatThrownBy(() -> Target.perRow(0, 1).validate(out.shape())).isInstanceOf(InvalidTargetException.class)
                .hasMessageContaining("2 class indices").hasMessageContaining("3 rows");
        assertThatThrownBy(() -> Target.classIndex(-1)).isInstanceOf(InvalidTargetException.class);
        assertThatThrownBy(() -> Target.perRow()).isInstanceOf(InvalidTargetException.class);
        assertThatThrownBy(() -> Target.classIndex(0).validate(new long[] {4})).isInstanceOf(InvalidTargetException.class)
                .hasMessageContaining("[4]");
    }

    @Test
    void aRowOfAPerRowTargetIsNamedAsTheUserNumberedIt() {
        // the CLI explains row by row with target.rows(i, i + 1): row 1's bad class must not be reported as row 0
        Target perRow = ClassTarget.fromArray(Nd4j.createFromArray(0, 99, 2), "--target t.npy", 3);
        assertThatThrownBy(() -> perRow.rows(1, 2).validate(new long[] {1, 10}))
                .isInstanceOf(InvalidTargetException.class).hasMessageContaining("99 (row 1)");
        assertThatThrownBy(() -> perRow.rows(1, 3).repeatEach(2, 3).validate(new long[] {6, 10}))
                .isInstanceOf(InvalidTargetException.class).hasMessageContaining("99 (row 1)");
    }

    @Test
    void selectAndRepeat() {
        Target t = Target.perRow(1, 0, 2);
        assertThat(t.select(2, 2, 0)).isEqualTo(Target.perRow(2, 2, 1));
        assertThat(t.rows(1, 3)).isEqualTo(Target.perRow(0, 2));
        assertThat(t.repeatEach(3, 2)).isEqualTo(Target.perRow(1, 1, 0, 0, 2, 2));
        assertThatThrownBy(() -> t.select(3)).isInstanceOf(InvalidTargetException.class);
    }

    @Test
    void predictedTakesArgmaxWithTiesToLowerIndex() {
        ClassTarget c = PredictedTarget.INSTANCE.resolve(out);
        assertThat(c.classes(3)).containsExactly(1, 0, 2);
        assertThat(Target.predicted().scores(out).toDoubleVector()).containsExactly(0.7, 0.5, 3.0);
    }

    @Test
    void classOnSegmentationOutputSumsPositions() {
        INDArray seg = Nd4j.arange(2 * 3 * 2 * 2).reshape(2, 3, 2, 2).castTo(DataType.DOUBLE);
        // row 0 class 1: 4+5+6+7 = 22; row 1 class 0: 12+13+14+15 = 54
        assertThat(Target.perRow(1, 0).scores(seg).toDoubleVector()).containsExactly(22.0, 54.0);
        // predicted for segmentation: class with the largest total: class 2 in both rows
        assertThat(PredictedTarget.INSTANCE.resolve(seg).classes(2)).containsExactly(2, 2);
    }

    @Test
    void maskTargetSumsClassOverMask() {
        INDArray seg = Nd4j.arange(2 * 3 * 2 * 2).reshape(2, 3, 2, 2).castTo(DataType.DOUBLE);
        INDArray mask = Nd4j.create(new double[][] {{1, 0}, {0, 1}});
        Target t = Target.classOverMask(2, mask);
        mask.assign(0); // the target kept its own copy
        // row 0 class 2: 8 + 11 = 19; row 1: 20 + 23 = 43
        assertThat(t.scores(seg).toDoubleVector()).containsExactly(19.0, 43.0);
        INDArray seed = t.seed(seg);
        assertThat(seed.sumNumber().doubleValue()).isEqualTo(4.0);
        assertThat(seed.getDouble(1, 2, 1, 1)).isEqualTo(1.0);
        assertThat(seed.getDouble(1, 1, 1, 1)).isEqualTo(0.0);
    }

    @Test
    void perRowMaskSelectsRows() {
        INDArray seg = Nd4j.ones(DataType.DOUBLE, 2, 2, 2, 2);
        INDArray masks = Nd4j.create(new double[] {1, 0, 0, 0, 1, 1, 1, 0}, new long[] {2, 2, 2}, DataType.DOUBLE);
        Target t = Target.classOverMask(1, masks);
        assertThat(t.scores(seg).toDoubleVector()).containsExactly(1.0, 3.0);
        Target swapped = t.select(1, 0);
        assertThat(swapped.scores(seg).toDoubleVector()).containsExactly(3.0, 1.0);
    }

    @Test
    void maskTargetValidation() {
        Target t = Target.classOverMask(1, Nd4j.ones(3, 3));
        assertThatThrownBy(() -> t.validate(new long[] {2, 4})).isInstanceOf(InvalidTargetException.class)
                .hasMessageContaining("N×K×H×W");
        assertThatThrownBy(() -> t.validate(new long[] {2, 2, 4, 4})).isInstanceOf(InvalidTargetException.class)
                .hasMessageContaining("[3, 3]").hasMessageContaining("[2, 2, 4, 4]");
        assertThatThrownBy(() -> t.validate(new long[] {2, 1, 3, 3})).isInstanceOf(InvalidTargetException.class)
                .hasMessageContaining("class index 1");
        assertThatThrownBy(() -> Target.classOverMask(0, Nd4j.ones(3))).isInstanceOf(InvalidTargetException.class);
    }

    @Test
    void functionTarget() {
        Target t = Target.function("sum of squares", o -> o.mul(o).sum(1), o -> o.mul(2));
        assertThat(t.scores(out).toDoubleVector()).containsExactly(new double[] {0.54, 0.5, 14.0}, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(t.seed(out)).isEqualTo(out.mul(2));
        Target bad = Target.function("bad", o -> o.sum(), o -> o.sum(1));
        assertThatThrownBy(() -> bad.scores(out)).isInstanceOf(InvalidTargetException.class).hasMessageContaining("one score per row");
        assertThatThrownBy(() -> bad.seed(out)).isInstanceOf(InvalidTargetException.class).hasMessageContaining("[3, 3]");
    }
}
