package org.xai4j.models.io;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.ModelFormatException;
import org.xai4j.core.image.Luma;

/**
 * Loads PNG/JPEG/BMP/GIF images into NCHW float tensors through an {@link ImagePreprocessing} (channels,
 * torchvision-exact resize and centre crop, normalisation). Pixels are read as stored: a grey PNG's values are
 * its samples (no colour-space conversion), an alpha channel is dropped.
 */
public final class Images {
    private Images() {
    }

    /**
     * One image as a {@code 1 × C × H × W} FLOAT array.
     *
     * @param path the image file
     * @param pre the channels, size and normalisation to apply
     * @return a new FLOAT array of shape [1, C, H, W], C and H×W as {@code pre} sets them
     * @throws ModelFormatException if the file is missing or not an image ImageIO can read
     */
    public static INDArray read(Path path, ImagePreprocessing pre) {
        return fromImage(decode(path), pre);
    }

    /**
     * Several images of the same size after preprocessing, stacked into {@code N × C × H × W}.
     *
     * @param paths the image files, in the order of the batch rows; not empty
     * @param pre the channels, size and normalisation to apply to each
     * @return a new FLOAT array of shape [N, C, H, W], row i from {@code paths.get(i)}
     * @throws InvalidShapeException if {@code paths} is empty or two images differ in size after preprocessing
     * @throws ModelFormatException if a file is missing or cannot be decoded
     */
    public static INDArray readAll(List<Path> paths, ImagePreprocessing pre) {
        if (paths.isEmpty()) {
            throw new InvalidShapeException("no images to read");
        }
        INDArray[] parts = paths.stream().map(p -> read(p, pre)).toArray(INDArray[]::new);
        for (int i = 1; i < parts.length; i++) {
            if (!Arrays.equals(parts[i].shape(), parts[0].shape())) {
                throw new InvalidShapeException("image " + paths.get(i) + " is " + size(parts[i]) + " after preprocessing but "
                        + paths.get(0) + " is " + size(parts[0]) + "; resize them to one size (ImagePreprocessing.withSize,"
                        + " or --size / --resize with --crop on the command line)");
            }
        }
        return Nd4j.concat(0, parts);
    }

    private static String size(INDArray x) {
        return x.size(2) + "×" + x.size(3);
    }

    /**
     * Reads an image file, or says why it cannot.
     *
     * @param path the image file
     * @return the decoded image, as stored (no colour conversion)
     * @throws ModelFormatException if the file is missing or not in a format ImageIO knows (PNG, JPEG, BMP, GIF)
     */
    public static BufferedImage decode(Path path) {
        BufferedImage img;
        try {
            img = Files.isRegularFile(path) ? ImageIO.read(path.toFile()) : null;
        } catch (IOException e) {
            throw new ModelFormatException("cannot read image " + path + ": " + e.getMessage(), e);
        }
        if (img == null) {
            throw new ModelFormatException("cannot read image " + path + ": " + (Files.isRegularFile(path)
                    ? "not in a format ImageIO knows (PNG, JPEG, BMP, GIF)" : "no such file"));
        }
        return img;
    }

    /**
     * Decodes an image file's bytes ({@code name} only for the message), or says why it cannot: the bytes of a
     * file read elsewhere, e.g. by Spark's {@code binaryFile} source on an executor.
     *
     * @param bytes the encoded image; null is refused with a message
     * @param name what to call the image in error messages, e.g. its path
     * @return the decoded image, as stored (no colour conversion)
     * @throws ModelFormatException if {@code bytes} is null or not an image ImageIO can decode
     */
    public static BufferedImage decode(byte[] bytes, String name) {
        BufferedImage img;
        try {
            img = bytes == null ? null : ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new ModelFormatException("cannot read image " + name + ": " + e.getMessage(), e);
        }
        if (img == null) {
            throw new ModelFormatException("cannot read image " + name + ": " + (bytes == null ? "no bytes"
                    : "not in a format ImageIO knows (PNG, JPEG, BMP, GIF)"));
        }
        return img;
    }

