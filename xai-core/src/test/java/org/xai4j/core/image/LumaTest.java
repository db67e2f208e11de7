package org.xai4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xai4j.core.InvalidConfigException;

class LumaTest {
    /** PIL 10's {@code Image.new("RGB", (1, 1), c).convert("L").getpixel((0, 0))} for a few colours. */
    @Test
    void pilsValuesForThePrimariesAndAFewColours() {
        assertThat(Luma.of(255, 0, 0)).isEqualTo(76);
        assertThat(Luma.of(0, 255, 0)).isEqualTo(150);
        assertThat(Luma.of(0, 0, 255)).isEqualTo(29);
        assertThat(Luma.of(255, 255, 0)).isEqualTo(226);
        assertThat(Luma.of(0, 255, 255)).isEqualTo(179);
        assertThat(Luma.of(255, 0, 255)).isEqualTo(105);
        assertThat(Luma.ofRgb(0xFF_FF0000)).isEqualTo(76);
        assertThat(Luma.ofRgb(0x00_00FF00)).as("alpha ignored").isEqualTo(150);
    }

    @Test
    void aGreyPixelKeepsItsValue() {
        for (int v = 0; v <= 255; v++) {
            assertThat(Luma.of(v, v, v)).as("grey %d", v).isEqualTo(v);
        }
    }

    /** Every 8-bit colour against the fixed point written out as a rounded division of whole numbers. */
    @Test
    void everyColourEqualsTheRoundedFixedPointQuotientAndIsWithinOneOfTheRealWeights() {
        for (int r = 0; r <= 255; r++) {
            for (int g = 0; g <= 255; g++) {
                for (int b = 0; b <= 255; b++) {
                    long numerator = 19595L * r + 38470L * g + 7471L * b;
                    long expected = Math.floorDiv(2 * numerator + 65536, 2 * 65536L); // round half up of numerator / 2^16
                    int l = Luma.of(r, g, b);
                    if (l != expected) {
                        assertThat(l).as("luma of (%d, %d, %d)", r, g, b).isEqualTo(expected);
                    }
                    double real = 0.299 * r + 0.587 * g + 0.114 * b;
                    if (Math.abs(l - real) > 1) {
                        assertThat((double) l).as("luma of (%d, %d, %d) against 0.299 R + 0.587 G + 0.114 B", r, g, b)
                                .isCloseTo(real, org.assertj.core.data.Offset.offset(1.0));
                    }
                }
            }
        }
    }

    @Test
    void aValueOutsideAByteIsRefusedNamingTheChannel() {
        assertThatThrownBy(() -> Luma.of(0, 256, 0)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("g must be an 8-bit value in [0, 255] but got 256");
        assertThatThrownBy(() -> Luma.of(-1, 0, 0)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("r must be").hasMessageContaining("-1");
    }
}
