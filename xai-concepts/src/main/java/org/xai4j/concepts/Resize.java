package org.xai4j.concepts;

/**
 * Bilinear resizing of planes with pixel centres aligned (source coordinate (d + ½)·in/out − ½, clamped at the
 * border): {@code torch.nn.functional.interpolate(mode="bilinear", align_corners=False)}. Used to lay concept
 * maps onto the input.
 */
public final class Resize {
    private Resize() {
    }

    /**
     * {@code planes} planes of h × w (flat, one after another) resized to outH × outW.
     *
     * @param src the planes, each h × w row-major, one after another
     * @param planes the number of planes
     * @param h the source height
     * @param w the source width
     * @param outH the height to resize to
     * @param outW the width to resize to
     * @return a new array of {@code planes} planes of outH × outW, bilinear with half-pixel centres
     */
    public static double[] bilinear(double[] src, int planes, int h, int w, int outH, int outW) {
        if (h == outH && w == outW) {
            return src.clone();
        }
        int[] y0 = new int[outH];
        int[] y1 = new int[outH];
        double[] fy = new double[outH];
        axis(h, outH, y0, y1, fy);
        int[] x0 = new int[outW];
        int[] x1 = new int[outW];
        double[] fx = new double[outW];
        axis(w, outW, x0, x1, fx);
        double[] out = new double[planes * outH * outW];
        for (int p = 0; p < planes; p++) {
            int sb = p * h * w;
            int db = p * outH * outW;
            for (int y = 0; y < outH; y++) {
                int r0 = sb + y0[y] * w;
                int r1 = sb + y1[y] * w;
                for (int x = 0; x < outW; x++) {
                    double top = (1 - fx[x]) * src[r0 + x0[x]] + fx[x] * src[r0 + x1[x]];
                    double bottom = (1 - fx[x]) * src[r1 + x0[x]] + fx[x] * src[r1 + x1[x]];
                    out[db + y * outW + x] = (1 - fy[y]) * top + fy[y] * bottom;
                }
            }
        }
        return out;
    }

    private static void axis(int in, int out, int[] lo, int[] hi, double[] frac) {
        double scale = (double) in / out;
        for (int d = 0; d < out; d++) {
            double s = Math.max(0, (d + 0.5) * scale - 0.5);
            int i0 = Math.min((int) s, in - 1);
            lo[d] = i0;
            hi[d] = Math.min(i0 + 1, in - 1);
            frac[d] = hi[d] == i0 ? 0 : s - i0;
        }
    }
}
