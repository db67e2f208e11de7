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

    @Test
    void ham10000ClassesHaveThePublishedClassCounts() {
        // Tschandl et al. 2018, HAM10000: 327 akiec, 514 bcc, 1099 bkl, 115 df, 1113 mel, 6705 nv, 142 vasc
        LesionGenerator g = new LesionGenerator(LesionGenerator.HAM10000, 8, 0.5, LesionGenerator.Variation.HAM10000);
        int[] counts = new int[7];
        for (int l : g.generate(10015, 11).labels()) {
            counts[l]++;
        }
        assertThat(g.generate(1, 0).classes()).containsExactly("akiec", "bcc", "bkl", "df", "mel", "nv", "vasc");
        assertThat(counts).containsExactly(327, 514, 1099, 115, 1113, 6705, 142);
        int[] small = new int[7];
        for (int l : g.generate(1000, 12).labels()) {
            small[l]++;
        }
        // 1000 · count / 10015, rounded; the last class takes the remainder
        assertThat(small).containsExactly(33, 51, 110, 11, 111, 669, 15);
    }

    @Test
    void variationSpreadsTheLesionColourWithinAClass() {
        List<LesionGenerator.LesionClass> one = List.of(LesionGenerator.HAM10000.get(5));
        double fixed = lesionRedSpread(new LesionGenerator(one, 32, 0).generate(200, 3));
        double varied = lesionRedSpread(new LesionGenerator(one, 32, 0,
                new LesionGenerator.Variation(0.06, 0, 0, 0)).generate(200, 3));
        // fixed jitter: a uniform shift of width 0.08, sd 0.08/√12 ≈ 0.023; with variation √(0.023² + 0.06²) ≈ 0.064
        assertThat(fixed).isBetween(0.015, 0.032);
        assertThat(varied).isBetween(0.052, 0.076);
    }

    /** Standard deviation over images of the mean red value inside the mask. */
    static double lesionRedSpread(LesionGenerator.LesionSet s) {
        double[] means = new double[s.size()];
        for (int i = 0; i < s.size(); i++) {
            double[][] red = s.images().get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(0)).castTo(DataType.DOUBLE).toDoubleMatrix();
            double[][] m = s.masks().get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).castTo(DataType.DOUBLE)
                    .toDoubleMatrix();
            double sum = 0;
            int count = 0;
            for (int y = 0; y < red.length; y++) {
                for (int x = 0; x < red[y].length; x++) {
                    if (m[y][x] > 0) {
                        sum += red[y][x];
                        count++;
                    }
                }
            }
            means[i] = sum / count;
        }
        double mean = java.util.Arrays.stream(means).average().orElseThrow();
        return Math.sqrt(java.util.Arrays.stream(means).map(v -> (v - mean) * (v - mean)).sum() / (means.length - 1));
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
