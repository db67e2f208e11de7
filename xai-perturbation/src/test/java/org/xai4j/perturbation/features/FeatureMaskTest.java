package org.xai4j.perturbation.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;

class FeatureMaskTest {
    @Test
    void gridCellsAreEqualWhenTheSizesDivideAndDifferByAtMostOnePixelOtherwise() {
        FeatureMask g = FeatureMask.grid(8, 8, 4);
        assertThat(g.numFeatures()).isEqualTo(16);
        assertThat(g.featureSizes()).containsOnly(4);
        assertThat(g.label(0)).isEqualTo(0);
        assertThat(g.label(1 * 8 + 2)).isEqualTo(1);
        assertThat(g.label(7 * 8 + 7)).isEqualTo(15);
        FeatureMask odd = FeatureMask.grid(7, 10, 3);
        assertThat(odd.numFeatures()).isEqualTo(9);
        int[] sizes = odd.featureSizes();
        int min = java.util.Arrays.stream(sizes).min().orElseThrow();
        int max = java.util.Arrays.stream(sizes).max().orElseThrow();
        // rows of height 2 or 3, columns of width 3 or 4
        assertThat(min).isEqualTo(2 * 3);
        assertThat(max).isEqualTo(3 * 4);
        assertThatThrownBy(() -> FeatureMask.grid(4, 4, 5)).isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void labelsAreCompactedInAscendingOrder() {
        FeatureMask m = FeatureMask.of(Nd4j.create(new double[][] {{7, 7, 3}, {3, 10, 10}}));
        assertThat(m.numFeatures()).isEqualTo(3);
        assertThat(m.labels()).containsExactly(1, 1, 0, 0, 2, 2);
        assertThat(m.originalIds()).containsExactly(3, 7, 10);
        assertThat(m.toArray().shape()).containsExactly(2, 3);
    }

    @Test
    void anHxWMaskSpreadsOverChannelsAndAFullMaskIsTakenAsIs() {
        FeatureMask hw = FeatureMask.grid(2, 2, 2);
        int[] f = hw.expandTo(new long[] {3, 2, 2});
        assertThat(f).containsExactly(0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3);
        INDArray spread = hw.spread(new double[] {1, 2, 3, 4}, new long[] {3, 2, 2});
        assertThat(spread.getDouble(2, 1, 0)).isEqualTo(3.0);
        FeatureMask withLeadingOne = FeatureMask.of(new int[] {0, 0, 1, 1}, 1, 2, 2);
        assertThat(withLeadingOne.expandTo(new long[] {3, 2, 2})).hasSize(12);
        FeatureMask full = FeatureMask.identity(3, 2, 2);
        assertThat(full.expandTo(new long[] {3, 2, 2})[11]).isEqualTo(11);
    }

    @Test
    void badMasksAreRefusedWithTheShapesNamed() {
        FeatureMask m = FeatureMask.grid(4, 4, 2);
        assertThatThrownBy(() -> m.expandTo(new long[] {3, 4, 5}))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("[4, 4]").hasMessageContaining("[3, 4, 5]");
        assertThatThrownBy(() -> FeatureMask.of(new int[0], 0)).isInstanceOf(InvalidShapeException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> FeatureMask.of(Nd4j.create(DataType.DOUBLE, 0))).isInstanceOf(InvalidShapeException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> FeatureMask.of(null)).isInstanceOf(InvalidShapeException.class);
        assertThatThrownBy(() -> FeatureMask.of(new int[] {0, -1}, 2)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> FeatureMask.of(Nd4j.create(new double[] {0, 1.5}))).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> FeatureMask.of(Nd4j.create(new double[] {0, Double.NaN}))).isInstanceOf(NonFiniteValueException.class);
        assertThatThrownBy(() -> FeatureMask.of(new int[] {0, 1, 2}, 2, 2)).isInstanceOf(InvalidShapeException.class);
    }

    @Test
    void indicatorMarksTheChosenFeatures() {
        FeatureMask m = FeatureMask.grid(2, 4, 1, 2);
        assertThat(m.indicator(1).reshape(8).toDoubleVector()).containsExactly(0, 0, 1, 1, 0, 0, 1, 1);
    }
}
