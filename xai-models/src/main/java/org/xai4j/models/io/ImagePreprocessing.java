package org.xai4j.models.io;

import java.util.Arrays;
import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;

/**
 * How an image file becomes a model input — the one place for resizing, cropping, channels and normalisation,
 * with torchvision's semantics so a model trained in PyTorch sees what it saw in training:
 * <ol>
 *   <li>channels: 3 (RGB; a grey image is repeated, an alpha channel dropped — PIL's {@code convert("RGB")}, what
 *       torchvision's {@code ImageFolder} loader does) or 1 (PIL's {@code convert("L")}: ITU-R 601-2 luma);</li>
 *   <li>resize, at most one of: the shorter side to {@code shorterSide} keeping the aspect ratio
 *       ({@code Resize(N)}), or exactly {@code height × width} ({@code Resize((H, W))}) — bilinear, computed as
 *       Pillow computes it ({@link PilResize});</li>
 *   <li>a centre crop to {@code cropHeight × cropWidth} ({@code CenterCrop}, same rounding of the offset);</li>
 *   <li>pixels scaled to [0, 1] ({@code ToTensor}), then {@code (v − mean) / std} per channel ({@code Normalize};
 *       one value applies to every channel).</li>
 * </ol>
 * Start from {@link #DEFAULTS} (no resize, RGB, [0, 1]) or a preset and change it with the {@code with…} methods.
 *
 * @param shorterSide resize so the shorter side has this many pixels (0: no)
 * @param height      resize to exactly this height (with {@code width}; 0: no)
 * @param width       resize to exactly this width (with {@code height}; 0: no)
 * @param cropHeight  centre-crop height after resizing (with {@code cropWidth}; 0: no)
 * @param cropWidth   centre-crop width after resizing (0: no)
 * @param channels    1 (grey) or 3 (RGB)
 * @param mean        subtracted per channel after scaling to [0, 1] (one value, or one per channel)
 * @param std         divided by per channel (one value, or one per channel; positive)
 */
