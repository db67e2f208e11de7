package org.xai4j.cam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Copied rows against the input's own rows, for each floating input type. */
class InputBatchTest {
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE", "HALF"})
    void copiesRowsInTheOrderAddedAndReusesItsBuffer(DataType type) {
        INDArray x = Nd4j.linspace(DataType.DOUBLE, -2.3, 0.37, 3 * 2 * 2 * 3).reshape(3, 2, 2, 3).castTo(type);
        INDArray before = x.dup();
        InputBatch batch = new InputBatch(x, 3);
        batch.addCopy(2);
        batch.addCopy(0);
        assertThat(batch.full()).isFalse();
        batch.addCopy(2);
        assertThat(batch.full()).isTrue();
        assertThat(batch.sourceRows()).containsExactly(2, 0, 2);
        INDArray b = batch.take();
        assertThat(b.dataType()).isEqualTo(type);
        assertThat(b.shape()).containsExactly(3, 2, 2, 3);
        assertThat(batch.size()).isZero();
        int[] from = {2, 0, 2};
        for (int j = 0; j < 3; j++) {
            assertThat(b.get(NDArrayIndex.point(j))).as("row %d", j).isEqualTo(x.get(NDArrayIndex.point(from[j])));
        }
        // a partial batch after reuse: only the rows added since
        batch.addCopy(1);
        INDArray partial = batch.take();
        assertThat(partial.shape()).containsExactly(1, 2, 2, 3);
        assertThat(partial.get(NDArrayIndex.point(0))).isEqualTo(x.get(NDArrayIndex.point(1)));
        assertThat(x).isEqualTo(before);
    }
}
