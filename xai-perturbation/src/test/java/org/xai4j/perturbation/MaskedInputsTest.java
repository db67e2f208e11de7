package org.xai4j.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.Rng;

/** Composition by runs of consecutive elements equals the element-by-element definition. */
class MaskedInputsTest {
    @Test
    void composedRowsMatchTheElementwiseDefinitionForScatteredFeaturesAndSeveralReferences() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            int len = 2 * 5 * 6;
            int features = 7;
            Random r = new Random(11);
            int[] featureOf = new int[len];
            for (int e = 0; e < len; e++) {
                // runs of random length 1..4 with random features, so features are scattered and interleaved
                featureOf[e] = e > 0 && r.nextInt(3) > 0 ? featureOf[e - 1] : r.nextInt(features);
            }
            INDArray row = Rng.seeded(1).uniform(type, -1, 1, 1, 2, 5, 6);
            INDArray refs = Rng.seeded(2).uniform(type, 5, 6, 3, 2, 5, 6);
            INDArray rowBefore = row.dup();
            INDArray refsBefore = refs.dup();
            boolean[][] coalitions = new boolean[9][features];
            for (boolean[] c : coalitions) {
                for (int j = 0; j < features; j++) {
                    c[j] = r.nextBoolean();
                }
            }
            // all, none, all but one and only one feature: rows built from the input and from the reference
            java.util.Arrays.fill(coalitions[1], true);
            java.util.Arrays.fill(coalitions[2], false);
            java.util.Arrays.fill(coalitions[3], true);
            coalitions[3][4] = false;
            java.util.Arrays.fill(coalitions[4], false);
            coalitions[4][4] = true;
            MaskedInputs inputs = new MaskedInputs(row, refs, featureOf, features);
            double[] x = HostArrays.doubles(row);
            double[] ref = HostArrays.doubles(refs);
            for (int[] range : new int[][] {{0, 27}, {4, 17}, {25, 27}, {3, 15}}) {
                INDArray batch = inputs.compose(range[0], range[1],
                        (k, present) -> System.arraycopy(coalitions[k], 0, present, 0, features));
                assertThat(batch.dataType()).isEqualTo(type);
                assertThat(batch.shape()).containsExactly(range[1] - range[0], 2, 5, 6);
                double[] got = HostArrays.doubles(batch);
                for (int b = range[0]; b < range[1]; b++) {
                    int k = b / 3;
                    int ri = b % 3;
                    for (int e = 0; e < len; e++) {
                        double expected = coalitions[k][featureOf[e]] ? x[e] : ref[ri * len + e];
                        assertThat(got[(b - range[0]) * len + e]).as("batch row %d element %d", b, e).isEqualTo(expected);
                    }
                }
            }
            assertThat(row).isEqualTo(rowBefore);
            assertThat(refs).isEqualTo(refsBefore);
        }
    }

    @Test
    void aFeatureIndexOutsideTheFeatureCountIsAShapeError() {
        INDArray row = Rng.seeded(1).uniform(DataType.FLOAT, 0, 1, 1, 4);
        assertThatThrownBy(() -> new MaskedInputs(row, row.dup(), new int[] {0, 1, 2, 1}, 2))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("element 2 is 2, outside 0..1");
    }
}
