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

    @Test
    void sameSizeIsTheIdentity() {
        double[] src = {1, 2, 3, 4, 5, 6};
        assertThat(Bilinear.resize(src, 1, 2, 3, 2, 3, Upsampling.HALF_PIXEL)).containsExactly(src);
        assertThat(Bilinear.resize(src, 1, 2, 3, 2, 3, Upsampling.ALIGN_CORNERS)).containsExactly(src);
    }
}
