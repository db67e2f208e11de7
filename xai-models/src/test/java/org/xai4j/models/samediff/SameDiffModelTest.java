package org.xai4j.models.samediff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;

/** A SameDiff MLP: predictions, and per-row target gradients against finite differences in double precision. */
class SameDiffModelTest {
    private static SameDiff mlp() {
        Rng r = Rng.seeded(3);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 4);
        SDVariable w1 = sd.var("w1", r.gaussian(DataType.DOUBLE, 1.0, 4, 6));
        SDVariable b1 = sd.var("b1", r.gaussian(DataType.DOUBLE, 1.0, 6));
        SDVariable w2 = sd.var("w2", r.gaussian(DataType.DOUBLE, 1.0, 6, 3));
        SDVariable h = sd.nn().tanh(x.mmul(w1).add(b1));
        sd.nn().softmax("probs", h.mmul(w2), 1);
        return sd;
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        SameDiff sd = mlp();
        SameDiffModel m = SameDiffModel.of("mlp", sd, "x", "probs");
        INDArray x = Rng.seeded(4).gaussian(DataType.DOUBLE, 1.0, 3, 4);
        INDArray before = x.dup();
        Target t = Target.perRow(2, 0, 1);
        Gradients g = m.gradients(x, t);
        assertThat(x).isEqualTo(before);
        assertThat(g.output()).isEqualTo(m.predict(x));
        double eps = 1e-6;
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < x.length(); i++) {
            INDArray p = x.dup();
            INDArray f = p.reshape(p.length());
            double v = f.getDouble(i);
            f.putScalar(i, v + eps);
            double plus = t.scores(m.predict(p)).sumNumber().doubleValue();
            f.putScalar(i, v - eps);
            double minus = t.scores(m.predict(p)).sumNumber().doubleValue();
            double numeric = (plus - minus) / (2 * eps);
            maxDiff = Math.max(maxDiff, Math.abs(numeric - g.inputGradient().reshape(x.length()).getDouble(i)));
            maxRef = Math.max(maxRef, Math.abs(numeric));
        }
        assertThat(maxDiff / maxRef).isLessThan(1e-7);
        // The user's graph is untouched.
        assertThat(sd.hasVariable("xai4j_loss")).isFalse();
    }

    @Test
    void unknownVariablesAreNamed() {
        assertThatThrownBy(() -> SameDiffModel.of("mlp", mlp(), "x", "prob"))
                .isInstanceOf(UnknownLayerException.class).hasMessageContaining("'probs'");
    }
}
