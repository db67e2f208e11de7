package org.xai4j.perturbation.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;

class SuperpixelsTest {
    /** A 3×32×32 image of four flat colour quadrants with a little noise; the quadrant of each pixel. */
    static final int[] QUADRANT = new int[32 * 32];
    static final INDArray IMAGE = image();

    static INDArray image() {
        double[][] colours = {{0.9, 0.1, 0.1}, {0.1, 0.8, 0.2}, {0.1, 0.2, 0.9}, {0.9, 0.9, 0.1}};
        // java.util.Random's Gaussian is fixed by the JDK's specification: the image does not change when
        // xai4j's own generator does
        java.util.Random rng = new java.util.Random(4);
        double[] v = new double[3 * 32 * 32];
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int q = (y < 16 ? 0 : 2) + (x < 16 ? 0 : 1);
                QUADRANT[y * 32 + x] = q;
                for (int c = 0; c < 3; c++) {
                    v[(c * 32 + y) * 32 + x] = colours[q][c] + 0.02 * rng.nextGaussian();
                }
            }
        }
        return Nd4j.create(v, new long[] {3, 32, 32}, DataType.DOUBLE);
    }

    /** The share of pixels whose superpixel's majority quadrant is their own quadrant. */
    static double purity(FeatureMask m) {
        int[][] counts = new int[m.numFeatures()][4];
        for (int i = 0; i < m.size(); i++) {
            counts[m.label(i)][QUADRANT[i]]++;
        }
        int agree = 0;
        for (int[] c : counts) {
            agree += java.util.Arrays.stream(c).max().orElseThrow();
        }
        return agree / (double) m.size();
    }

    @Test
    void everyAlgorithmFollowsTheColourBoundaries() {
        INDArray before = IMAGE.dup();
        for (Superpixels s : new Superpixels[] {Superpixels.slic(16, 200f), Superpixels.felzenszwalb(300f, 20),
                Superpixels.meanShift(4, 30f, 20), Superpixels.watershed(20)}) {
            FeatureMask m = s.segment(IMAGE);
            assertThat(m.shape()).as(s.describe()).containsExactly(32, 32);
            assertThat(m.numFeatures()).as(s.describe()).isBetween(2, 400);
            // Watershed puts the one- or two-pixel-wide gradient ridge on either side: 3.5–13.5% of the pixels
            // over 32 noise realisations of this image (purity 0.865–0.965); the others stayed at or above 0.982.
            double least = s.describe().startsWith("watershed") ? 0.85 : 0.97;
            assertThat(purity(m)).as(s.describe() + " purity").isGreaterThan(least);
            assertThat(s.segment(IMAGE)).as(s.describe() + " is deterministic").isEqualTo(m);
            System.out.printf("%s: %d superpixels, purity %.3f%n", s.describe(), m.numFeatures(), purity(m));
        }
        assertThat(IMAGE).isEqualTo(before);
    }

    @Test
    void moreRequestedRegionsGiveMoreSuperpixels() {
        int few = Superpixels.slic(16).segment(IMAGE).numFeatures();
        int many = Superpixels.slic(256).segment(IMAGE).numFeatures();
        assertThat(many).isGreaterThan(4 * few);
        assertThat(Superpixels.watershed(50).segment(IMAGE).numFeatures())
                .isLessThan(Superpixels.watershed(0).segment(IMAGE).numFeatures());
    }

    @Test
    void greyImagesWorkAndOtherShapesAreRefused() {
        INDArray grey = IMAGE.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).dup();
        assertThat(Superpixels.felzenszwalb(300f, 20).segment(grey).shape()).containsExactly(32, 32);
        assertThatThrownBy(() -> Superpixels.slic(4).segment(Nd4j.zeros(2, 3, 4, 4)))
                .isInstanceOf(InvalidShapeException.class);
    }
}
