package org.xai4j.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.target.ClassTarget;
import org.xai4j.core.target.Target;
import org.xai4j.core.XaiException;
import org.xai4j.core.image.ImageNormalization;
import org.xai4j.models.io.ImageFolder;
import org.xai4j.models.io.ImagePreprocessing;
import org.xai4j.models.io.Images;
import org.xai4j.models.io.Npy;
import org.xai4j.viz.image.ImageTensors;
import org.xai4j.viz.image.Png;

/** Reads {@code --input} (an .npy batch, an image, a folder of images or a glob) and {@code --target} options. */
final class Inputs {
    private Inputs() {
    }

    /** Whether {@code file} is an {@code .npy} batch (read as it is, whatever the model). */
    static boolean isNpy(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
    }

    /** {@link #read(Path, PredictionFunction, ImageOptions)} with the default image options (no resize, [0, 1]). */
    static INDArray read(Path file, PredictionFunction model) {
        return read(file, model, new ImageOptions());
    }

    /**
     * An .npy batch as float; or images — one file, a folder (recursively; class sub-folders as in torchvision's
     * ImageFolder) or a glob — as an N×C×H×W float batch through {@code images}' preprocessing (C from the model,
     * else 3). An image whose size differs from the model's is refused with the sizes and the option to add.
     */
    static INDArray read(Path file, PredictionFunction model, ImageOptions images) {
        String text = file.toString();
        List<Path> files;
        String from;
        if (Files.isDirectory(file)) {
            ImageFolder folder = ImageFolder.scan(file);
            files = folder.files();
            from = files.size() + " images from " + file + (folder.labelled() ? " (classes " + String.join(", ", folder.classes()) + ")" : "");
        } else if (!Files.exists(file) && ImageFolder.isGlob(text)) {
            files = ImageFolder.glob(text).files();
            from = files.size() + " images matching " + text;
        } else {
            if (!Files.isRegularFile(file)) {
                throw new UsageException("input file not found: " + file);
            }
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".npy")) {
                if (images.resizes()) {
                    throw new UsageException("--resize, --size and --crop apply to images, not to an .npy batch (" + file + ")");
                }
                INDArray x = Npy.read(file);
                return x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT);
            }
            if (!ImageFolder.isImage(file)) {
                throw new UsageException("unknown input format: " + file + " (expected .npy, an image (.png, .jpg, .bmp, .gif),"
                        + " a folder of images or a glob)");
            }
            files = List.of(file);
            from = null;
        }
        long[] row = model == null ? null : model.rowShape().orElse(null);
        int channels = ImageOptions.channelsFor(row);
        ImagePreprocessing pre = images.preprocessing(channels);
        List<INDArray> parts = new ArrayList<>();
        long[] firstSize = null;
        for (Path f : files) {
            BufferedImage img = Images.decode(f);
            INDArray t;
            try {
                t = Images.fromImage(img, pre);
            } catch (XaiException e) {
                throw new UsageException(f + ": " + e.getMessage(), e);
            }
            long[] hw = {t.size(2), t.size(3)};
            if (row != null && row.length == 3 && row[1] > 0 && row[2] > 0 && (hw[0] != row[1] || hw[1] != row[2])) {
                throw new UsageException("image " + f.getFileName() + " is " + img.getHeight() + "×" + img.getWidth()
                        + (pre.resizes() ? " (" + hw[0] + "×" + hw[1] + " after resizing)" : "") + " but the model takes "
                        + row[1] + "×" + row[2] + " images; add --size " + row[1] + "x" + row[2]
                        + " (or --resize N --crop " + row[1] + "x" + row[2] + ")");
            }
            if (firstSize == null) {
                firstSize = hw;
            } else if (firstSize[0] != hw[0] || firstSize[1] != hw[1]) {
                throw new UsageException("image " + f.getFileName() + " is " + hw[0] + "×" + hw[1] + " but " + files.get(0).getFileName()
                        + " is " + firstSize[0] + "×" + firstSize[1] + "; add --size HxW to bring them to one size");
            }
            if (from == null && pre.resizes()) {
                from = "image " + f.getFileName() + " " + img.getHeight() + "×" + img.getWidth();
            }
            parts.add(t);
        }
        if (from != null) {
            images.note("input: " + from + (pre.resizes() ? ", resized to " + firstSize[0] + "×" + firstSize[1] : ""));
        }
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    /**
     * The files {@code --input} names, keyed for output-conflict messages: the file itself, or each image of a
     * folder or glob ({@code --input DIR (its a.png)}), so no output replaces any of them.
     */
    static java.util.Map<String, Path> files(Path input) {
        java.util.Map<String, Path> out = new java.util.LinkedHashMap<>();
        List<Path> many = Files.isDirectory(input) ? ImageFolder.scan(input).files()
                : !Files.exists(input) && ImageFolder.isGlob(input.toString()) ? ImageFolder.glob(input.toString()).files() : null;
        if (many == null) {
            out.put("--input", input);
        } else {
            for (Path f : many) {
                out.put("--input " + input + " (its " + f.getFileName() + ")", f);
            }
        }
        return out;
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

    /** Row {@code i} of an image batch whose values are pixels in [0, 1] as a picture. */
    static BufferedImage picture(INDArray batch, int i) {
        return picture(batch, i, ImageNormalization.UNIT);
    }

    /**
     * Row {@code i} of an image batch as a picture (grey or RGB): the batch's {@code normalization} undone, so an
     * image read with {@code --normalize} is drawn as its pixels, not as the model's input. Values that still lie
     * outside [0, 1] after that (an .npy batch normalised another way) are scaled from their range.
     */
    static BufferedImage picture(INDArray batch, int i, ImageNormalization normalization) {
        INDArray row = batch.slice(i);
        if (row.rank() == 2) {
            row = row.reshape(1, row.size(0), row.size(1));
        }
        int channels = (int) row.size(0);
        if (normalization.fits(channels)) {
            row = normalization.invert(row.reshape(1, channels, row.size(1), row.size(2))).reshape(row.shape());
        }
        double lo = row.minNumber().doubleValue();
        double hi = row.maxNumber().doubleValue();
        double slack = 1e-3; // float rounding of (v − mean) / std and back, well under half a byte step
        if (lo < -slack || hi > 1 + slack) {
            row = row.sub(lo).div(Math.max(1e-12, hi - lo));
        }
        return ImageTensors.toImage(row, ImageNormalization.UNIT);
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