public record ImagePreprocessing(
        @Help("resize so the shorter side has N pixels, keeping the aspect ratio (torchvision Resize(N)); 0: no") int shorterSide,
        @Help("resize to exactly this height (with width); 0: no") int height,
        @Help("resize to exactly this width (with height); 0: no") int width,
        @Help("centre crop height after resizing (torchvision CenterCrop); 0: no") int cropHeight,
        @Help("centre crop width after resizing; 0: no") int cropWidth,
        @Help("1 grey (PIL's luma) or 3 RGB") int channels,
        @Help("subtracted per channel after scaling pixels to [0, 1]") double[] mean,
        @Help("divided by per channel") double[] std) implements java.io.Serializable {

    /** No resize, no crop, RGB, pixels in [0, 1] (torchvision's {@code ToTensor}). */
    public static final ImagePreprocessing DEFAULTS = new ImagePreprocessing(0, 0, 0, 0, 0, 3, new double[] {0}, new double[] {1});
    /** Pixels in [0, 1]: the defaults. */
    public static final ImagePreprocessing UNIT = DEFAULTS;
    /** Pixels in [−1, 1] ({@code Normalize(0.5, 0.5)}). */
    public static final ImagePreprocessing SYMMETRIC = DEFAULTS.withNormalization(new double[] {0.5}, new double[] {0.5});
    /** Pixels in [0, 255], as some DL4J and Keras models are trained. */
    public static final ImagePreprocessing BYTES = DEFAULTS.withNormalization(new double[] {0}, new double[] {1 / 255.0});
    /**
     * torchvision's ImageNet classification preset: {@code Resize(256)}, {@code CenterCrop(224)}, ImageNet mean and
     * standard deviation.
     */
    public static final ImagePreprocessing IMAGENET = DEFAULTS.withShorterSide(256).withCrop(224, 224)
            .withNormalization(new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225});

    public ImagePreprocessing {
        if (shorterSide < 0 || height < 0 || width < 0 || cropHeight < 0 || cropWidth < 0) {
            throw new InvalidConfigException("image sizes must be ≥ 0 (0: keep) but got resize " + shorterSide + ", size "
                    + height + "×" + width + ", crop " + cropHeight + "×" + cropWidth);
        }
        if ((height == 0) != (width == 0)) {
            throw new InvalidConfigException("a resize to an exact size needs both height and width but got "
                    + height + "×" + width);
        }
        if ((cropHeight == 0) != (cropWidth == 0)) {
            throw new InvalidConfigException("a centre crop needs both height and width but got " + cropHeight + "×" + cropWidth);
        }
        if (shorterSide > 0 && height > 0) {
            throw new InvalidConfigException("give either a shorter-side resize (" + shorterSide + ") or an exact size ("
                    + height + "×" + width + "), not both");
        }
        if (channels != 1 && channels != 3) {
            throw new InvalidConfigException("channels must be 1 (grey) or 3 (RGB) but was " + channels);
        }
        if (mean == null || std == null || mean.length == 0 || mean.length != std.length
                || (mean.length != 1 && mean.length != channels)) {
            throw new InvalidConfigException("mean and std need one value, or one per channel (" + channels + "), but got "
                    + (mean == null ? "none" : mean.length) + " and " + (std == null ? "none" : std.length));
        }
        mean = mean.clone();
        std = std.clone();
        for (int i = 0; i < std.length; i++) {
            if (!(std[i] > 0) || !Double.isFinite(std[i]) || !Double.isFinite(mean[i])) {
                throw new InvalidConfigException("std values must be positive and means finite but got mean "
                        + Arrays.toString(mean) + ", std " + Arrays.toString(std));
            }
        }
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    /** The mean of channel {@code c}. */
    double meanOf(int c) {
        return mean[mean.length == 1 ? 0 : c];
    }

    /** The standard deviation of channel {@code c}. */
    double stdOf(int c) {
        return std[std.length == 1 ? 0 : c];
    }

    /** Resize so the shorter side has {@code n} pixels (and no exact size). */
    public ImagePreprocessing withShorterSide(int n) {
        return new ImagePreprocessing(n, 0, 0, cropHeight, cropWidth, channels, mean, std);
    }

    /** Resize to exactly {@code height × width} (and no shorter-side resize). */
    public ImagePreprocessing withSize(int height, int width) {
        return new ImagePreprocessing(0, height, width, cropHeight, cropWidth, channels, mean, std);
    }

    /** Centre-crop to {@code height × width} after resizing. */
    public ImagePreprocessing withCrop(int height, int width) {
        return new ImagePreprocessing(shorterSide, this.height, this.width, height, width, channels, mean, std);
    }

    /** 1 (grey) or 3 (RGB) channels; a per-channel normalisation of the wrong length becomes its first value. */
    public ImagePreprocessing withChannels(int channels) {
        double[] m = mean.length == 1 || mean.length == channels ? mean : new double[] {mean[0]};
        double[] s = std.length == 1 || std.length == channels ? std : new double[] {std[0]};
        return new ImagePreprocessing(shorterSide, height, width, cropHeight, cropWidth, channels, m, s);
    }

    /** {@code (v − mean) / std} per channel after scaling to [0, 1]. */
    public ImagePreprocessing withNormalization(double[] mean, double[] std) {
        return new ImagePreprocessing(shorterSide, height, width, cropHeight, cropWidth, channels, mean, std);
    }

    /** A named normalisation: {@code unit} [0, 1], {@code symmetric} [−1, 1], {@code bytes} [0, 255], {@code imagenet}. */
    public ImagePreprocessing withNormalization(String name) {
        ImagePreprocessing preset = switch (name == null ? "" : name) {
            case "unit" -> UNIT;
            case "symmetric" -> SYMMETRIC;
            case "bytes" -> BYTES;
            case "imagenet" -> IMAGENET;
            default -> throw new InvalidConfigException("normalisation must be unit, symmetric, bytes or imagenet but was '"
                    + name + "'");
        };
        return withChannels(preset.channels).withNormalization(preset.mean, preset.std).withChannels(channels);
    }

    /** Whether any resize or crop is set. */
    public boolean resizes() {
        return shorterSide > 0 || height > 0 || cropHeight > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImagePreprocessing p && shorterSide == p.shorterSide && height == p.height && width == p.width
                && cropHeight == p.cropHeight && cropWidth == p.cropWidth && channels == p.channels
                && Arrays.equals(mean, p.mean) && Arrays.equals(std, p.std);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new double[] {shorterSide, height, width, cropHeight, cropWidth, channels})
                * 31 + Arrays.hashCode(mean) * 17 + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "ImagePreprocessing[resize " + (shorterSide > 0 ? "shorter side " + shorterSide
                : height > 0 ? height + "×" + width : "none") + ", crop " + (cropHeight > 0 ? cropHeight + "×" + cropWidth : "none")
                + ", channels " + channels + ", mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std) + "]";
    }
}
