package org.xai4j.cli;

import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.image.ImageNormalization;
import org.xai4j.models.io.ImagePreprocessing;
import picocli.CommandLine.Option;

/**
 * How image inputs become tensors on the command line: {@code --resize}, {@code --size}, {@code --crop} and
 * {@code --normalize}, mapped onto {@link ImagePreprocessing} (torchvision's semantics) and
 * {@link ImageNormalization}'s presets. The channel count comes from the model.
 */
public final class ImageOptions {
    @Option(names = "--resize", paramLabel = "N",
            description = "images: resize so the shorter side is N pixels, keeping the aspect ratio (torchvision Resize(N))")
    Integer resize;

    @Option(names = "--size", paramLabel = "HxW", description = "images: resize to exactly H×W (e.g. 28x28)")
    String size;

    @Option(names = "--crop", paramLabel = "N|HxW", description = "images: centre crop after resizing (torchvision CenterCrop)")
    String crop;

    @Option(names = "--normalize", paramLabel = "NAME|MEANS/STDS",
            description = "images: unit [0,1] (default), symmetric [-1,1], bytes [0,255], imagenet, or e.g. 0.5,0.5,0.5/0.2,0.2,0.2")
    String normalize; // null: ImagePreprocessing.DEFAULTS' normalisation (unit)

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec spec;

    /** Tells the user, on the command's error stream, what was read and resized (nothing outside a command). */
    void note(String line) {
        if (spec != null) {
            spec.commandLine().getErr().println(line);
            spec.commandLine().getErr().flush();
        }
    }

    /**
     * The channels of a model's images: 1 where its row shape is 1×H×W, else 3 (RGB).
     *
     * @param rowShape the model's input row shape, or null when unknown
     * @return 1 for a greyscale model, otherwise 3
     */
    public static int channelsFor(long[] rowShape) {
        return rowShape != null && rowShape.length == 3 && rowShape[0] == 1 ? 1 : 3;
    }

    /**
     * Whether the user asked for any resize or crop.
     *
     * @return true if {@code --resize}, {@code --size} or {@code --crop} was given
     */
    public boolean resizes() {
        return resize != null || size != null || crop != null;
    }

    /**
     * The preprocessing for a model taking {@code channels} channels, from the resize, size, crop and
     * normalisation options.
     *
     * @param channels 1 (greyscale) or 3 (RGB)
     * @return the preprocessing images are read with
     * @throws UsageException if both {@code --resize} and {@code --size} are given or an option's value is malformed
     */
    public ImagePreprocessing preprocessing(int channels) {
        try {
            ImagePreprocessing pre = ImagePreprocessing.DEFAULTS.withChannels(channels);
            if (resize != null && size != null) {
                throw new UsageException("give --resize or --size, not both");
            }
            if (resize != null) {
                pre = pre.withShorterSide(resize);
            }
            if (size != null) {
                int[] hw = hw(size, "--size");
                pre = pre.withSize(hw[0], hw[1]);
            }
            if (crop != null) {
                int[] hw = hw(crop, "--crop");
                pre = pre.withCrop(hw[0], hw[1]);
            }
            return normalization(pre);
        } catch (InvalidConfigException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private ImagePreprocessing normalization(ImagePreprocessing pre) {
        if (normalize == null) {
            return pre; // ImagePreprocessing.DEFAULTS' normalisation
        }
        String n = normalize.trim();
        int slash = n.indexOf('/');
        if (slash < 0) {
            return pre.withNormalization(n);
        }
        return pre.withNormalization(numbers(n.substring(0, slash)), numbers(n.substring(slash + 1)));
    }

    /**
     * How {@code --normalize} relates the tensors of a model taking {@code channels} channels to pixels in [0, 1]:
     * what drawing an input batch must undo.
     *
     * @param channels 1 (greyscale) or 3 (RGB)
     * @return the normalisation of {@link #preprocessing(int)}; {@link ImageNormalization#UNIT} when the options
     *         are malformed (an {@code .npy} batch is never normalised, so nothing is undone)
     */
    public ImageNormalization normalization(int channels) {
        try {
            return preprocessing(channels).normalization();
        } catch (UsageException e) {
            return ImageNormalization.UNIT; // an .npy batch: --normalize was never applied to it
        }
    }

    private double[] numbers(String text) {
        String[] parts = text.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new UsageException("--normalize takes NAME or MEANS/STDS (e.g. 0.5,0.5,0.5/0.25,0.25,0.25) but got '"
                        + normalize + "'");
            }
        }
        return out;
    }

    private static int[] hw(String text, String option) {
        String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("[x×,]");
        try {
            if (parts.length == 1) {
                int n = Integer.parseInt(parts[0].trim());
                return new int[] {n, n};
            }
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new UsageException(option + " takes N or HxW (e.g. 224 or 28x28) but got '" + text + "'");
    }
}
