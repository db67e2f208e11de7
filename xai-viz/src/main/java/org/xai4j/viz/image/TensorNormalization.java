package org.xai4j.viz.image;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.InvalidConfigException;

/**
 * How model-input tensors relate to pixels: {@code tensor = (pixel − mean) / std} per channel, with
 * pixels in [0, 1]. Drawing a tensor undoes it ({@code pixel = tensor·std + mean}); reading an image
 * applies it. A single mean/std applies to every channel.
 *
 * @param mean per-channel means (length 1 or the channel count)
 * @param std  per-channel standard deviations, all positive
 */
public record TensorNormalization(double[] mean, double[] std) {
    /** Tensors already hold pixels in [0, 1]. */
    public static final TensorNormalization NONE = new TensorNormalization(new double[] {0}, new double[] {1});
    /** Tensors hold pixels in [0, 255]. */
    public static final TensorNormalization BYTE_RANGE = new TensorNormalization(new double[] {0}, new double[] {1 / 255.0});
    /** torchvision's ImageNet statistics (RGB). */
    public static final TensorNormalization IMAGENET = new TensorNormalization(
            new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225});

    public TensorNormalization {
        if (mean == null || std == null || mean.length == 0 || mean.length != std.length) {
            throw new InvalidConfigException("mean and std need the same non-zero length but got "
                    + (mean == null ? "null" : mean.length) + " and " + (std == null ? "null" : std.length));
        }
        mean = mean.clone();
        std = std.clone();
        for (int i = 0; i < std.length; i++) {
            if (!(std[i] > 0) || !Double.isFinite(std[i]) || !Double.isFinite(mean[i])) {
                throw new InvalidConfigException("std must be positive and mean finite but channel " + i + " has mean "
                        + mean[i] + ", std " + std[i]);
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

    double meanOf(int channel, int channels) {
        return mean[index(channel, channels)];
    }

    double stdOf(int channel, int channels) {
        return std[index(channel, channels)];
    }

    private int index(int channel, int channels) {
        if (mean.length == 1) {
            return 0;
        }
        if (mean.length != channels) {
            throw new InvalidConfigException("normalisation has " + mean.length + " channel statistics but the image has "
                    + channels + " channels");
        }
        return channel;
    }

    /** The settings as text. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mean", Arrays.toString(mean));
        m.put("std", Arrays.toString(std));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorNormalization t && Arrays.equals(mean, t.mean) && Arrays.equals(std, t.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "TensorNormalization" + toMap();
    }
}
