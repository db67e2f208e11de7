package org.xai4j.metrics.uncertainty;

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
import org.xai4j.metrics.InvalidProbabilitiesException;

class UncertaintyTest {
    static INDArray table(double[][] rows) {
        return Nd4j.create(rows).castTo(DataType.DOUBLE);
    }

    @Test
    void softmaxTopKAndTies() {
        INDArray logits = table(new double[][] {{1000, 1001, 999}, {0, 0, 0}});
        INDArray before = logits.dup();
        ClassProbabilities p = ClassProbabilities.fromLogits(logits);
        double e = Math.E;
        double z = 1 + e + 1 / e;
        assertThat(p.probability(0, 1)).isCloseTo(e / z, within(1e-15));
        assertThat(p.probability(0, 0)).isCloseTo(1 / z, within(1e-15));
        assertThat(p.predicted()).containsExactly(1, 0); // row 1: three-way tie → class 0
        List<ClassProbabilities.TopK> top = p.topK(2);
        assertThat(top.get(0).classes()).containsExactly(1, 0);
        assertThat(top.get(1).classes()).containsExactly(0, 1);
        assertThat(top.get(1).probabilities()).containsExactly(1.0 / 3, 1.0 / 3);
        assertThat(p.confidence()[1]).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(logits).isEqualTo(before);
        assertThatThrownBy(() -> p.topK(4)).isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void entropyPerSampleAndPerClass() {
        ClassProbabilities p = ClassProbabilities.fromProbabilities(table(new double[][] {
                {1, 0, 0}, {0.5, 0.5, 0}, {1.0 / 3, 1.0 / 3, 1.0 / 3}, {0, 0.25, 0.75}}));
        PredictiveEntropy h = PredictiveEntropy.of(p, new int[] {0, 0, 2, 2});
        double h3 = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
        assertThat(h.perSample()[0]).isEqualTo(0.0);
        assertThat(h.perSample()[1]).isCloseTo(Math.log(2), within(1e-15));
        assertThat(h.perSample()[2]).isCloseTo(Math.log(3), within(1e-15));
        assertThat(h.perSample()[3]).isCloseTo(h3, within(1e-15));
        assertThat(h.perClassMean()[0]).isCloseTo(Math.log(2) / 2, within(1e-15));
        assertThat(h.perClassMean()[1]).isNaN();
        assertThat(h.perClassMean()[2]).isCloseTo((Math.log(3) + h3) / 2, within(1e-15));
        assertThat(h.perClassCount()).containsExactly(2, 0, 2);
        assertThat(h.maximum()).isCloseTo(Math.log(3), within(1e-15));
        // grouped by prediction: 0, 0, 0 (tie → lowest), 2
        assertThat(PredictiveEntropy.of(p).perClassCount()).containsExactly(3, 0, 1);
    }

    @Test
    void confusionMatrixCountsAndRates() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 0, 1, 1, 1, 2}, new int[] {0, 1, 1, 1, 0, 1}, 3);
        assertThat(m.counts()).isDeepEqualTo(new long[][] {{1, 1, 0}, {1, 2, 0}, {0, 1, 0}});
        assertThat(m.accuracy()).isCloseTo(0.5, within(1e-15));
        assertThat(m.recall()).containsExactly(0.5, 2.0 / 3, 0.0);
        double[] precision = m.precision();
        assertThat(precision[0]).isCloseTo(0.5, within(1e-15));
        assertThat(precision[1]).isCloseTo(0.5, within(1e-15));
        assertThat(precision[2]).isNaN(); // class 2 never predicted
        assertThat(m.total()).isEqualTo(6);
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 1}, 3))
                .isInstanceOf(InvalidProbabilitiesException.class).hasMessageContaining("sample 1");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0}, new int[] {0, 1}, 3)).isInstanceOf(InvalidShapeException.class);
    }

    @Test
    void aCalibratedClassifierHasZeroEceAndAnOverconfidentOneDoesNot() {
        int n = 100;
        double[][] calibrated = new double[n][];
        double[][] overconfident = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            calibrated[i] = new double[] {0.8, 0.2};
            overconfident[i] = new double[] {1.0, 0.0};
            labels[i] = i < 80 ? 0 : 1; // 80 % are class 0
        }
        Calibration c = Calibration.of(ClassProbabilities.fromProbabilities(table(calibrated)), labels, 10);
        assertThat(c.ece()).isCloseTo(0.0, within(1e-12));
        assertThat(c.mce()).isCloseTo(0.0, within(1e-12));
        // Brier: 0.8 · (0.2² + 0.2²) + 0.2 · (0.8² + 0.8²) = 0.32
        assertThat(c.brier()).isCloseTo(0.32, within(1e-12));
        Calibration.Bin b = c.bins().get(7); // (0.7, 0.8]
        assertThat(b.count()).isEqualTo(100);
        assertThat(b.meanConfidence()).isCloseTo(0.8, within(1e-12));
        assertThat(b.accuracy()).isEqualTo(0.8);
        assertThat(c.bins().get(8).count()).isZero();
        assertThat(c.bins().get(8).accuracy()).isNaN();

        Calibration o = Calibration.of(ClassProbabilities.fromProbabilities(table(overconfident)), labels, 10);
        assertThat(o.ece()).isCloseTo(0.2, within(1e-12));
        assertThat(o.mce()).isCloseTo(0.2, within(1e-12));
        assertThat(o.brier()).isCloseTo(0.2 * 2, within(1e-12));
        assertThat(o.bins().get(9).count()).isEqualTo(100);
    }

    @Test
    void eceIsTheCountWeightedGapAndMceTheLargest() {
        // bin (0.5, 0.6]: 4 samples at 0.55, 1 correct → gap 0.3; bin (0.9, 1.0]: 6 samples at 0.95, all correct → gap 0.05
        double[][] p = new double[10][];
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            p[i] = i < 4 ? new double[] {0.55, 0.45} : new double[] {0.05, 0.95};
            labels[i] = i < 4 ? (i == 0 ? 0 : 1) : 1;
        }
        Calibration c = Calibration.of(ClassProbabilities.fromProbabilities(table(p)), labels, 10);
        assertThat(c.ece()).isCloseTo(0.4 * 0.3 + 0.6 * 0.05, within(1e-12));
        assertThat(c.mce()).isCloseTo(0.3, within(1e-12));
        assertThat(c.bins().get(5).count()).isEqualTo(4);
        assertThat(c.bins().get(9).count()).isEqualTo(6);
    }

    @Test
    void confidencesOnBinEdgesGoToTheLowerBin() {
        // 0.3 belongs to (0.2, 0.3], 0.7 to (0.6, 0.7], 1.0 to (0.9, 1.0]
        ClassProbabilities p = ClassProbabilities.fromProbabilities(table(new double[][] {
                {0.3, 0.3, 0.2, 0.2}, {0.7, 0.1, 0.1, 0.1}, {1, 0, 0, 0}}));
        Calibration c = Calibration.of(p, new int[] {0, 0, 0}, 10);
        assertThat(c.bins().get(2).count()).isEqualTo(1);
        assertThat(c.bins().get(6).count()).isEqualTo(1);
        assertThat(c.bins().get(9).count()).isEqualTo(1);
    }

    @Test
    void sampledLabelsFromThePredictedProbabilitiesAreCalibratedAndSharpenedOnesAreNot() {
        int n = 20000;
        int k = 4;
        Rng rng = Rng.seeded(99);
        INDArray logits = rng.gaussian(DataType.DOUBLE, 1.5, n, k);
        ClassProbabilities p = ClassProbabilities.fromLogits(logits);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int c = 0;
            double acc = p.probability(i, 0);
            while (u >= acc && c < k - 1) {
                c++;
                acc += p.probability(i, c);
            }
            labels[i] = c;
        }
        Calibration calibrated = Calibration.of(p, labels);
        // the model reports softmax(3 z): same predictions, sharper confidences
        Calibration overconfident = Calibration.of(ClassProbabilities.fromLogits(logits.mul(3)), labels);
        assertThat(calibrated.ece()).isLessThan(0.02);
        assertThat(overconfident.ece()).isGreaterThan(0.1);
        assertThat(overconfident.brier()).isGreaterThan(calibrated.brier());
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> ClassProbabilities.fromProbabilities(table(new double[][] {{0.5, 0.6}})))
                .isInstanceOf(InvalidProbabilitiesException.class).hasMessageContaining("row 0").hasMessageContaining("sums to");
        assertThatThrownBy(() -> ClassProbabilities.fromProbabilities(table(new double[][] {{1.5, -0.5}})))
                .isInstanceOf(InvalidProbabilitiesException.class).hasMessageContaining("outside [0, 1]");
        INDArray nan = table(new double[][] {{1, Double.NaN}});
        assertThatThrownBy(() -> ClassProbabilities.fromLogits(nan)).isInstanceOf(NonFiniteValueException.class);
        assertThatThrownBy(() -> ClassProbabilities.fromLogits(Nd4j.ones(DataType.DOUBLE, 3, 1)))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("K ≥ 2");
        assertThatThrownBy(() -> ClassProbabilities.fromLogits(Nd4j.ones(DataType.DOUBLE, 2, 3, 4)))
                .isInstanceOf(InvalidShapeException.class);
        ClassProbabilities p = ClassProbabilities.fromLogits(Nd4j.ones(DataType.DOUBLE, 2, 3));
        assertThatThrownBy(() -> Calibration.of(p, new int[] {0})).isInstanceOf(InvalidShapeException.class);
        assertThatThrownBy(() -> Calibration.of(p, new int[] {0, 3})).isInstanceOf(InvalidProbabilitiesException.class);
        assertThatThrownBy(() -> Calibration.of(p, new int[] {0, 1}, 0)).isInstanceOf(InvalidConfigException.class);
    }
}
