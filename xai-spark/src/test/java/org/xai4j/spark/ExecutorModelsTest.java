package org.xai4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The prediction read on the host ({@link ExecutorModels.Worker#argmax}) against ND4J's own {@code argMax}. */
class ExecutorModelsTest {
    @Test
    void hostArgmaxEqualsNd4jsOverEveryRowFlattened() {
        java.util.Random r = new java.util.Random(5);
        for (long[] shape : new long[][] {{1, 10}, {7, 4}, {3, 2, 5}, {2, 3, 2, 2}}) {
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                int n = (int) shape[0];
                double[] v = new double[(int) (java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b))];
                for (int k = 0; k < v.length; k++) {
                    v[k] = r.nextGaussian();
                }
                INDArray scores = Nd4j.create(v, shape, DataType.DOUBLE).castTo(type);
                INDArray expected = scores.reshape(n, -1).argMax(1);
                int[] host = ExecutorModels.Worker.argmax(scores, n);
                for (int j = 0; j < n; j++) {
                    assertThat(host[j]).as("row %d of %s %s", j, java.util.Arrays.toString(shape), type)
                            .isEqualTo(expected.getInt(j));
                }
            }
        }
    }

    @Test
    void tiesGoToTheFirstIndexAndAViewIsReadInRowMajorOrder() {
        INDArray tied = Nd4j.create(new float[] {1, 3, 3, 0, 5, 5, 5, 5}, new long[] {2, 4}, 'c');
        assertThat(ExecutorModels.Worker.argmax(tied, 2)).containsExactly(1, 0);
        INDArray transposed = Nd4j.create(new float[] {0, 9, 1, 2, 8, 3}, new long[] {3, 2}, 'c').transpose();
        // rows (0, 1, 8) and (9, 2, 3)
        assertThat(ExecutorModels.Worker.argmax(transposed, 2)).containsExactly(2, 0);
    }
}
