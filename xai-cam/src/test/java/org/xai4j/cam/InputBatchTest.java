package org.xai4j.cam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Masked and copied rows against literal getDouble loops, for each floating input type. */
class InputBatchTest {
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE", "HALF"})
    void masksEveryChannelOfARowAndCopiesRows(DataType type) {
        INDArray x = Nd4j.linspace(DataType.DOUBLE, -2.3, 0.37, 3 * 2 * 2 * 3).reshape(3, 2, 2, 3).castTo(type);
        INDArray before = x.dup();
        double[] mask = {0, 0.25, 1, 1.0 / 3, 0.5, 0.7};
        InputBatch batch = new InputBatch(x, 3);
        batch.addMasked(2, mask);
        batch.addCopy(0);
        assertThat(batch.full()).isFalse();
        batch.addMasked(1, mask);
        assertThat(batch.full()).isTrue();
        assertThat(batch.sourceRows()).containsExactly(2, 0, 1);
        INDArray b = batch.take();
        assertThat(b.dataType()).isEqualTo(type);
        assertThat(b.shape()).containsExactly(3, 2, 2, 3);
        assertThat(batch.size()).isZero();
        int[] from = {2, 0, 1};
        boolean[] masked = {true, false, true};
        for (int j = 0; j < 3; j++) {
            for (int ch = 0; ch < 2; ch++) {
                for (int h = 0; h < 2; h++) {
                    for (int w = 0; w < 3; w++) {
                        double v = x.getDouble(from[j], ch, h, w);
                        double want = masked[j] ? v * mask[h * 3 + w] : v;
                        // rounded once to the input's type
                        double rounded = Nd4j.scalar(DataType.DOUBLE, want).castTo(type).getDouble(0);
                        assertThat(b.getDouble(j, ch, h, w)).as("row %d [%d,%d,%d]", j, ch, h, w).isEqualTo(rounded);
                    }
                }
            }
        }
        // a partial batch after reuse: only the rows added since
        batch.addCopy(1);
        INDArray partial = batch.take();
        assertThat(partial.shape()).containsExactly(1, 2, 2, 3);
        assertThat(partial.getDouble(0, 1, 1, 2)).isEqualTo(x.getDouble(1, 1, 1, 2));
        assertThat(x).isEqualTo(before);
    }
}
