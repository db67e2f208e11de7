package org.xai4j.examples.lesions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.xai4j.core.InvalidShapeException;

/** Hand-made masks whose regions and shares are counted by hand. */
class LesionRegionsTest {
    /** A 6×6 image with a 2×2 lesion at rows 2–3, columns 2–3. */
    static float[] square() {
        float[] m = new float[36];
        for (int y = 2; y < 4; y++) {
            for (int x = 2; x < 4; x++) {
                m[y * 6 + x] = 1;
            }
        }
        return m;
    }

    @Test
    void bandOfOneAroundASmallSquare() {
        LesionRegions r = LesionRegions.of(square(), 6, 6, 1);
        // every lesion pixel touches the outside: no lesion core; the band is the 4×4 block rows/cols 1–4
        assertThat(r.sizes()).containsExactly(0, 16, 20);
        assertThat(r.border()[1 * 6 + 1]).isTrue();
        assertThat(r.border()[0]).isFalse();
        assertThat(r.background()[5 * 6 + 5]).isTrue();
    }

    @Test
    void bandZeroIsTheMaskItself() {
        LesionRegions r = LesionRegions.of(square(), 6, 6, 0);
        assertThat(r.sizes()).containsExactly(4, 0, 32);
    }

    @Test
    void aLargeLesionKeepsACore() {
        // 8×8 image, lesion rows/cols 1..6 (6×6 = 36 pixels); band 1: the lesion's outer ring (20) and the ring
        // just outside it (the whole image's outer ring, 28) are border; the core is 4×4
        float[] m = new float[64];
        for (int y = 1; y < 7; y++) {
            for (int x = 1; x < 7; x++) {
                m[y * 8 + x] = 1;
            }
        }
        LesionRegions r = LesionRegions.of(m, 8, 8, 1);
        assertThat(r.sizes()).containsExactly(16, 48, 0);
    }

    @Test
    void sharesOfPositiveMass() {
        LesionRegions r = LesionRegions.of(square(), 6, 6, 1);
        double[] map = new double[36];
        map[2 * 6 + 2] = 3;      // border (a lesion pixel on the edge)
        map[1 * 6 + 1] = 1;      // border (outside, diagonal neighbour)
        map[0] = 4;              // background
        map[5 * 6 + 5] = -10;    // negative: ignored
        double[] s = r.positiveShares(map);
        assertThat(s[0]).isCloseTo(0, within(1e-12));
        assertThat(s[1]).isCloseTo(0.5, within(1e-12));
        assertThat(s[2]).isCloseTo(0.5, within(1e-12));
        assertThat(r.positiveShares(new double[36])).containsOnly(Double.NaN);
    }

    @Test
    void wrongSizesAreRefused() {
        assertThatThrownBy(() -> LesionRegions.of(new float[10], 3, 3, 1)).isInstanceOf(InvalidShapeException.class)
                .hasMessageContaining("10 values for 3×3");
        LesionRegions r = LesionRegions.of(square(), 6, 6, 1);
        assertThatThrownBy(() -> r.positiveShares(new double[5])).isInstanceOf(InvalidShapeException.class);
    }
}
