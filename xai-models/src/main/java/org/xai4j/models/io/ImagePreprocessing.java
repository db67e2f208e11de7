package org.xai4j.models.io;

import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.image.ImageNormalization;
import org.xai4j.core.util.Checks;

/**
 * How an image file becomes a model input — the one place for resizing, cropping and channels, with
 * torchvision's semantics so a model trained in PyTorch sees what it saw in training:
 * <ol>
 *   <li>channels: 3 (RGB; a grey image is repeated, an alpha channel dropped — PIL's {@code convert("RGB")}, what
 *       torchvision's {@code ImageFolder} loader does) or 1 (PIL's {@code convert("L")}:
 *       {@link org.xai4j.core.image.Luma});</li>
 *   <li>resize, at most one of: the shorter side to {@code shorterSide} keeping the aspect ratio
 *       ({@code Resize(N)}), or exactly {@code height × width} ({@code Resize((H, W))}) — bilinear, computed as
 *       Pillow computes it ({@link PilResize});</li>
 *   <li>a centre crop to {@code cropHeight × cropWidth} ({@code CenterCrop}, same rounding of the offset);</li>
 *   <li>pixels scaled to [0, 1] ({@code ToTensor}), then an {@link ImageNormalization} ({@code Normalize}).</li>
 * </ol>
 * Start from {@link #DEFAULTS} (no resize, RGB, [0, 1]) or a preset and change it with the {@code with…} methods.
 *
 * @param shorterSide   resize so the shorter side has this many pixels (0: no)
 * @param height        resize to exactly this height (with {@code width}; 0: no)
 * @param width         resize to exactly this width (with {@code height}; 0: no)
 * @param cropHeight    centre-crop height after resizing (with {@code cropWidth}; 0: no)
 * @param cropWidth     centre-crop width after resizing (0: no)
 * @param channels      1 (grey) or 3 (RGB)
 * @param normalization how pixels in [0, 1] become the model's input (one value, or one per channel)
 * @serial exclude
 */
