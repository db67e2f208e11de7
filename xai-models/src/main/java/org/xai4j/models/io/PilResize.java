package org.xai4j.models.io;

/**
 * Bilinear resampling of 8-bit planes exactly as Pillow's {@code Image.resize(size, BILINEAR)} does it — which is
 * what torchvision's {@code Resize} runs on PIL images: a triangle filter whose support widens with the
 * downscale factor (so shrinking averages, like an anti-aliased resize), a horizontal pass then a vertical one,
 * 22-bit fixed-point weights and an 8-bit image between the passes. Matching those roundings is what makes the
 * result equal torchvision's to the last bit (checked against torchvision's own output in the tests).
 */
final class PilResize {
    private static final int PRECISION_BITS = 32 - 8 - 2;

    private PilResize() {
    }

    /** {@code plane} (h×w, values 0–255, row-major) resampled to outH×outW. */
    static int[] resize(int[] plane, int h, int w, int outH, int outW) {
        int[] cur = plane;
        int curW = w;
        if (outW != w) {
            Coefficients cx = Coefficients.of(w, outW);
            int[] next = new int[h * outW];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < outW; x++) {
                    long ss = 1L << (PRECISION_BITS - 1);
                    int start = cx.first[x];
                    for (int k = 0; k < cx.count[x]; k++) {
                        ss += (long) cur[y * curW + start + k] * cx.weights[x * cx.size + k];
                    }
                    next[y * outW + x] = clip8(ss);
                }
            }
            cur = next;
            curW = outW;
        }
        if (outH != h) {
            Coefficients cy = Coefficients.of(h, outH);
            int[] next = new int[outH * curW];
            for (int y = 0; y < outH; y++) {
                int start = cy.first[y];
                for (int x = 0; x < curW; x++) {
                    long ss = 1L << (PRECISION_BITS - 1);
                    for (int k = 0; k < cy.count[y]; k++) {
                        ss += (long) cur[(start + k) * curW + x] * cy.weights[y * cy.size + k];
                    }
                    next[y * curW + x] = clip8(ss);
                }
            }
            cur = next;
        }
        return cur == plane ? plane.clone() : cur;
    }

    private static int clip8(long ss) {
        long v = ss >> PRECISION_BITS;
        return (int) Math.max(0, Math.min(255, v));
    }

    /** Per output pixel: the first input pixel, how many follow, and their fixed-point weights. */
    private record Coefficients(int size, int[] first, int[] count, int[] weights) {
        static Coefficients of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(1.0, scale);
            double support = filterScale; // the triangle's support is 1, widened when shrinking
            int size = (int) Math.ceil(support) * 2 + 1;
            int[] first = new int[outSize];
            int[] count = new int[outSize];
            int[] weights = new int[outSize * size];
            double[] k = new double[size];
            double step = 1.0 / filterScale; // Pillow multiplies by the reciprocal: the same rounding here
            for (int o = 0; o < outSize; o++) {
                double center = (o + 0.5) * scale;
                int min = Math.max(0, (int) (center - support + 0.5));
                int max = Math.min(inSize, (int) (center + support + 0.5)) - min;
                double sum = 0;
                for (int i = 0; i < max; i++) {
                    double t = Math.abs((i + min - center + 0.5) * step);
                    k[i] = t < 1.0 ? 1.0 - t : 0.0;
                    sum += k[i];
                }
                for (int i = 0; i < max; i++) {
                    double v = sum != 0.0 ? k[i] / sum : k[i];
                    weights[o * size + i] = (int) (v < 0 ? -0.5 + v * (1 << PRECISION_BITS) : 0.5 + v * (1 << PRECISION_BITS));
                }
                first[o] = min;
                count[o] = max;
            }
            return new Coefficients(size, first, count, weights);
        }
    }
}
