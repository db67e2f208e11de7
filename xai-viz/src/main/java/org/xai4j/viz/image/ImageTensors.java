package org.xai4j.viz.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.image.ImageNormalization;
import org.xai4j.core.image.Luma;
import org.xai4j.core.util.Checks;

/**
 * Conversions between ND4J image tensors and {@link BufferedImage}s. Tensors are C×H×W (C = 1 or 3),
 * H×W, or the same with a leading batch axis of size 1; pixels are {@code tensor·std + mean} in [0, 1]
 * (see {@link ImageNormalization}), clipped and rounded to bytes; grey pixels are {@link Luma}. Images are opaque
 * {@link BufferedImage#TYPE_INT_RGB}; grey tensors give r = g = b. The tensor is never modified.
 */
public final class ImageTensors {
    private ImageTensors() {
    }

    /**
     * The tensor as an image, pixels in [0, 1].
     *
     * @param tensor C×H×W (C = 1 or 3), H×W, or either with a leading axis of size 1; values in [0, 1] (clipped)
     * @return an opaque RGB image of W×H pixels
     * @throws org.xai4j.core.InvalidShapeException if the tensor has another shape
     */
    public static BufferedImage toImage(INDArray tensor) {
        return toImage(tensor, ImageNormalization.UNIT);
    }

    /**
     * The tensor as an image after undoing {@code normalization}.
     *
     * @param tensor        C×H×W (C = 1 or 3), H×W, or either with a leading axis of size 1, in the model's units
     * @param normalization how the tensor was made from pixels in [0, 1]; inverted here
     * @return an opaque RGB image of W×H pixels
     * @throws org.xai4j.core.InvalidShapeException if the tensor has another shape
     */
    public static BufferedImage toImage(INDArray tensor, ImageNormalization normalization) {
        Checks.requireArray(tensor, "image tensor");
        if (normalization == null) {
            throw new InvalidConfigException("normalization must not be null");
        }
        long[] s = tensor.shape();
        int c;
        int h;
        int w;
        if (s.length == 2) {
            c = 1;
            h = (int) s[0];
            w = (int) s[1];
        } else if (s.length == 3 || s.length == 4 && s[0] == 1) {
            c = (int) s[s.length - 3];
            h = (int) s[s.length - 2];
            w = (int) s[s.length - 1];
        } else {
            throw new InvalidShapeException("image tensor: expected shape [H, W], [C, H, W] or [1, C, H, W] but got "
                    + Arrays.toString(s));
        }
        if (c != 1 && c != 3) {
            throw new InvalidShapeException("image tensor: expected 1 or 3 channels but got " + c + " (shape "
                    + Arrays.toString(s) + ")");
        }
        double[] v = org.xai4j.core.util.HostArrays.doubles(tensor);
        int plane = h * w;
        int[] rgb = new int[plane];
        for (int p = 0; p < plane; p++) {
            int packed = 0;
            for (int ch = 0; ch < 3; ch++) {
                int src = c == 1 ? 0 : ch;
                double x = v[src * plane + p];
                if (!Double.isFinite(x)) {
                    throw new NonFiniteValueException("image tensor holds " + x + " at channel " + src + ", row "
                            + p / w + ", column " + p % w);
                }
                double pixel = x * normalization.stdOf(src, c) + normalization.meanOf(src, c);
                packed = packed << 8 | toByte(pixel);
            }
            rgb[p] = packed;
        }
        return Pixels.image(w, h, rgb);
    }

    static int toByte(double unit) {
        return (int) Math.round(Math.min(1.0, Math.max(0.0, unit)) * 255.0);
    }

    /**
     * The image as a float32 tensor with pixels in [0, 1]: 3×H×W for RGB, 1×H×W for grey.
     *
     * @param image the image; any alpha channel is ignored
     * @param mode  RGB (3 channels) or grey (1 channel, luma)
     * @return a new C×H×W float32 tensor
     */
    public static INDArray toTensor(BufferedImage image, ColorMode mode) {
        return toTensor(image, mode, ImageNormalization.UNIT);
    }

    /**
     * The image as a float32 C×H×W tensor, {@code (pixel − mean)/std}.
     *
     * @param image         the image; any alpha channel is ignored
     * @param mode          RGB (3 channels) or grey (1 channel, luma)
     * @param normalization applied to pixels in [0, 1]; one value or one per channel
     * @return a new C×H×W float32 tensor in the model's units
     */
    public static INDArray toTensor(BufferedImage image, ColorMode mode, ImageNormalization normalization) {
        Pixels.requireImage(image, "image");
        if (mode == null || normalization == null) {
            throw new InvalidConfigException("colour mode and normalization must not be null");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        int c = mode == ColorMode.RGB ? 3 : 1;
        int[] rgb = Pixels.rgb(image);
        float[] out = new float[c * plane];
        for (int p = 0; p < plane; p++) {
            int r = rgb[p] >> 16 & 0xFF;
            int g = rgb[p] >> 8 & 0xFF;
            int b = rgb[p] & 0xFF;
            if (mode == ColorMode.RGB) {
                int[] ch = {r, g, b};
                for (int k = 0; k < 3; k++) {
                    out[k * plane + p] = (float) ((ch[k] / 255.0 - normalization.meanOf(k, 3)) / normalization.stdOf(k, 3));
                }
            } else {
                int luma = Luma.of(r, g, b);
                out[p] = (float) ((luma / 255.0 - normalization.meanOf(0, 1)) / normalization.stdOf(0, 1));
            }
        }
        return Nd4j.create(out, new long[] {c, h, w}, 'c');
    }
}
