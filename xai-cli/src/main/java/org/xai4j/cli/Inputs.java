package org.xai4j.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.target.ClassTarget;
import org.xai4j.core.target.Target;
import org.xai4j.models.io.Npy;
import org.xai4j.viz.image.ColorMode;
import org.xai4j.viz.image.ImageTensors;
import org.xai4j.viz.image.Png;
import org.xai4j.viz.image.TensorNormalization;

/** Reads {@code --input} (an .npy batch or an image file) and {@code --target} options. */
final class Inputs {
    private Inputs() {
    }

    /** An .npy batch as float, or an image as a 1×C×H×W float tensor in [0, 1] (C from the model, else 3). */
    static INDArray read(Path file, PredictionFunction model) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("input file not found: " + file);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            INDArray x = Npy.read(file);
            return x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT);
        }
        if (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".bmp")) {
            BufferedImage img = readImage(file);
            long channels = model == null ? 3L : model.rowShape().map(s -> s.length == 3 ? s[0] : 3L).orElse(3L);
            ColorMode mode = channels == 1 ? ColorMode.GREY : ColorMode.RGB;
            INDArray t = ImageTensors.toTensor(img, mode, TensorNormalization.BYTE_RANGE);
            long[] s = t.shape();
            return t.reshape(1, s[0], s[1], s[2]).castTo(DataType.FLOAT);
        }
        throw new UsageException("unknown input format: " + file + " (expected .npy, .png or .jpg)");
    }

    private static BufferedImage readImage(Path file) {
        try {
            BufferedImage img = javax.imageio.ImageIO.read(file.toFile());
            if (img == null) {
                throw new UsageException("cannot decode image " + file);
            }
            return img;
        } catch (java.io.IOException e) {
            throw new UsageException("cannot read image " + file + ": " + e.getMessage(), e);
        }
    }

    /** Refuses more than one of --target, --target-index and --predicted. */
    static void requireOneTargetOption(Path targetFile, Integer index, boolean predicted) {
        int given = (targetFile != null ? 1 : 0) + (index != null ? 1 : 0) + (predicted ? 1 : 0);
        if (given > 1) {
            throw new UsageException("give at most one of --target, --target-index and --predicted");
        }
    }

    /**
     * The target from --target FILE / --target-index K / --predicted (the default). A target file holds exactly
     * one whole-number class index per input row ({@link ClassTarget#fromArray}).
     */
    static Target target(Path targetFile, Integer index, boolean predicted, long rows) {
        requireOneTargetOption(targetFile, index, predicted);
        if (index != null) {
            if (index < 0) {
                throw new UsageException("--target-index must be ≥ 0 but was " + index);
            }
            return Target.classIndex(index);
        }
        if (targetFile != null) {
            if (!Files.isRegularFile(targetFile)) {
                throw new UsageException("target file not found: " + targetFile);
            }
            try {
                return ClassTarget.fromArray(Npy.read(targetFile), "--target " + targetFile.getFileName(), rows);
            } catch (InvalidTargetException e) {
                throw new UsageException(e.getMessage(), e);
            }
        }
        return Target.predicted();
    }

    /** Row {@code i} of an image batch as a picture (grey or RGB; values scaled from [0, 1]). */
    static BufferedImage picture(INDArray batch, int i) {
        INDArray row = batch.slice(i);
        if (row.rank() == 2) {
            row = row.reshape(1, row.size(0), row.size(1));
        }
        double lo = row.minNumber().doubleValue();
        double hi = row.maxNumber().doubleValue();
        if (lo < 0 || hi > 1) {
            row = row.sub(lo).div(Math.max(1e-12, hi - lo));
        }
        return ImageTensors.toImage(row, TensorNormalization.NONE);
    }

    /** Writes a picture. */
    static void writePng(BufferedImage img, Path file) {
        Png.write(img, file);
    }

    /** An all-zero example of the model's input for one row, when the model declares a fixed shape. */
    static INDArray exampleRow(PredictionFunction model) {
        long[] row = model.rowShape().orElseThrow(() -> new UsageException(
                "the model does not declare its input shape; give --input FILE.npy"));
        long[] shape = new long[row.length + 1];
        shape[0] = 1;
        for (int i = 0; i < row.length; i++) {
            if (row[i] <= 0) {
                throw new UsageException("the model's input has free sizes; give --input FILE.npy");
            }
            shape[i + 1] = row[i];
        }
        return Nd4j.zeros(DataType.FLOAT, shape);
    }
}
