package org.xai4j.metrics.localisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.util.Rng;
import org.xai4j.metrics.MetricValues;
import org.xai4j.metrics.UndefinedMetricException;

class LocalisationTest {
    /** A 2×10×10 batch of masks: a 3×4 box at rows 2–4, columns 5–8. */
    static INDArray boxMasks() {
        INDArray m = Nd4j.zeros(DataType.DOUBLE, 2, 10, 10);
        for (int i = 0; i < 2; i++) {
            for (int r = 2; r <= 4; r++) {
                for (int c = 5; c <= 8; c++) {
                    m.putScalar(new long[] {i, r, c}, 1);
                }
            }
        }
        return m;
    }

    @Test
    void aMapExactlyOnTheMaskScoresPerfectlyEverywhere() {
        INDArray mask = boxMasks();
        INDArray map = mask.mul(3.0);
        assertThat(new PointingGame().evaluate(map, mask).values()).containsExactly(1, 1);
        assertThat(new RelevanceMassAccuracy().evaluate(map, mask).values()).containsExactly(1, 1);
        assertThat(new RelevanceRankAccuracy().evaluate(map, mask).values()).containsExactly(1, 1);
        assertThat(TopKIntersection.ofCount(12).evaluate(map, mask).values()).containsExactly(1, 1);
        assertThat(new MaskAuc().evaluate(map, mask).values()).containsExactly(1, 1);
        // the inverse map scores 0 everywhere
        INDArray inverse = mask.rsub(1.0);
        assertThat(new PointingGame().evaluate(inverse, mask).values()).containsExactly(0, 0);
        assertThat(new RelevanceMassAccuracy().evaluate(inverse, mask).values()).containsExactly(0, 0);
        assertThat(new RelevanceRankAccuracy().evaluate(inverse, mask).values()).containsExactly(0, 0);
        assertThat(new MaskAuc().evaluate(inverse, mask).values()).containsExactly(0, 0);
    }

    @Test
    void handCountedValues() {
        // one row of 6 elements, mask {1, 2}
        INDArray mask = Nd4j.create(new double[] {0, 1, 1, 0, 0, 0}, new long[] {1, 6}, DataType.DOUBLE);
        INDArray map = Nd4j.create(new double[] {4, 3, -1, 2, 2, 0}, new long[] {1, 6}, DataType.DOUBLE);
        assertThat(new PointingGame().evaluate(map, mask).value(0)).isEqualTo(0); // max at 0, outside
        // positive mass: (3) / (4 + 3 + 2 + 2) = 3/11; absolute: (3 + 1) / 12
        assertThat(new RelevanceMassAccuracy().evaluate(map, mask).value(0)).isCloseTo(3.0 / 11, within(1e-15));
        assertThat(new RelevanceMassAccuracy(RelevancePart.ABSOLUTE).evaluate(map, mask).value(0))
                .isCloseTo(4.0 / 12, within(1e-15));
        // K = 2: top-2 = {0, 1} → 1 of 2 in the mask
        assertThat(new RelevanceRankAccuracy().evaluate(map, mask).value(0)).isEqualTo(0.5);
        // top-3 = {0, 1, 3} (3 and 4 tie at 2: lower index first) → 1/3
        assertThat(TopKIntersection.ofCount(3).evaluate(map, mask).value(0)).isCloseTo(1.0 / 3, within(1e-15));
        // AUC: positives 3 and −1 against negatives 4, 2, 2, 0: 3 beats 2, 2, 0 (3 of 4); −1 beats none → 3/8
        assertThat(new MaskAuc().evaluate(map, mask).value(0)).isCloseTo(3.0 / 8, within(1e-15));
        // ties count one half: positive 2 vs negatives {2, 0} → (0.5 + 1) / 2
        INDArray m2 = Nd4j.create(new double[] {1, 0, 0}, new long[] {1, 3}, DataType.DOUBLE);
        INDArray v2 = Nd4j.create(new double[] {2, 2, 0}, new long[] {1, 3}, DataType.DOUBLE);
        assertThat(new MaskAuc().evaluate(v2, m2).value(0)).isCloseTo(0.75, within(1e-15));
        // a constant map is at chance
        assertThat(new MaskAuc().evaluate(Nd4j.ones(DataType.DOUBLE, 1, 6), mask).value(0)).isEqualTo(0.5);
    }

