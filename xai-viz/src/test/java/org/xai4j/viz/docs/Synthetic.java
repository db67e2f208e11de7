package org.xai4j.viz.docs;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.viz.ScalarMap;

/** Smooth synthetic pictures and maps for the gallery and tests: no model involved. */
final class Synthetic {
    private Synthetic() {
    }

    /** A blob: centre (cy, cx), radius sigma, RGB colour. */
    record Blob(double cy, double cx, double sigma, double r, double g, double b) {
    }

    /** A 3×size×size image in [0, 1]: a soft vertical gradient with Gaussian colour blobs. */
    static INDArray image(int size, Blob... blobs) {
        float[] v = new float[3 * size * size];
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double t = y / (double) (size - 1);
                double[] px = {0.86 - 0.20 * t, 0.90 - 0.15 * t, 0.95 - 0.25 * t};
                for (Blob bl : blobs) {
                    double d2 = ((y - bl.cy) * (y - bl.cy) + (x - bl.cx) * (x - bl.cx)) / (2 * bl.sigma * bl.sigma);
                    double w = Math.exp(-d2 * d2 * 0.5); // flat-topped bump: a soft disc
                    px[0] = (1 - w) * px[0] + w * bl.r;
                    px[1] = (1 - w) * px[1] + w * bl.g;
                    px[2] = (1 - w) * px[2] + w * bl.b;
                }
                for (int c = 0; c < 3; c++) {
                    v[c * plane + y * size + x] = (float) px[c];
                }
            }
        }
        return Nd4j.create(v, new long[] {3, size, size}, 'c');
    }

    /** Σ amplitude·exp(−d²/(2σ²)) on an h×w grid; bumps are {cy, cx, sigma, amplitude} in grid units. */
    static ScalarMap bumps(int h, int w, double[]... bumps) {
        double[] v = new double[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (double[] b : bumps) {
                    double d2 = (y - b[0]) * (y - b[0]) + (x - b[1]) * (x - b[1]);
                    s += b[3] * Math.exp(-d2 / (2 * b[2] * b[2]));
                }
                v[y * w + x] = s;
            }
        }
        return ScalarMap.of(h, w, v);
    }

    /** The map plus deterministic high-frequency texture (like raw gradients), scaled by {@code amount}. */
    static ScalarMap textured(ScalarMap m, double amount) {
        double[] v = m.toArray();
        for (int i = 0; i < v.length; i++) {
            int y = i / m.width();
            int x = i % m.width();
            v[i] += amount * Math.sin(1.7 * x + 2.3 * y) * Math.cos(0.9 * x - 1.3 * y);
        }
        return ScalarMap.of(m.height(), m.width(), v);
    }

    /** Block-averages of {@code m} over cells of {@code cell} pixels (an occlusion-like map at full size). */
    static ScalarMap blocky(ScalarMap m, int cell) {
        double[] v = m.toArray();
        double[] out = new double[v.length];
        int w = m.width();
        int h = m.height();
        for (int by = 0; by < h; by += cell) {
            for (int bx = 0; bx < w; bx += cell) {
                double s = 0;
                int n = 0;
                for (int y = by; y < Math.min(h, by + cell); y++) {
                    for (int x = bx; x < Math.min(w, bx + cell); x++) {
                        s += v[y * w + x];
                        n++;
                    }
                }
                for (int y = by; y < Math.min(h, by + cell); y++) {
                    for (int x = bx; x < Math.min(w, bx + cell); x++) {
                        out[y * w + x] = s / n;
                    }
                }
            }
        }
        return ScalarMap.of(h, w, out);
    }

    /** A grid segmentation: cells of {@code cell} pixels, labels row by row. */
    static int[] gridSegments(int size, int cell) {
        int per = (size + cell - 1) / cell;
        int[] l = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                l[y * size + x] = (y / cell) * per + x / cell;
            }
        }
        return l;
    }

    /** Mean of {@code m} over each segment. */
    static double[] segmentMeans(ScalarMap m, int[] labels, int count) {
        double[] s = new double[count];
        int[] n = new int[count];
        double[] v = m.toArray();
        for (int i = 0; i < v.length; i++) {
            s[labels[i]] += v[i];
            n[labels[i]]++;
        }
        for (int k = 0; k < count; k++) {
            s[k] = n[k] == 0 ? 0 : s[k] / n[k];
        }
        return s;
    }
}
