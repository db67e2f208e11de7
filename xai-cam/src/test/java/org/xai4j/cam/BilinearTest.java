package org.xai4j.cam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** Bilinear resizing, worked by hand for both conventions. */
class BilinearTest {
    @Test
    void halfPixelCentresClampAtTheBorder() {
        // 1×2 → 1×4: source x = (d + 0.5)·2/4 − 0.5 = −0.25, 0.25, 0.75, 1.25 → clamped to 0, 0.25, 0.75, 1
        double[] out = Bilinear.resize(new double[] {0, 1}, 1, 1, 2, 1, 4, Upsampling.HALF_PIXEL);
        assertThat(out).containsExactly(new double[] {0, 0.25, 0.75, 1}, offset(1e-15));
    }

    @Test
    void alignedCornersKeepTheCorners() {
        // source x = d·(2 − 1)/(4 − 1)
        double[] out = Bilinear.resize(new double[] {0, 1}, 1, 1, 2, 1, 4, Upsampling.ALIGN_CORNERS);
        assertThat(out).containsExactly(new double[] {0, 1.0 / 3, 2.0 / 3, 1}, offset(1e-15));
    }

    @Test
    void twoDimensionsAndSeveralPlanes() {
        // 2×2 → 3×3 with aligned corners: the centre is the mean of the four, edges the mean of two
        double[] src = {1, 2, 3, 4, /* second plane */ 0, 0, 0, 8};
        double[] out = Bilinear.resize(src, 2, 2, 2, 3, 3, Upsampling.ALIGN_CORNERS);
        assertThat(out).containsExactly(new double[] {1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4, 0, 0, 0, 0, 2, 4, 0, 4, 8},
                offset(1e-15));
    }

    /** The formula evaluated for every output value on its own (the code before the separable version). */
    private static double[] literal(double[] src, int planes, int h, int w, int outH, int outW, Upsampling mode) {
        double[][] axes = new double[2][];
        int[][] lo = new int[2][];
        int[][] hi = new int[2][];
        int[] in = {h, w};
        int[] out = {outH, outW};
        for (int a = 0; a < 2; a++) {
            axes[a] = new double[out[a]];
            lo[a] = new int[out[a]];
            hi[a] = new int[out[a]];
            double scale = mode == Upsampling.HALF_PIXEL ? (double) in[a] / out[a]
                    : out[a] > 1 ? (double) (in[a] - 1) / (out[a] - 1) : 0;
            for (int d = 0; d < out[a]; d++) {
                double s = Math.max(0, mode == Upsampling.HALF_PIXEL ? (d + 0.5) * scale - 0.5 : d * scale);
                lo[a][d] = Math.min((int) s, in[a] - 1);
                hi[a][d] = Math.min(lo[a][d] + 1, in[a] - 1);
                axes[a][d] = hi[a][d] == lo[a][d] ? 0 : s - lo[a][d];
            }
        }
        double[] r = new double[planes * outH * outW];
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < outH; y++) {
                for (int x = 0; x < outW; x++) {
                    int b = p * h * w;
                    double fx = axes[1][x];
                    double fy = axes[0][y];
                    double top = (1 - fx) * src[b + lo[0][y] * w + lo[1][x]] + fx * src[b + lo[0][y] * w + hi[1][x]];
                    double bottom = (1 - fx) * src[b + hi[0][y] * w + lo[1][x]] + fx * src[b + hi[0][y] * w + hi[1][x]];
                    r[(p * outH + y) * outW + x] = (1 - fy) * top + fy * bottom;
                }
            }
        }
        return r;
    }

    @Test
    void separableResizeHasTheBitsOfThePerValueFormula() {
        java.util.Random rnd = new java.util.Random(11);
        int[][] sizes = {{7, 7, 28, 28}, {14, 14, 28, 28}, {3, 5, 8, 4}, {6, 4, 2, 9}, {1, 3, 4, 1}, {5, 5, 5, 7}};
        for (Upsampling mode : Upsampling.values()) {
            for (int[] s : sizes) {
                double[] src = new double[3 * s[0] * s[1]];
                for (int i = 0; i < src.length; i++) {
                    src[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3);
                }
                double[] expected = literal(src, 3, s[0], s[1], s[2], s[3], mode);
                double[] got = Bilinear.resize(src, 3, s[0], s[1], s[2], s[3], mode);
                assertThat(got).as("%s %s", mode, java.util.Arrays.toString(s)).containsExactly(expected);
                // a reused plan, one plane at a time, at offsets
                Bilinear.Plan plan = new Bilinear.Plan(s[0], s[1], s[2], s[3], mode);
                double[] one = new double[2 + plan.outPlane()];
                for (int p = 0; p < 3; p++) {
                    plan.apply(src, p * s[0] * s[1], one, 2);
                    assertThat(java.util.Arrays.copyOfRange(one, 2, one.length)).containsExactly(
                            java.util.Arrays.copyOfRange(expected, p * plan.outPlane(), (p + 1) * plan.outPlane()));
                }
            }
        }
    }

    @Test
    void planOfTheSameSizeCopiesExactly() {
        double[] src = {-0.0, 2, Double.NaN, 4};
        double[] dst = new double[4];
        new Bilinear.Plan(2, 2, 2, 2, Upsampling.ALIGN_CORNERS).apply(src, 0, dst, 0);
        assertThat(Double.doubleToRawLongBits(dst[0])).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(dst[2]).isNaN();
        assertThat(dst[3]).isEqualTo(4.0);
    }

    @Test
    void sameSizeIsTheIdentity() {
        double[] src = {1, 2, 3, 4, 5, 6};
        assertThat(Bilinear.resize(src, 1, 2, 3, 2, 3, Upsampling.HALF_PIXEL)).containsExactly(src);
        assertThat(Bilinear.resize(src, 1, 2, 3, 2, 3, Upsampling.ALIGN_CORNERS)).containsExactly(src);
    }
}
