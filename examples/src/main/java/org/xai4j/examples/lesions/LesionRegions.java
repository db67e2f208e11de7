package org.xai4j.examples.lesions;

import org.xai4j.core.InvalidShapeException;

/**
 * A lesion mask split into three disjoint regions that cover the image: the border band (every pixel within
 * {@code band} pixels, in the Chebyshev sense, of a pixel on the other side of the mask's edge), the lesion (mask
 * pixels outside the band) and the background (the rest). {@link #positiveShares} says how much of a map's positive
 * mass falls in each — the measurement behind "the classifier looks at the lesion when borders are sharp and at the
 * surrounding skin when they are blurred".
 *
 * @param height     rows
 * @param width      columns
 * @param lesion     per pixel (row-major): inside the mask and outside the band
 * @param border     per pixel: within the band
 * @param background per pixel: outside the mask and outside the band
 */
public record LesionRegions(int height, int width, boolean[] lesion, boolean[] border, boolean[] background) {
    /** The regions of a row-major {@code height × width} mask (values above 0.5 are lesion). */
    public static LesionRegions of(float[] mask, int height, int width, int band) {
        if (mask.length != height * width) {
            throw new InvalidShapeException("mask has " + mask.length + " values for " + height + "×" + width);
        }
        if (band < 0) {
            throw new InvalidShapeException("border band width must be ≥ 0 but was " + band);
        }
        int n = height * width;
        boolean[] inside = new boolean[n];
        for (int i = 0; i < n; i++) {
            inside[i] = mask[i] > 0.5f;
        }
        boolean[] lesion = new boolean[n];
        boolean[] border = new boolean[n];
        boolean[] background = new boolean[n];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                border[i] = band > 0 && differsNearby(inside, height, width, y, x, band);
                lesion[i] = inside[i] && !border[i];
                background[i] = !inside[i] && !border[i];
            }
        }
        return new LesionRegions(height, width, lesion, border, background);
    }

    private static boolean differsNearby(boolean[] inside, int h, int w, int y, int x, int band) {
        boolean self = inside[y * w + x];
        for (int dy = -band; dy <= band; dy++) {
            int yy = y + dy;
            if (yy < 0 || yy >= h) {
                continue;
            }
            for (int dx = -band; dx <= band; dx++) {
                int xx = x + dx;
                if (xx >= 0 && xx < w && inside[yy * w + xx] != self) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The shares {lesion, border, background} of the map's positive mass (the sum of its positive values), summing to
     * 1; all NaN when the map has no positive value.
     */
    public double[] positiveShares(double[] map) {
        if (map.length != lesion.length) {
            throw new InvalidShapeException("map has " + map.length + " values for " + height + "×" + width);
        }
        double[] mass = new double[3];
        for (int i = 0; i < map.length; i++) {
            double v = map[i];
            if (v > 0) {
                mass[lesion[i] ? 0 : border[i] ? 1 : 2] += v;
            }
        }
        double total = mass[0] + mass[1] + mass[2];
        for (int k = 0; k < 3; k++) {
            mass[k] = total > 0 ? mass[k] / total : Double.NaN;
        }
        return mass;
    }

    /** The number of pixels in {lesion, border, background}. */
    public int[] sizes() {
        int[] c = new int[3];
        for (int i = 0; i < lesion.length; i++) {
            c[lesion[i] ? 0 : border[i] ? 1 : 2]++;
        }
        return c;
    }
}
