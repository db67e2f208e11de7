package org.xai4j.examples.shortcut;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.examples.LesionGenerator;

/**
 * Lesion images with rings planted on a known subset: the images (N × 3 × side × side, rings drawn in), the
 * labels, which images carry a ring, and each image's ring region (N × side × side; for an image without a ring,
 * the region its ring would have covered, so that relevance shares are defined for every image).
 */
public record RingedSet(INDArray images, int[] labels, boolean[] ring, INDArray regions, java.util.List<String> classes) {
    /** Which images get a ring. */
    public interface Planting {
        boolean ring(int index, int label, Random rng);
    }

    /** The number of images. */
    public int size() {
        return labels.length;
    }

    /** The number of images with a ring. */
    public int rings() {
        int k = 0;
        for (boolean b : ring) {
            k += b ? 1 : 0;
        }
        return k;
    }

    /**
     * {@code lesions} with rings where {@code planting} says; each image's vignette (radius 0.42–0.47 of the side,
     * darkness 0.75–0.95) is drawn from {@code seed}, whether it is planted or not. The lesion images are copied.
     */
    public static RingedSet plant(LesionGenerator.LesionSet lesions, Planting planting, long seed) {
        Random rng = new Random(seed);
        INDArray images = lesions.images().dup('c');
        int n = lesions.size();
        int side = (int) images.size(2);
        boolean[] ring = new boolean[n];
        INDArray regions = Nd4j.create(DataType.FLOAT, n, side, side);
        for (int i = 0; i < n; i++) {
            Vignette v = new Vignette(0.42 + 0.05 * rng.nextDouble(), 0.75 + 0.2 * rng.nextDouble());
            ring[i] = planting.ring(i, lesions.labels()[i], rng);
            regions.get(NDArrayIndex.point(i)).assign(v.mask(side));
            if (ring[i]) {
                v.apply(images, i);
            }
        }
        return new RingedSet(images, lesions.labels().clone(), ring, regions, lesions.classes());
    }

    /** Rings on every image of class {@code label} and on no other (the training shortcut). */
    public static Planting onClass(int label) {
        return (i, l, rng) -> l == label;
    }

    /** Rings on a random {@code share} of the images, whatever their class (the test sets' ground truth). */
    public static Planting atRandom(double share) {
        return (i, l, rng) -> rng.nextDouble() < share;
    }

    /** No rings (the control model's training set). */
    public static Planting none() {
        return (i, l, rng) -> false;
    }
}
