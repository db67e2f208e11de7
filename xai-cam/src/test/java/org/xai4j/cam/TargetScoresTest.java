package org.xai4j.cam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.HostArrays;

/** The host-side class score equals the generic {@link Target#scores} value for value. */
class TargetScoresTest {
    @Test
    void classScoresEqualTheGenericScores() {
        java.util.Random rnd = new java.util.Random(3);
        double[] v = new double[6 * 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian() * 5;
        }
        v[2] = 0; // a zero score for row 0, class 2
        v[6] = -0.0; // and a negative zero for row 1, class 2
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray out = Nd4j.create(v, new long[] {6, 4}, DataType.DOUBLE).castTo(type);
            for (Target t : List.of(Target.classIndex(2), Target.classIndex(0), org.xai4j.core.target.ClassTarget.perRow(3, 2, 1, 0, 1, 2),
                    Target.predicted().resolve(out))) {
                double[] generic = HostArrays.doubles(t.scores(out));
                double[] fast = TargetScores.of(t, out);
                assertThat(fast).as("%s %s", type, t.describe()).containsExactly(generic);
                for (int i = 0; i < fast.length; i++) {
                    assertThat(Double.doubleToRawLongBits(fast[i]) == Double.doubleToRawLongBits(generic[i])
                            || fast[i] == 0 && generic[i] == 0).as("row %d: %s vs %s", i, fast[i], generic[i]).isTrue();
                }
            }
        }
    }

    @Test
    void otherTargetsAndHigherRanksUseTheGenericScores() {
        INDArray out = Nd4j.linspace(DataType.FLOAT, 1, 24, 1).reshape(2, 3, 2, 2);
        assertThat(TargetScores.of(Target.classIndex(1), out))
                .containsExactly(HostArrays.doubles(Target.classIndex(1).scores(out)));
        INDArray mask = Nd4j.ones(DataType.FLOAT, 2, 2, 2);
        Target m = Target.classOverMask(2, mask);
        assertThat(TargetScores.of(m, out)).containsExactly(HostArrays.doubles(m.scores(out)));
    }

    @Test
    void aClassOutsideTheOutputIsRejected() {
        INDArray out = Nd4j.zeros(DataType.FLOAT, 2, 3);
        assertThatThrownBy(() -> TargetScores.of(Target.classIndex(3), out))
                .isInstanceOf(InvalidTargetException.class).hasMessageContaining("class index 3");
        assertThatThrownBy(() -> TargetScores.of(org.xai4j.core.target.ClassTarget.perRow(0, 1, 2), out))
                .isInstanceOf(InvalidTargetException.class).hasMessageContaining("3 class indices");
    }
}
