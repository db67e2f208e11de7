package org.xai4j.models.io;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.ModelFormatException;

/** Loads PNG/JPEG (anything {@link ImageIO} reads) into normalised NCHW float tensors, RGB channel order. */
public final class Images {
    private Images() {
    }

    /** One image as a {@code 1 × 3 × H × W} FLOAT array. */
    public static INDArray read(Path path, ImagePreprocessing pre) {
        BufferedImage img;
        try {
            img = Files.isRegularFile(path) ? ImageIO.read(path.toFile()) : null;
        } catch (IOException e) {
            throw new ModelFormatException("cannot read image " + path + ": " + e.getMessage(), e);
        }
        if (img == null) {
            throw new ModelFormatException("cannot read image " + path + ": not a file in a format ImageIO knows"
                    + " (PNG, JPEG, BMP, GIF)");
        }
        return fromImage(img, pre);
    }

    /** Several images of the same size after preprocessing, stacked into {@code N × 3 × H × W}. */
    public static INDArray readAll(List<Path> paths, ImagePreprocessing pre) {
        INDArray[] parts = paths.stream().map(p -> read(p, pre)).toArray(INDArray[]::new);
        for (int i = 1; i < parts.length; i++) {
            if (!java.util.Arrays.equals(parts[i].shape(), parts[0].shape())) {
                throw new InvalidShapeException("image " + paths.get(i) + " has shape "
                        + java.util.Arrays.toString(parts[i].shape()) + " but " + paths.get(0) + " has "
                        + java.util.Arrays.toString(parts[0].shape()) + "; set a size in ImagePreprocessing");
            }
        }
        return Nd4j.concat(0, parts);
    }

    /** {@code img} (not modified) as a {@code 1 × 3 × H × W} FLOAT array. */
    public static INDArray fromImage(BufferedImage img, ImagePreprocessing pre) {
        BufferedImage src = img;
        if (pre.height() > 0 && (img.getHeight() != pre.height() || img.getWidth() != pre.width())) {
            BufferedImage scaled = new BufferedImage(pre.width(), pre.height(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scaled.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, pre.width(), pre.height(), null);
            g.dispose();
            src = scaled;
        }
        int h = src.getHeight();
        int w = src.getWidth();
        int[] rgb = src.getRGB(0, 0, w, h, null, 0, w);
        float[] data = new float[3 * h * w];
        double[] mean = pre.mean();
        double[] std = pre.std();
        for (int i = 0; i < h * w; i++) {
            int p = rgb[i];
            int[] c = {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
            for (int k = 0; k < 3; k++) {
                data[k * h * w + i] = (float) ((c[k] / 255.0 - mean[k]) / std[k]);
            }
        }
        return Nd4j.create(data, new long[] {1, 3, h, w}, 'c').castTo(DataType.FLOAT);
    }
}
