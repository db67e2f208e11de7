package org.xai4j.metrics.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.util.Rng;
import org.xai4j.metrics.UndefinedMetricException;

/** Closed-form values, the documented edge cases and bad input for every similarity measure. */
class SimilarityEdgeCaseTest {
    static final List<MapSimilarity> ALL = List.of(MapSimilarity.ssim(), new Ssim(SsimConfig.DEFAULTS.withGaussian(1.5)),
            MapSimilarity.pearson(), MapSimilarity.spearman(), MapSimilarity.kendall(), MapSimilarity.cosine(),
            MapSimilarity.meanAbsoluteDifference(), MapSimilarity.topKJaccard(0.1), ThresholdJaccard.above(0.0));

    static INDArray random(long seed, long... shape) {
        return Rng.seeded(seed).gaussian(DataType.DOUBLE, 1.0, shape);
    }

    @Test
    void identicalMapsAreMaximallySimilar() {
        INDArray a = random(1, 2, 12, 12);
        for (MapSimilarity m : ALL) {
            double expected = m.higherIsMoreSimilar() ? 1.0 : 0.0;
            for (double v : m.perRow(a, a.dup())) {
                assertThat(v).as(m.name()).isCloseTo(expected, within(1e-12));
            }
        }
    }

    @Test
    void negatedMapsAnticorrelatePerfectly() {
        INDArray a = random(2, 2, 12, 12);
        INDArray b = a.neg();
        for (MapSimilarity m : List.of(MapSimilarity.pearson(), MapSimilarity.spearman(), MapSimilarity.kendall(),
                MapSimilarity.cosine())) {
            for (double v : m.perRow(a, b)) {
                assertThat(v).as(m.name()).isCloseTo(-1.0, within(1e-12));
            }
        }
        // |a| = |b|: the top-k sets by absolute value coincide.
        assertThat(MapSimilarity.topKJaccard(0.2).perRow(a, b)).containsOnly(1.0);
        // mean |a − (−a)| = 2 mean |a|
        double meanAbs = a.slice(0).dup().reshape(-1).norm1Number().doubleValue() / 144;
        assertThat(MapSimilarity.meanAbsoluteDifference().perRow(a, b)[0]).isCloseTo(2 * meanAbs, within(1e-12));
    }

    @Test
    void ssimOfTwoDifferentConstantsHasAClosedForm() {
        // μx = 0, μy = 1, all (co)variances 0, joint range L = 1: SSIM = C1 / (1 + C1), C1 = (0.01)².
        INDArray a = Nd4j.zeros(DataType.DOUBLE, 1, 9, 9);
        INDArray b = Nd4j.ones(DataType.DOUBLE, 1, 9, 9);
        double c1 = 1e-4;
        assertThat(MapSimilarity.ssim().perRow(a, b)[0]).isCloseTo(c1 / (1 + c1), within(1e-15));
        // Identical constants: the joint range is 0 and SSIM is defined as 1.
        assertThat(MapSimilarity.ssim().perRow(b, b.dup())[0]).isEqualTo(1.0);
    }

    @Test
    void kendallTauBOnASmallHandCountedCase() {
        // x = (1, 2, 3, 3), y = (1, 3, 2, 2): pairs (i<j): concordant (0,1),(0,2),(0,3) = 3; discordant (1,2),(1,3) = 2;
        // (2,3) tied in both. τ-b = (3 − 2) / √((6 − 1)(6 − 1)) = 0.2.
        INDArray x = Nd4j.create(new double[] {1, 2, 3, 3}, new long[] {1, 4}, DataType.DOUBLE);
        INDArray y = Nd4j.create(new double[] {1, 3, 2, 2}, new long[] {1, 4}, DataType.DOUBLE);
        assertThat(MapSimilarity.kendall().perRow(x, y)[0]).isCloseTo(0.2, within(1e-15));
    }

    @Test
    void topKTiesGoToTheLowerIndex() {
        // |values| = 3, 3, 3, 3, 1 → top 2 (k = round(0.4·5) = 2) is {0, 1} for a; b's top 2 is {2, 3}.
        INDArray a = Nd4j.create(new double[] {3, -3, 3, 3, 1}, new long[] {1, 5}, DataType.DOUBLE);
        INDArray b = Nd4j.create(new double[] {0, 0, 3, -3, 1}, new long[] {1, 5}, DataType.DOUBLE);
        assertThat(MapSimilarity.topKJaccard(0.4).perRow(a, b)[0]).isEqualTo(0.0);
        // k = round(0.5·5) = round(2.5) = 2 (half to even), so the same sets.
        assertThat(MapSimilarity.topKJaccard(0.5).k(5)).isEqualTo(2);
        assertThat(MapSimilarity.topKJaccard(0.7).k(5)).isEqualTo(4);
        // signed: b's top 2 by value is {2, 4}; a's is {0, 2}: |∩| = 1, |∪| = 3
        assertThat(TopKJaccard.signed(0.4).perRow(a, b)[0]).isCloseTo(1.0 / 3, within(1e-15));
    }

