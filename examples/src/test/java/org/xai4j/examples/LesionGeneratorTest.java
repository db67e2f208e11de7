package org.xai4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The generated lesions: seeded, class weights respected, masks on the dark blob, borders sharp or blurred. */
class LesionGeneratorTest {
    static final List<LesionGenerator.LesionClass> IMBALANCED = List.of(
            new LesionGenerator.LesionClass("common", new double[] {0.5, 0.3, 0.2}, 0.25, 0.05, 0.05, 6),
            new LesionGenerator.LesionClass("rare", new double[] {0.2, 0.1, 0.1}, 0.3, 0.2, 0.1, 2));

    @Test
    void sameSeedSameBitsAndClassWeights() {
        LesionGenerator g = new LesionGenerator(IMBALANCED, 24, 0.5);
        LesionGenerator.LesionSet a = g.generate(80, 3);
        LesionGenerator.LesionSet b = g.generate(80, 3);
        assertThat(a.images()).isEqualTo(b.images());
        assertThat(a.labels()).containsExactly(b.labels());
        assertThat(g.generate(80, 4).images()).isNotEqualTo(a.images());
        long rare = java.util.Arrays.stream(a.labels()).filter(l -> l == 1).count();
        assertThat(rare).isEqualTo(20);
        assertThat(a.images().minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(a.images().maxNumber().doubleValue()).isLessThanOrEqualTo(1);
    }

    @Test
    void masksCoverTheDarkBlob() {
        LesionGenerator.LesionSet s = new LesionGenerator(LesionGenerator.MELANOMA_NAEVUS, 32, 0).generate(20, 1);
        for (int i = 0; i < s.size(); i++) {
            INDArray grey = s.images().get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).mean(0)
                    .castTo(DataType.DOUBLE);
            INDArray m = s.masks().get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).castTo(DataType.DOUBLE);
            double area = m.sumNumber().doubleValue();
            assertThat(area).isBetween(0.05 * 32 * 32, 0.6 * 32 * 32);
            double inside = grey.mul(m).sumNumber().doubleValue() / area;
            double outside = grey.mul(m.rsub(1)).sumNumber().doubleValue() / (32 * 32 - area);
            assertThat(inside).as("image %d", i).isLessThan(outside - 0.2);
        }
    }

    @Test
    void blurredBordersChangeMoreSlowlyThanSharpOnes() {
        double sharp = borderJump(new LesionGenerator(LesionGenerator.MELANOMA_NAEVUS, 32, 0).generate(30, 5));
        double blurred = borderJump(new LesionGenerator(LesionGenerator.MELANOMA_NAEVUS, 32, 1).generate(30, 5));
        assertThat(blurred).isLessThan(0.5 * sharp);
    }

    /** Mean absolute grey-level step between horizontal neighbours that straddle the mask's edge. */
    static double borderJump(LesionGenerator.LesionSet s) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < s.size(); i++) {
            double[][] grey = s.images().get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).mean(0)
                    .castTo(DataType.DOUBLE).toDoubleMatrix();
            double[][] m = s.masks().get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).castTo(DataType.DOUBLE)
                    .toDoubleMatrix();
            for (int y = 0; y < grey.length; y++) {
                for (int x = 0; x + 1 < grey[y].length; x++) {
                    if (m[y][x] != m[y][x + 1]) {
                        sum += Math.abs(grey[y][x] - grey[y][x + 1]);
                        count++;
                    }
                }
            }
        }
        return sum / count;
    }
}
