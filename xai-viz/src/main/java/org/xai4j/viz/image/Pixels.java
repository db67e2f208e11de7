package org.xai4j.viz.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import org.xai4j.core.InvalidShapeException;

/** Pixel access shared by the image functions: packed {@code 0xRRGGBB}, alpha ignored. */
final class Pixels {
    private Pixels() {
    }

    static BufferedImage requireImage(BufferedImage image, String name) {
        if (image == null) {
            throw new InvalidShapeException(name + ": expected an image but got null");
        }
        return image;
    }

    /**
     * Row-major packed RGB. Single-band grey images are read from the raster (their sample is the grey
     * level); {@link BufferedImage#getRGB} would pass them through a linear-to-sRGB conversion.
     */
    static int[] rgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] out = new int[w * h];
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY || image.getType() == BufferedImage.TYPE_USHORT_GRAY) {
            Raster r = image.getRaster();
            int shift = image.getType() == BufferedImage.TYPE_USHORT_GRAY ? 8 : 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int g = r.getSample(x, y, 0) >> shift;
                    out[y * w + x] = g << 16 | g << 8 | g;
                }
            }
            return out;
        }
        image.getRGB(0, 0, w, h, out, 0, w);
        for (int i = 0; i < out.length; i++) {
            out[i] &= 0xFFFFFF;
        }
        return out;
    }

    /** An opaque RGB image from packed pixels. */
    static BufferedImage image(int width, int height, int[] rgb) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, width, height, rgb, 0, width);
        return img;
    }

    /** {@code round((1 − a)·base + a·top)} per channel. */
    static int blend(int base, int top, double a) {
        int r = mix(base >> 16 & 0xFF, top >> 16 & 0xFF, a);
        int g = mix(base >> 8 & 0xFF, top >> 8 & 0xFF, a);
        int b = mix(base & 0xFF, top & 0xFF, a);
        return r << 16 | g << 8 | b;
    }

    private static int mix(int base, int top, double a) {
        return (int) Math.round((1 - a) * base + a * top);
    }
}