public record ImagePreprocessing(
        @Help("resize so the shorter side has N pixels, keeping the aspect ratio (torchvision Resize(N)); 0: no") int shorterSide,
        @Help("resize to exactly this height (with width); 0: no") int height,
        @Help("resize to exactly this width (with height); 0: no") int width,
        @Help("centre crop height after resizing (torchvision CenterCrop); 0: no") int cropHeight,
        @Help("centre crop width after resizing; 0: no") int cropWidth,
        @Help("1 grey (PIL's luma) or 3 RGB") int channels,
        @Help("(pixel in [0, 1] − mean) / std per channel") ImageNormalization normalization)
        implements java.io.Serializable {

    /** No resize, no crop, RGB, pixels in [0, 1] (torchvision's {@code ToTensor}). */
    public static final ImagePreprocessing DEFAULTS = new ImagePreprocessing(0, 0, 0, 0, 0, 3, ImageNormalization.UNIT);
    /** Pixels in [0, 1]: the defaults. */
    public static final ImagePreprocessing UNIT = DEFAULTS;
    /** Pixels in [−1, 1] ({@link ImageNormalization#SYMMETRIC}). */
    public static final ImagePreprocessing SYMMETRIC = DEFAULTS.withNormalization(ImageNormalization.SYMMETRIC);
    /** Pixels in [0, 255] ({@link ImageNormalization#BYTES}), as some DL4J and Keras models are trained. */
    public static final ImagePreprocessing BYTES = DEFAULTS.withNormalization(ImageNormalization.BYTES);
    /**
     * torchvision's ImageNet classification preset: {@code Resize(256)}, {@code CenterCrop(224)},
     * {@link ImageNormalization#IMAGENET}.
     */
    public static final ImagePreprocessing IMAGENET = DEFAULTS.withShorterSide(256).withCrop(224, 224)
            .withNormalization(ImageNormalization.IMAGENET);

    /**
     * Validates the sizes, the channel count and that the normalisation fits the channels.
     *
     * @param shorterSide   resize so the shorter side has this many pixels; 0: no; not with {@code height}
     * @param height        resize to exactly this height; 0 together with {@code width}: no
     * @param width         resize to exactly this width; 0 together with {@code height}: no
     * @param cropHeight    centre-crop height after resizing; 0 together with {@code cropWidth}: no
     * @param cropWidth     centre-crop width after resizing; 0 together with {@code cropHeight}: no
     * @param channels      1 (grey) or 3 (RGB)
     * @param normalization one mean and std, or one per channel; not null
     * @throws InvalidConfigException naming the values given
     */
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
        Checks.requireNonNull(normalization, "normalization");
        if (!normalization.fits(channels)) {
            throw new InvalidConfigException("normalisation: mean and std need one value, or one per channel (" + channels
                    + "), but got " + normalization.mean().length + " (" + normalization + ")");
        }
    }

    /**
     * Resize so the shorter side has {@code n} pixels (and no exact size).
     *
     * @param n the shorter side's length after resizing, in pixels; 0: no resize
     * @return a copy with this resize and any exact size removed; crop, channels and normalisation kept
     * @throws InvalidConfigException if {@code n} is negative
     */
    public ImagePreprocessing withShorterSide(int n) {
        return new ImagePreprocessing(n, 0, 0, cropHeight, cropWidth, channels, normalization);
    }

    /**
     * Resize to exactly {@code height × width} (and no shorter-side resize).
     *
     * @param height the height after resizing, in pixels; 0 with {@code width}: no resize
     * @param width  the width after resizing, in pixels; 0 with {@code height}: no resize
     * @return a copy with this size and any shorter-side resize removed; crop, channels and normalisation kept
     * @throws InvalidConfigException if a size is negative or only one of them is 0
     */
    public ImagePreprocessing withSize(int height, int width) {
        return new ImagePreprocessing(0, height, width, cropHeight, cropWidth, channels, normalization);
    }

    /**
     * Centre-crop to {@code height × width} after resizing.
     *
     * @param height the crop's height in pixels; 0 with {@code width}: no crop
     * @param width  the crop's width in pixels; 0 with {@code height}: no crop
     * @return a copy with this crop, the rest kept
     * @throws InvalidConfigException if a size is negative or only one of them is 0
     */
    public ImagePreprocessing withCrop(int height, int width) {
        return new ImagePreprocessing(shorterSide, this.height, this.width, height, width, channels, normalization);
    }

    /**
     * 1 (grey) or 3 (RGB) channels; a per-channel normalisation of another length becomes its first value.
     *
     * @param channels 1 (grey, PIL's luma) or 3 (RGB)
     * @return a copy with this channel count and the normalisation fitted to it
     * @throws InvalidConfigException if {@code channels} is neither 1 nor 3
     */
    public ImagePreprocessing withChannels(int channels) {
        return new ImagePreprocessing(shorterSide, height, width, cropHeight, cropWidth, channels,
                normalization.forChannels(channels));
    }

    /**
     * {@code (v − mean) / std} per channel after scaling to [0, 1].
     *
     * @param mean subtracted from pixels in [0, 1]: one value, or one per channel; finite
     * @param std  divided by after subtracting: as many values as {@code mean}; positive
     * @return a copy with this normalisation
     * @throws InvalidConfigException if the lengths differ or do not fit the channels, or a value is out of range
     */
    public ImagePreprocessing withNormalization(double[] mean, double[] std) {
        return withNormalization(new ImageNormalization(mean, std));
    }

    /**
     * {@code normalization} after scaling to [0, 1].
     *
     * @param normalization the normalisation; not null
     * @return a copy with this normalisation
     * @throws InvalidConfigException when it has per-channel values for another channel count
     */
    public ImagePreprocessing withNormalization(ImageNormalization normalization) {
        return new ImagePreprocessing(shorterSide, height, width, cropHeight, cropWidth, channels, normalization);
    }

    /**
     * A named normalisation ({@link ImageNormalization#named}): unit, symmetric, bytes or imagenet; a per-channel
     * preset on a grey image uses its first channel's values.
     *
     * @param name a preset's name, as {@link ImageNormalization#named} accepts it
     * @return a copy with that preset's normalisation
     * @throws InvalidConfigException if no preset has this name
     */
    public ImagePreprocessing withNormalization(String name) {
        return withNormalization(ImageNormalization.named(name).forChannels(channels));
    }

    /**
     * Whether any resize or crop is set.
     *
     * @return true when a shorter-side resize, an exact size or a crop is set
     */
    public boolean resizes() {
        return shorterSide > 0 || height > 0 || cropHeight > 0;
    }

    /**
     * A one-line summary for logs and provenance, e.g.
     * {@code ImagePreprocessing[resize shorter side 256, crop 224×224, channels 3, normalization {...}]}.
     *
     * @return the summary
     */
    @Override
    public String toString() {
        return "ImagePreprocessing[resize " + (shorterSide > 0 ? "shorter side " + shorterSide
                : height > 0 ? height + "×" + width : "none") + ", crop " + (cropHeight > 0 ? cropHeight + "×" + cropWidth : "none")
                + ", channels " + channels + ", normalization " + normalization.toMap() + "]";
    }
}
