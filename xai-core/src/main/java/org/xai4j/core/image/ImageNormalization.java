package org.xai4j.core.image;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.Checks;

/**
 * How a model's input tensor relates to pixels in [0, 1] (torchvision's {@code ToTensor} then
 * {@code Normalize(mean, std)}): {@code tensor = (pixel − mean) / std} per channel. Reading an image applies it,
 * drawing a tensor inverts it ({@code pixel = tensor·std + mean}). One value of {@code mean} and {@code std}
 * applies to every channel; otherwise there is one per channel. The one place for normalisation presets in the
 * library; the CLI's {@code --normalize} names them ({@link #named}).
 *
 * <pre>{@code
 * INDArray x = ImageNormalization.IMAGENET.apply(pixels);   // N×3×H×W in [0, 1] → the model's input
 * INDArray back = ImageNormalization.IMAGENET.invert(x);     // the pixels again
 * }</pre>
 *
 * @param mean subtracted per channel from pixels in [0, 1] (one value, or one per channel; finite)
 * @param std  divided by per channel after subtracting the mean (as many values as {@code mean}; positive)
 * @serial exclude
 */
public record ImageNormalization(double[] mean, double[] std) implements Serializable {
    /** Pixels in [0, 1] as they are ({@code ToTensor} alone): mean 0, std 1. */
    public static final ImageNormalization UNIT = new ImageNormalization(new double[] {0}, new double[] {1});
    /** Pixels in [−1, 1]: {@code Normalize(0.5, 0.5)}. */
    public static final ImageNormalization SYMMETRIC = new ImageNormalization(new double[] {0.5}, new double[] {0.5});
    /** Pixels in [0, 255], as some DL4J and Keras models are trained: mean 0, std 1/255. */
    public static final ImageNormalization BYTES = new ImageNormalization(new double[] {0}, new double[] {1 / 255.0});
    /** torchvision's ImageNet statistics of RGB pixels in [0, 1]. */
    public static final ImageNormalization IMAGENET = new ImageNormalization(
            new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225});

    private static final Map<String, ImageNormalization> PRESETS = presets();

    /**
     * Validates and copies the statistics.
     *
     * @param mean subtracted per channel from pixels in [0, 1] (one value, or one per channel; finite)
     * @param std  divided by per channel (as many values as {@code mean}; positive)
     * @throws InvalidConfigException when either is missing or empty, their lengths differ, a mean is not finite or
     *                                a standard deviation is not positive and finite
     */
    public ImageNormalization {
        if (mean == null || std == null || mean.length == 0 || std.length == 0) {
            throw new InvalidConfigException("normalisation: mean and std need at least one value each but got mean "
                    + (mean == null ? "null" : Arrays.toString(mean)) + ", std " + (std == null ? "null" : Arrays.toString(std)));
        }
        if (mean.length != std.length) {
            throw new InvalidConfigException("normalisation: mean and std need the same number of values (one, or one per"
                    + " channel) but got " + mean.length + " means " + Arrays.toString(mean) + " and " + std.length
                    + " standard deviations " + Arrays.toString(std));
        }
        mean = mean.clone();
        std = std.clone();
        for (int i = 0; i < std.length; i++) {
            if (!Double.isFinite(mean[i])) {
                throw new InvalidConfigException("normalisation: mean must be finite but channel " + i + " has " + mean[i]);
            }
            if (!(std[i] > 0) || !Double.isFinite(std[i])) {
                throw new InvalidConfigException("normalisation: std must be positive and finite but channel " + i
                        + " has " + std[i]);
            }
        }
    }

    /**
     * A preset by the name the CLI's {@code --normalize} takes: {@code unit} [0, 1], {@code symmetric} [−1, 1],
     * {@code bytes} [0, 255] or {@code imagenet} (case-insensitive).
     *
     * @param name the preset's name
     * @return the preset
     * @throws InvalidConfigException listing the valid names when {@code name} is none of them
     */
    public static ImageNormalization named(String name) {
        ImageNormalization n = name == null ? null : PRESETS.get(name.trim().toLowerCase(Locale.ROOT));
        if (n == null) {
            throw new InvalidConfigException("normalisation: expected one of " + String.join(", ", names())
                    + " (or a mean and std per channel) but got '" + name + "'");
        }
        return n;
    }

    /**
     * The names {@link #named} accepts.
     *
     * @return unit, symmetric, bytes, imagenet, in that order
     */
    public static List<String> names() {
        return List.copyOf(PRESETS.keySet());
    }

    private static Map<String, ImageNormalization> presets() {
        Map<String, ImageNormalization> m = new LinkedHashMap<>();
        m.put("unit", UNIT);
        m.put("symmetric", SYMMETRIC);
        m.put("bytes", BYTES);
        m.put("imagenet", IMAGENET);
        return m;
    }

    /**
     * The means.
     *
     * @return a copy
     */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /**
     * The standard deviations.
     *
     * @return a copy
     */
    @Override
    public double[] std() {
        return std.clone();
    }

    /**
     * Whether these statistics fit images of {@code channels} channels: one value, or one per channel.
     *
     * @param channels the images' channel count
     * @return whether {@link #apply} and {@link #invert} accept such images
     */
    public boolean fits(int channels) {
        return mean.length == 1 || mean.length == channels;
    }

    /**
     * These statistics for images of {@code channels} channels: themselves where they {@link #fits fit}, else (a
     * per-channel preset such as {@link #IMAGENET} on a grey model) the first channel's values alone.
     *
     * @param channels the images' channel count, at least 1
     * @return statistics that fit {@code channels}
     */
    public ImageNormalization forChannels(int channels) {
        Checks.requireAtLeast(channels, 1, "channels");
        return fits(channels) ? this : new ImageNormalization(new double[] {mean[0]}, new double[] {std[0]});
    }

    /**
     * The mean of channel {@code channel} of an image with {@code channels} channels.
     *
     * @param channel  the channel, 0-based
     * @param channels the image's channel count
     * @return the mean subtracted from that channel
     * @throws InvalidShapeException when these statistics do not fit {@code channels}
     */
    public double meanOf(int channel, int channels) {
        return mean[index(channel, channels)];
    }

    /**
     * The standard deviation of channel {@code channel} of an image with {@code channels} channels.
     *
     * @param channel  the channel, 0-based
     * @param channels the image's channel count
     * @return the standard deviation that channel is divided by
     * @throws InvalidShapeException when these statistics do not fit {@code channels}
     */
    public double stdOf(int channel, int channels) {
        return std[index(channel, channels)];
    }

    /**
     * One pixel value as the model sees it.
     *
     * @param pixel    a value in [0, 1]
     * @param channel  its channel, 0-based
     * @param channels the image's channel count
     * @return {@code (pixel − mean) / std} with that channel's statistics
     */
    public double normalize(double pixel, int channel, int channels) {
        int i = index(channel, channels);
        return (pixel - mean[i]) / std[i];
    }

    /**
     * One tensor value as the pixel it came from.
     *
     * @param value    a value of the model's input
     * @param channel  its channel, 0-based
     * @param channels the image's channel count
     * @return {@code value·std + mean} with that channel's statistics: the pixel in [0, 1], not clipped
     */
    public double denormalize(double value, int channel, int channels) {
        int i = index(channel, channels);
        return value * std[i] + mean[i];
    }

    private int index(int channel, int channels) {
        if (!fits(channels)) {
            throw new InvalidShapeException("normalisation: " + this + " has statistics for " + mean.length
                    + " channels but the image has " + channels);
        }
        if (channel < 0 || channel >= channels) {
            throw new InvalidShapeException("normalisation: channel " + channel + " is outside 0.." + (channels - 1));
        }
        return mean.length == 1 ? 0 : channel;
    }

    /**
     * {@code (pixels − mean) / std} per channel of an N×C×H×W batch of pixels in [0, 1]; {@code pixels} is not
     * modified.
     *
     * @param pixels an N×C×H×W array
     * @return a new array of the same shape and data type
     * @throws InvalidShapeException when {@code pixels} is not of rank 4, or these statistics do not fit its C
     */
    public INDArray apply(INDArray pixels) {
        INDArray out = requireNchw(pixels, "apply").dup('c');
        int c = (int) out.size(1);
        for (int k = 0; k < c; k++) {
            channel(out, k).subi(meanOf(k, c)).divi(stdOf(k, c));
        }
        return out;
    }

    /**
     * {@code tensor·std + mean} per channel: the pixels in [0, 1] of an N×C×H×W batch this normalisation made
     * (values are not clipped); {@code tensor} is not modified.
     *
     * @param tensor an N×C×H×W array
     * @return a new array of the same shape and data type
     * @throws InvalidShapeException when {@code tensor} is not of rank 4, or these statistics do not fit its C
     */
    public INDArray invert(INDArray tensor) {
        INDArray out = requireNchw(tensor, "invert").dup('c');
        int c = (int) out.size(1);
        for (int k = 0; k < c; k++) {
            channel(out, k).muli(stdOf(k, c)).addi(meanOf(k, c));
        }
        return out;
    }

    private INDArray requireNchw(INDArray a, String method) {
        Checks.requireArray(a, "ImageNormalization." + method + " input");
        if (a.rank() != 4) {
            throw new InvalidShapeException("ImageNormalization." + method + ": expected an N×C×H×W batch (rank 4) but got"
                    + " rank " + a.rank() + ", shape " + Arrays.toString(a.shape()));
        }
        if (!fits((int) a.size(1))) {
            throw new InvalidShapeException("ImageNormalization." + method + ": " + this + " has statistics for "
                    + mean.length + " channels but the batch has " + a.size(1) + " (shape " + Arrays.toString(a.shape()) + ")");
        }
        return a;
    }

    private static INDArray channel(INDArray nchw, int k) {
        return nchw.get(NDArrayIndex.all(), NDArrayIndex.point(k), NDArrayIndex.all(), NDArrayIndex.all());
    }

    /**
     * The statistics as text.
     *
     * @return {@code mean} and {@code std}, each as {@link Arrays#toString(double[])} writes it
     */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mean", Arrays.toString(mean));
        m.put("std", Arrays.toString(std));
        return m;
    }

    /**
     * Equal statistics, value by value.
     *
     * @param o another object
     * @return whether it is an {@code ImageNormalization} with the same means and standard deviations
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ImageNormalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    /**
     * A hash of the statistics, consistent with {@link #equals}.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    /**
     * The statistics in words.
     *
     * @return the preset's name where it is one, else the means and standard deviations
     */
    @Override
    public String toString() {
        for (Map.Entry<String, ImageNormalization> e : PRESETS == null ? Map.<String, ImageNormalization>of().entrySet()
                : PRESETS.entrySet()) {
            if (e.getValue().equals(this)) {
                return "ImageNormalization[" + e.getKey() + "]";
            }
        }
        return "ImageNormalization" + toMap();
    }
}
