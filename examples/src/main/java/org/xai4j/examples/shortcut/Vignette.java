package org.xai4j.examples.shortcut;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;

/**
 * The planted shortcut: a dark circular ring around the image (the "black ring" a dermatoscope's round field of view
 * leaves in the corners of a square photo). Every pixel at distance d from the image centre is darkened by the
 * factor {@code 1 − darkness · σ((d − r) / edge)}: beyond the radius r the image fades to near black over a soft
 * edge of about one pixel. The ring region (the ground truth of where the shortcut is) is the pixels with
 * {@code d ≥ r}, where the darkening is at least half.
 *
 * @param radius   the ring's inner radius as a share of the image side (0.5: the circle touches the edges)
 * @param darkness how much of the pixel value the ring takes away (0: none, 1: black)
 */
public record Vignette(double radius, double darkness) {
    /** The soft edge's width in pixels. */
    static final double EDGE = 0.8;

    public Vignette {
        if (!(radius > 0 && radius <= 0.75)) {
            throw new InvalidConfigException("vignette: the radius must be in (0, 0.75] of the side but got " + radius);
        }
        if (!(darkness >= 0 && darkness <= 1)) {
            throw new InvalidConfigException("vignette: the darkness must be in [0, 1] but got " + darkness);
        }
    }

    /** Whether pixel (y, x) of a side × side image is in the ring region (its centre at least r from the image's). */
    public boolean inRing(int side, int y, int x) {
        return distance(side, y, x) >= radius * side;
    }

    private static double distance(int side, int y, int x) {
        double c = side / 2.0;
        return Math.hypot(y + 0.5 - c, x + 0.5 - c);
    }

    /** The ring region of a side × side image: 1 inside it, 0 elsewhere (side × side, float). */
    public INDArray mask(int side) {
        float[] m = new float[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                m[y * side + x] = inRing(side, y, x) ? 1 : 0;
            }
        }
        return Nd4j.create(m, new long[] {side, side}, 'c').castTo(DataType.FLOAT);
    }

    /** Darkens row {@code row} of {@code images} (N × C × side × side) in place. */
    public void apply(INDArray images, int row) {
        int side = (int) images.size(2);
        if (images.size(3) != side) {
            throw new InvalidConfigException("vignette: the images must be square but are " + images.size(2) + "×"
                    + images.size(3));
        }
        INDArray factor = Nd4j.create(DataType.FLOAT, side, side);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double d = distance(side, y, x) - radius * side;
                factor.putScalar(y, x, 1 - darkness / (1 + Math.exp(-d / EDGE)));
            }
        }
        for (int c = 0; c < images.size(1); c++) {
            INDArray plane = images.get(org.nd4j.linalg.indexing.NDArrayIndex.point(row),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(c));
            plane.muli(factor.castTo(plane.dataType()));
        }
    }
}
