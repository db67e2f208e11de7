package org.xai4j.metrics.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;

/**
 * The fitted temperature is a stationary point of the NLL (central finite difference in β ≈ 0) and recovers a
 * known temperature: labels drawn from softmax(z) and logits given as 3·z need T ≈ 3.
 */
class TemperatureScalingTest {
    @Test
    void recoversAKnownTemperatureAndIsAMinimum() {
        Random rng = new Random(7);
        int n = 4000;
        int k = 4;
        double[][] z = new double[n][k];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            double[] p = new double[k];
            for (int j = 0; j < k; j++) {
                z[i][j] = 1.5 * rng.nextGaussian();
                p[j] = Math.exp(z[i][j]);
                s += p[j];
            }
            double u = rng.nextDouble() * s;
            int c = 0;
            while (c < k - 1 && u > p[c]) {
                u -= p[c];
                c++;
            }
            labels[i] = c;
        }
        INDArray logits = Nd4j.create(z).mul(3);
        TemperatureScaling t = TemperatureScaling.fit(logits, labels);
        assertThat(t.temperature()).isBetween(2.7, 3.3);
        double beta = 1 / t.temperature();
        double h = 1e-4;
        double slope = (TemperatureScaling.nll(logits, labels, beta + h)
                - TemperatureScaling.nll(logits, labels, beta - h)) / (2 * h);
        assertThat(Math.abs(slope)).isLessThan(1e-4);
        assertThat(t.nllAfter()).isLessThan(t.nllBefore());
        int[] before = ClassProbabilities.fromLogits(logits).predicted();
        assertThat(t.apply(logits).predicted()).containsExactly(before);
    }

    @Test
    void refusesMismatchedLabels() {
        INDArray logits = Nd4j.create(new double[][] {{1, 2}, {0, 1}});
        assertThatThrownBy(() -> TemperatureScaling.fit(logits, new int[] {0}))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("1 labels for 2 rows");
        assertThatThrownBy(() -> TemperatureScaling.fit(logits, new int[] {0, 2}))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("[0, 2)");
    }
}