    /**
     * {@code img} (not modified) as a {@code 1 × C × H × W} FLOAT array.
     *
     * @param img the decoded image
     * @param pre the channels, size and normalisation to apply
     * @return a new FLOAT array of shape [1, C, H, W]
     */
    public static INDArray fromImage(BufferedImage img, ImagePreprocessing pre) {
        int h = img.getHeight();
        int w = img.getWidth();
        int[][] planes = planes(img, pre.channels());
        int outH = h;
        int outW = w;
        if (pre.shorterSide() > 0) {
            // torchvision's _compute_resized_output_size for an int size: the shorter side becomes N, the longer
            // side int(N · long / short)
            int n = pre.shorterSide();
            if (w <= h) {
                outW = n;
                outH = (int) (n * (long) h / w);
            } else {
                outH = n;
                outW = (int) (n * (long) w / h);
            }
        } else if (pre.height() > 0) {
            outH = pre.height();
            outW = pre.width();
        }
        if (outH != h || outW != w) {
            for (int c = 0; c < planes.length; c++) {
                planes[c] = PilResize.resize(planes[c], h, w, outH, outW);
            }
        }
        int top = 0;
        int left = 0;
        int cropH = outH;
        int cropW = outW;
        if (pre.cropHeight() > 0) {
            cropH = pre.cropHeight();
            cropW = pre.cropWidth();
            if (cropH > outH || cropW > outW) {
                throw new InvalidShapeException("a centre crop of " + cropH + "×" + cropW + " does not fit an image of "
                        + outH + "×" + outW + (outH != h || outW != w ? " (resized from " + h + "×" + w + ")" : "")
                        + "; resize to at least the crop size first");
            }
            // torchvision's center_crop: int(round((size − crop) / 2.0)), Python rounding half to even
            top = (int) Math.rint((outH - cropH) / 2.0);
            left = (int) Math.rint((outW - cropW) / 2.0);
        }
        int c = planes.length;
        float[] data = new float[c * cropH * cropW];
        for (int k = 0; k < c; k++) {
            double mean = pre.normalization().meanOf(k, c);
            double std = pre.normalization().stdOf(k, c);
            for (int y = 0; y < cropH; y++) {
                for (int x = 0; x < cropW; x++) {
                    float unit = planes[k][(y + top) * outW + x + left] / 255f; // ToTensor divides in float32
                    data[(k * cropH + y) * cropW + x] = (float) ((unit - mean) / std);
                }
            }
        }
        return Nd4j.create(data, new long[] {1, c, cropH, cropW}, 'c');
    }

    /** The image's 8-bit planes: grey samples as stored, colour as sRGB; converted to {@code channels}. */
    static int[][] planes(BufferedImage img, int channels) {
        int h = img.getHeight();
        int w = img.getWidth();
        boolean grey = img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        if (grey) {
            Raster r = img.getRaster();
            int bits = img.getColorModel().getComponentSize(0);
            int[] g = new int[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = r.getSample(x, y, 0);
                    g[y * w + x] = bits > 8 ? v >> (bits - 8) : bits < 8 ? v * 255 / ((1 << bits) - 1) : v;
                }
            }
            return channels == 1 ? new int[][] {g} : new int[][] {g, g.clone(), g.clone()};
        }
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        int[][] rgb = new int[3][h * w];
        for (int i = 0; i < argb.length; i++) {
            rgb[0][i] = argb[i] >> 16 & 0xFF;
            rgb[1][i] = argb[i] >> 8 & 0xFF;
            rgb[2][i] = argb[i] & 0xFF;
        }
        if (channels == 3) {
            return rgb;
        }
        int[] l = new int[h * w];
        for (int i = 0; i < l.length; i++) {
            l[i] = Luma.of(rgb[0][i], rgb[1][i], rgb[2][i]); // PIL's convert("L")
        }
        return new int[][] {l};
    }
}
