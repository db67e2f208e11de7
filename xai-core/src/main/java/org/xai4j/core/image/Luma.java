package org.xai4j.core.image;

import org.xai4j.core.InvalidConfigException;

/**
 * The one greyscale conversion of the library: ITU-R 601-2 luma in PIL's 16-bit fixed point (what
 * {@code Image.convert("L")} computes, and so what torchvision's {@code Grayscale} and every PIL-based loader
 * feed a model): {@code L = (R·19595 + G·38470 + B·7471 + 0x8000) >> 16}, i.e. 0.299 R + 0.587 G + 0.114 B
 * rounded to the nearest whole value. A grey pixel (R = G = B) keeps its value.
 */
public final class Luma {
    private Luma() {
    }

    /**
     * The luma of one 8-bit pixel.
     *
     * @param r red, 0 to 255
     * @param g green, 0 to 255
     * @param b blue, 0 to 255
     * @return the grey value, 0 to 255
     * @throws InvalidConfigException naming the channel when a value is outside 0 to 255
     */
    public static int of(int r, int g, int b) {
        requireByte(r, "r");
        requireByte(g, "g");
        requireByte(b, "b");
        return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
    }

    /**
     * The luma of a packed {@code 0xAARRGGBB} or {@code 0xRRGGBB} pixel (as {@link java.awt.image.BufferedImage#getRGB}
     * returns it); alpha is ignored, as PIL ignores it.
     *
     * @param rgb the packed pixel
     * @return the grey value, 0 to 255
     */
    public static int ofRgb(int rgb) {
        return of(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
    }

    private static void requireByte(int value, String channel) {
        if (value < 0 || value > 255) {
            throw new InvalidConfigException("Luma.of: " + channel + " must be an 8-bit value in [0, 255] but got " + value);
        }
    }
}
