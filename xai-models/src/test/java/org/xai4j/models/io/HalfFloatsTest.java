package org.xai4j.models.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Half precision against values fixed by IEEE 754 binary16 itself (sign bit, 5 exponent bits with bias 15, 10
 * mantissa bits), worked out by hand: ones, the largest finite value, the smallest subnormal, infinities, NaN.
 */
class HalfFloatsTest {
    @Test
    void decodesTheFormatsLandmarks() {
        assertThat(HalfFloats.toFloat((short) 0x3C00)).isEqualTo(1.0f);
        // bfloat16: sign, 8 exponent bits (bias 127), 7 mantissa bits
        assertThat(HalfFloats.bfloat16ToFloat((short) 0x3F80)).isEqualTo(1.0f);
        assertThat(HalfFloats.bfloat16ToFloat((short) 0xC040)).isEqualTo(-3.0f); // −(1 + 0.5)·2^1
        assertThat(HalfFloats.bfloat16ToFloat((short) 0x7F80)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(HalfFloats.toFloat((short) 0xC000)).isEqualTo(-2.0f);
        assertThat(HalfFloats.toFloat((short) 0x3555)).isEqualTo(1365 / 4096f); // 0x155 / 2^10 · 2^-2 + 2^-2
        assertThat(HalfFloats.toFloat((short) 0x7BFF)).isEqualTo(65504.0f);
        assertThat(HalfFloats.toFloat((short) 0x0001)).isEqualTo((float) Math.pow(2, -24));
        assertThat(HalfFloats.toFloat((short) 0x8000)).isEqualTo(-0.0f);
        assertThat(Float.floatToIntBits(HalfFloats.toFloat((short) 0x8000))).isEqualTo(0x80000000);
        assertThat(HalfFloats.toFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(HalfFloats.toFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(HalfFloats.toFloat((short) 0x7E00)).isNaN();
    }

    @Test
    void encodesRoundingToNearestEven() {
        assertThat(HalfFloats.fromFloat(1.0f)).isEqualTo((short) 0x3C00);
        assertThat(HalfFloats.fromFloat(65504.0f)).isEqualTo((short) 0x7BFF);
        assertThat(HalfFloats.fromFloat(1e6f)).isEqualTo((short) 0x7C00);
        // 1 + 2^-11 lies halfway between 1 and 1 + 2^-10: ties go to the even mantissa (1).
        assertThat(HalfFloats.fromFloat(1 + (float) Math.pow(2, -11))).isEqualTo((short) 0x3C00);
        // 1 + 3·2^-11 lies halfway between 1 + 2^-10 (odd) and 1 + 2^-9 (even).
        assertThat(HalfFloats.fromFloat(1 + 3 * (float) Math.pow(2, -11))).isEqualTo((short) 0x3C02);
        assertThat(HalfFloats.fromFloat((float) Math.pow(2, -24))).isEqualTo((short) 0x0001);
        assertThat(HalfFloats.fromFloat(Float.NaN) & 0x7C00).isEqualTo(0x7C00);
        assertThat(HalfFloats.fromFloat(Float.NaN) & 0x03FF).isNotZero();
    }
}