    @Test
    void pointingToleranceAndSharedMasks() {
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, 10, 10); // one mask for every row
        mask.putScalar(5, 5, 1);
        INDArray maps = Nd4j.zeros(DataType.DOUBLE, 2, 10, 10);
        maps.putScalar(new long[] {0, 5, 8}, 1); // 3 pixels right of the mask
        maps.putScalar(new long[] {1, 7, 7}, 1); // √8 ≈ 2.83 away
        assertThat(new PointingGame().evaluate(maps, mask).values()).containsExactly(0, 0);
        assertThat(new PointingGame(2.9).evaluate(maps, mask).values()).containsExactly(0, 1);
        assertThat(new PointingGame(3).evaluate(maps, mask).values()).containsExactly(1, 1);
        MetricValues v = new PointingGame(15).evaluate(maps, mask);
        assertThat(v.mean()).isEqualTo(1.0);
        assertThat(v.provenance().config()).containsEntry("tolerance", "15.0");
    }

    @Test
    void aRandomMapScoresAtChance() {
        INDArray mask = boxMasks(); // 12 of 100 elements
        INDArray random = Rng.seeded(4).uniform(DataType.DOUBLE, 0, 1, 2, 10, 10);
        double auc = new MaskAuc().evaluate(random, mask).mean();
        assertThat(auc).isBetween(0.3, 0.7);
        assertThat(new RelevanceMassAccuracy().evaluate(random, mask).mean()).isBetween(0.04, 0.25);
    }

    @Test
    void topKAsAFractionRoundsHalfToEven() {
        INDArray mask = boxMasks();
        INDArray map = mask.dup();
        // 0.125 · 100 = 12.5 → 12: exactly the mask
        assertThat(TopKIntersection.ofFraction(0.125).evaluate(map, mask).values()).containsExactly(1, 1);
        assertThat(TopKIntersection.ofFraction(0.125).evaluate(map, mask).provenance().config()).containsEntry("k", "12");
    }

    @Test
    void emptyMasksNaNAndShapeMismatchAreRejected() {
        INDArray mask = boxMasks();
        mask.slice(1).assign(0);
        INDArray map = Rng.seeded(1).uniform(DataType.DOUBLE, 0, 1, 2, 10, 10);
        assertThatThrownBy(() -> new PointingGame().evaluate(map, mask)).isInstanceOf(UndefinedMetricException.class)
                .hasMessageContaining("row 1").hasMessageContaining("empty");
        assertThatThrownBy(() -> new MaskAuc().evaluate(map, mask)).isInstanceOf(UndefinedMetricException.class);
        assertThatThrownBy(() -> new MaskAuc().evaluate(map, Nd4j.ones(DataType.DOUBLE, 10, 10)))
                .isInstanceOf(UndefinedMetricException.class).hasMessageContaining("whole map");
        assertThatThrownBy(() -> new RelevanceMassAccuracy().evaluate(map.neg(), boxMasks()))
                .isInstanceOf(UndefinedMetricException.class).hasMessageContaining("positive relevance");
        assertThatThrownBy(() -> new RelevanceRankAccuracy().evaluate(map, Nd4j.ones(DataType.DOUBLE, 2, 10, 9)))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("[2, 10, 9]");
        INDArray nan = map.dup();
        nan.putScalar(new long[] {0, 1, 1}, Double.NaN);
        assertThatThrownBy(() -> new RelevanceRankAccuracy().evaluate(nan, boxMasks()))
                .isInstanceOf(NonFiniteValueException.class);
        INDArray nanMask = boxMasks();
        nanMask.putScalar(new long[] {0, 0, 0}, Double.NaN);
        assertThatThrownBy(() -> new MaskAuc().evaluate(map, nanMask)).isInstanceOf(NonFiniteValueException.class)
                .hasMessageContaining("masks");
        assertThatThrownBy(() -> new PointingGame(2).evaluate(Nd4j.ones(DataType.DOUBLE, 2, 3, 4, 4),
                Nd4j.ones(DataType.DOUBLE, 2, 3, 4, 4))).isInstanceOf(InvalidShapeException.class);
        assertThatThrownBy(() -> TopKIntersection.ofCount(101).evaluate(map, boxMasks()))
                .isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> new PointingGame(-1)).isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void argumentsAreNotModified() {
        INDArray mask = boxMasks();
        INDArray map = Rng.seeded(2).gaussian(DataType.FLOAT, 1, 2, 10, 10);
        INDArray m0 = mask.dup();
        INDArray p0 = map.dup();
        new RelevanceMassAccuracy(RelevancePart.ABSOLUTE).evaluate(map, mask);
        new MaskAuc(RelevancePart.POSITIVE).evaluate(map, mask);
        new RelevanceRankAccuracy(RelevancePart.ABSOLUTE).evaluate(map, mask);
        assertThat(map).isEqualTo(p0);
        assertThat(mask).isEqualTo(m0);
        // boolean masks work too
        assertThat(new MaskAuc().evaluate(mask.dup(), mask.castTo(DataType.BOOL)).values()).containsExactly(1, 1);
    }
}
