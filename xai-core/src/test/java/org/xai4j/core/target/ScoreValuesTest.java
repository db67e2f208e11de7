package org.xai4j.core.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.util.Rng;

/**
 * {@link Target#scoreValues} gives the bits of {@link Target#scores} (ND4J's one-hot product and sum): the
 * class targets' host-side read on float and double N×K outputs (zero and −0 scores included), and every other
 * target and output rank through {@link Target#scores}; bad classes fail with the target's own errors.
 */
class ScoreValuesTest {
    static double[] viaNd4j(Target t, INDArray output) {
        return t.scores(output).castTo(DataType.DOUBLE).toDoubleVector();
    }

    static void assertSameBits(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Double.doubleToRawLongBits(actual[i])).as("row %d: %s vs %s", i, actual[i], expected[i])
                    .isEqualTo(Double.doubleToRawLongBits(expected[i]));
        }
    }

    @Test
    void classScoresEqualTheGenericPathBitForBitOnFloatAndDoubleOutputs() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray out = Rng.seeded(5).uniform(type, -3, 3, 7, 5);
            out.putScalar(2, 4, -0.0); // a negative zero in the chosen column: the sum gives +0
            out.putScalar(3, 4, 0.0);
            Target one = Target.classIndex(4);
            assertSameBits(one.repeatEach(1, 7).scoreValues(out), viaNd4j(one.repeatEach(1, 7), out));
            assertSameBits(one.scoreValues(out), viaNd4j(one, out));
            Target selected = Target.perRow(0, 4, 1).select(1); // one row's target out of a per-row target
            assertSameBits(selected.repeatEach(1, 7).scoreValues(out), viaNd4j(selected.repeatEach(1, 7), out));
            Target perRow = Target.perRow(0, 1, 2, 3, 4, 0, 1);
            assertSameBits(perRow.scoreValues(out), viaNd4j(perRow, out));
            assertSameBits(Target.predicted().resolve(out).scoreValues(out), viaNd4j(Target.predicted().resolve(out), out));
            assertThat(Double.doubleToRawLongBits(one.scoreValues(out)[2])).isEqualTo(0L);
        }
    }

    @Test
    void otherTargetsAndHigherRanksGoThroughTheTarget() {
        INDArray seg = Rng.seeded(6).uniform(DataType.FLOAT, 0, 1, 3, 2, 4, 4);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, 4, 4);
        mask.putScalar(1, 2, 1.0);
        Target t = Target.classOverMask(1, mask);
        assertSameBits(t.repeatEach(1, 3).scoreValues(seg), viaNd4j(t.repeatEach(1, 3), seg));
        for (Target c : List.of(Target.classIndex(1), Target.perRow(0, 1, 1))) {
            assertSameBits(c.scoreValues(seg), viaNd4j(c, seg));
        }
    }

    @Test
    void aClassOutsideTheOutputOrTheWrongNumberOfRowsIsRejected() {
        INDArray out = Rng.seeded(7).uniform(DataType.FLOAT, 0, 1, 3, 5);
        assertThatThrownBy(() -> Target.classIndex(5).scoreValues(out))
                .isInstanceOf(InvalidTargetException.class).hasMessageContaining("outside the model's 5 outputs");
        assertThatThrownBy(() -> Target.perRow(0, 1).scoreValues(out))
                .isInstanceOf(InvalidTargetException.class).hasMessageContaining("2 class indices");
    }
}
