package org.xai4j.models.io;

/**
 * Half-precision (IEEE 754 binary16) values as .npy ({@code <f2}) and ONNX ({@code FLOAT16}) store them, to and
 * from Java floats.
 */
public final class HalfFloats {
    private HalfFloats() {
    }

    /**
     * IEEE 754 binary16 → binary32 (exact: every half-precision value is a float).
     *
     * @param h the 16 bits of a half-precision value
     * @return the same value as a float (infinities and NaN kept, NaN with its payload)
     */
    public static float toFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /**
     * bfloat16 (the upper 16 bits of a binary32, as ONNX's {@code BFLOAT16} stores it) → binary32 (exact).
     *
     * @param h the 16 bits of a bfloat16 value
     * @return the same value as a float
     */
    public static float bfloat16ToFloat(short h) {
        return Float.intBitsToFloat((h & 0xffff) << 16);
    }

    /**
     * IEEE 754 binary32 → binary16, rounding to nearest even.
     *
     * @param f any float
     * @return the 16 bits of the nearest half-precision value (overflow gives an infinity, NaN stays NaN)
     */
    public static short fromFloat(float f) {
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            int m = mant | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rest = m & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rest > mid || (rest == mid && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >>> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++;
        }
        return (short) (sign | half);
    }
}
