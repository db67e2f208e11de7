package org.xai4j.cam;

/** Bilinear resizing of stacks of 2-D planes, in double precision, under either {@link Upsampling} convention. */
final class Bilinear {
    private Bilinear() {
    }

    /** Source index pair and weight for every destination index along one axis. */
    private record Axis(int[] lo, int[] hi, double[] frac) {
        static Axis of(int in, int out, Upsampling mode) {
            int[] lo = new int[out];
            int[] hi = new int[out];
            double[] frac = new double[out];
            double scale = mode == Upsampling.HALF_PIXEL ? (double) in / out : out > 1 ? (double) (in - 1) / (out - 1) : 0;
            for (int d = 0; d < out; d++) {
                double src = mode == Upsampling.HALF_PIXEL ? (d + 0.5) * scale - 0.5 : d * scale;
                if (src < 0) {
                    src = 0;
                }
                int i0 = Math.min((int) src, in - 1);
                lo[d] = i0;
                hi[d] = Math.min(i0 + 1, in - 1);
                frac[d] = hi[d] == i0 ? 0 : src - i0;
            }
            return new Axis(lo, hi, frac);
        }
    }

    /**
     * Resizes {@code planes} planes of {@code h×w} (flat, row-major, one after another) to {@code outH×outW}.
     * Returns {@code src} itself when the size does not change.
     */
    static double[] resize(double[] src, int planes, int h, int w, int outH, int outW, Upsampling mode) {
        if (h == outH && w == outW) {
            return src;
        }
        Axis ay = Axis.of(h, outH, mode);
        Axis ax = Axis.of(w, outW, mode);
        double[] out = new double[planes * outH * outW];
        for (int p = 0; p < planes; p++) {
            int sb = p * h * w;
            int db = p * outH * outW;
            for (int y = 0; y < outH; y++) {
                int r0 = sb + ay.lo[y] * w;
                int r1 = sb + ay.hi[y] * w;
                double fy = ay.frac[y];
                for (int x = 0; x < outW; x++) {
                    double fx = ax.frac[x];
                    int c0 = ax.lo[x];
                    int c1 = ax.hi[x];
                    double top = (1 - fx) * src[r0 + c0] + fx * src[r0 + c1];
                    double bottom = (1 - fx) * src[r1 + c0] + fx * src[r1 + c1];
                    out[db + y * outW + x] = (1 - fy) * top + fy * bottom;
                }
            }
        }
        return out;
    }
}
