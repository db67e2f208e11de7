package org.xai4j.testkit.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;

/** The analytic models' gradients agree with central finite differences in double precision. */
class ModelGradientTest {
    static INDArray data(long seed, long... shape) {
        return Rng.seeded(seed).uniform(DataType.DOUBLE, -1, 1, shape);
    }

    /** max |analytic − numeric| over every element, for the class-per-row target. */
    static double finiteDifferenceError(DifferentiableModel m, INDArray x, int[] classes) {
        Target t = Target.perRow(classes);
        INDArray g = m.gradients(x, t).inputGradient();
        double h = 1e-6;
        double worst = 0;
        for (long j = 0; j < x.length(); j++) {
            INDArray plus = x.dup();
            plus.putScalar(j, x.getDouble(j) + h);
            INDArray minus = x.dup();
            minus.putScalar(j, x.getDouble(j) - h);
            double fd = t.scores(m.predict(plus)).sumNumber().doubleValue() - t.scores(m.predict(minus)).sumNumber().doubleValue();
            worst = Math.max(worst, Math.abs(fd / (2 * h) - g.getDouble(j)));
        }
        return worst;
    }

    @Test
    void linear() {
        assertThat(finiteDifferenceError(LinearModel.random(1, 3, 2, 3), data(1, 2, 2, 3), new int[] {0, 2})).isLessThan(1e-7);
    }

    @Test
    void quadratic() {
        assertThat(finiteDifferenceError(QuadraticModel.random(2, 3, 5), data(2, 2, 5), new int[] {1, 2})).isLessThan(1e-7);
    }

    @Test
    void reluMlp() {
        assertThat(finiteDifferenceError(TwoLayerReluNet.random(3, 6, 8, 4), data(3, 3, 6), new int[] {3, 0, 1})).isLessThan(1e-7);
    }

    @Test
    void tinyConv() {
        TinyConvNet m = TinyConvNet.random(4, 2, 3, 5, 3, 5, 4);
        assertThat(finiteDifferenceError(m, data(4, 2, 2, 5, 4), new int[] {4, 1})).isLessThan(1e-7);
    }

    @Test
    void tinyConvLayerGradientsMatchFiniteDifferencesThroughEdits() {
        TinyConvNet m = TinyConvNet.random(4, 2, 3, 5, 3, 5, 4);
        INDArray x = data(5, 2, 2, 5, 4);
        Target t = Target.perRow(2, 3);
        for (String layer : List.of("conv", "relu", "gap")) {
            LayerPass p = m.backward(x, t, List.of(layer));
            INDArray act = p.activation(layer);
            INDArray g = p.gradient(layer);
            double h = 1e-6;
            double worst = 0;
            for (long j = 0; j < act.length(); j++) {
                final long jj = j;
                double up = t.scores(m.predictWithEdit(x, layer, a -> {
                    a.putScalar(jj, a.getDouble(jj) + h);
                    return a;
                })).sumNumber().doubleValue();
                double down = t.scores(m.predictWithEdit(x, layer, a -> {
                    a.putScalar(jj, a.getDouble(jj) - h);
                    return a;
                })).sumNumber().doubleValue();
                worst = Math.max(worst, Math.abs((up - down) / (2 * h) - g.getDouble(j)));
            }
            assertThat(worst).as("layer %s", layer).isLessThan(1e-7);
        }
    }

    @Test
    void gradCamOfTinyConvIsItsClassActivationMapOverHw() {
        TinyConvNet m = TinyConvNet.random(6, 2, 3, 4, 3, 5, 4);
        INDArray x = data(6, 1, 2, 5, 4);
        LayerPass p = m.backward(x, Target.classIndex(1), List.of("relu"));
        INDArray relu = p.activation("relu");
        INDArray grad = p.gradient("relu");
        for (int f = 0; f < 3; f++) {
            for (int q = 0; q < 20; q++) {
                assertThat(grad.getDouble(0, f, q / 4, q % 4)).isCloseTo(m.headWeight(1, f) / 20.0,
                        org.assertj.core.data.Offset.offset(1e-12));
            }
        }
        assertThat(relu.minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0);
    }
}