    @Test
    void thresholdJaccardOfTwoEmptySetsIsOne() {
        INDArray a = Nd4j.zeros(DataType.DOUBLE, 2, 4);
        assertThat(ThresholdJaccard.above(0.5).perRow(a, a.dup())).containsExactly(1.0, 1.0);
        assertThat(ThresholdJaccard.relativeToMax(0.5).perRow(a, a.dup())).containsExactly(1.0, 1.0);
    }

    @Test
    void correlationsOfConstantMapsAreUndefinedAndNameTheRow() {
        INDArray a = random(3, 3, 8, 8);
        INDArray b = random(4, 3, 8, 8);
        b.slice(1).assign(2.0);
        for (MapSimilarity m : List.of(MapSimilarity.pearson(), MapSimilarity.spearman(), MapSimilarity.kendall())) {
            assertThatThrownBy(() -> m.perRow(a, b)).isInstanceOf(UndefinedMetricException.class)
                    .hasMessageContaining("row 1").hasMessageContaining("constant");
        }
        // cosine is defined for a constant non-zero map but not for an all-zero map
        assertThat(MapSimilarity.cosine().perRow(a, b)).hasSize(3);
        b.slice(1).assign(0.0);
        assertThatThrownBy(() -> MapSimilarity.cosine().perRow(a, b)).isInstanceOf(UndefinedMetricException.class)
                .hasMessageContaining("row 1").hasMessageContaining("all zeros");
    }

    @Test
    void badInputIsRejected() {
        INDArray a = random(5, 2, 8, 8);
        for (MapSimilarity m : ALL) {
            assertThatThrownBy(() -> m.perRow(a, random(6, 2, 8, 9))).as(m.name())
                    .isInstanceOf(InvalidShapeException.class).hasMessageContaining("[2, 8, 9]");
            INDArray withNan = a.dup();
            withNan.putScalar(new long[] {1, 3, 4}, Double.NaN);
            assertThatThrownBy(() -> m.perRow(a, withNan)).as(m.name()).isInstanceOf(NonFiniteValueException.class)
                    .hasMessageContaining("NaN");
            assertThatThrownBy(() -> m.perRow(null, a)).as(m.name()).isInstanceOf(InvalidShapeException.class);
        }
        INDArray vector = Nd4j.create(new double[] {1, 2, 3});
        assertThatThrownBy(() -> MapSimilarity.pearson().perRow(vector, vector)).isInstanceOf(InvalidShapeException.class)
                .hasMessageContaining("rank");
        assertThatThrownBy(() -> MapSimilarity.ssim().perRow(random(7, 1, 6, 20), random(8, 1, 6, 20)))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("at least 7×7");
        assertThatThrownBy(() -> new Ssim(SsimConfig.DEFAULTS.withGaussian(1.5)).perRow(a, a))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("at least 11×11");
        assertThatThrownBy(() -> MapSimilarity.ssim().perRow(random(9, 2, 64), random(9, 2, 64)))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("H×W or C×H×W");
        assertThatThrownBy(() -> MapSimilarity.topKJaccard(0.001).perRow(a, a))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("k = 0");
        assertThatThrownBy(() -> MapSimilarity.topKJaccard(0)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> SsimConfig.DEFAULTS.withWindowSize(6)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> SsimConfig.DEFAULTS.withDataRange(-1)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> ThresholdJaccard.relativeToMax(1.5)).isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void viewsAndFloatInputAreReadCorrectlyAndNotModified() {
        INDArray big = random(10, 4, 12, 12);
        INDArray view = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray before = big.dup();
        INDArray other = random(11, 2, 12, 12);
        for (MapSimilarity m : ALL) {
            double[] fromView = m.perRow(view, other);
            double[] fromCopy = m.perRow(view.dup(), other);
            assertThat(fromView).as(m.name()).containsExactly(fromCopy);
        }
        assertThat(big).isEqualTo(before);
    }
}
