package org.xai4j.models.io;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.InvalidConfigException;

/**
 * How an image file becomes a model input: optional resizing to {@code height × width} (bilinear), scaling
 * of 8-bit values to [0, 1], then per-channel {@code (v − mean) / std} in RGB order.
 *
 * @param height target height, or 0 to keep the image's
 * @param width  target width, or 0 to keep the image's
 * @param mean   per-channel means (RGB) subtracted after scaling to [0, 1]
 * @param std    per-channel standard deviations (RGB) divided by
 */
public record ImagePreprocessing(int height, int width, double[] mean, double[] std) {
    /** The ImageNet statistics PyTorch's torchvision models expect, at 224 × 224. */
    public static final ImagePreprocessing IMAGENET = builder().size(224, 224)
            .mean(0.485, 0.456, 0.406).std(0.229, 0.224, 0.225).build();
    /** No resizing, values in [0, 1]. */
    public static final ImagePreprocessing UNIT = builder().build();

    public ImagePreprocessing {
        if (height < 0 || width < 0 || (height == 0) != (width == 0)) {
            throw new InvalidConfigException("height and width must both be positive (resize) or both 0 (keep), got "
                    + height + "×" + width);
        }
        if (mean == null || std == null || mean.length != 3 || std.length != 3) {
            throw new InvalidConfigException("mean and std need three (RGB) values each");
        }
        for (double s : std) {
            if (!(s > 0)) {
                throw new InvalidConfigException("std values must be positive but got " + java.util.Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** For provenance. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("height", height);
        m.put("width", width);
        m.put("mean", mean.clone());
        m.put("std", std.clone());
        return m;
    }

    /** Builds {@link ImagePreprocessing}: no resizing, mean 0, std 1 unless set. */
    public static final class Builder {
        private int height;
        private int width;
        private double[] mean = {0, 0, 0};
        private double[] std = {1, 1, 1};

        private Builder() {
        }

        public Builder size(int height, int width) {
            this.height = height;
            this.width = width;
            return this;
        }

        public Builder mean(double r, double g, double b) {
            this.mean = new double[] {r, g, b};
            return this;
        }

        public Builder std(double r, double g, double b) {
            this.std = new double[] {r, g, b};
            return this;
        }

        public ImagePreprocessing build() {
            return new ImagePreprocessing(height, width, mean, std);
        }
    }
}
