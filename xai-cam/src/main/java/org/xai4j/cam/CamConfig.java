package org.xai4j.cam;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.InvalidConfigException;

/**
 * Settings shared by every CAM method. Defaults follow pytorch-grad-cam: ReLU on, per-image min–max
 * normalisation on, output bilinearly resized to the input with half-pixel centres, no smoothing.
 *
 * @param layers         the layers (graph nodes) to take maps at, in order; several are aggregated as
 *                       pytorch-grad-cam does (per-layer maps, then the mean, see {@link AbstractCam})
 * @param relu           clip negative map values to zero (per layer and after aggregation)
 * @param resolution     return maps on the layer's grid or resized to the input's
 * @param upsampling     the bilinear convention for resizing maps to the input ({@link Resolution#INPUT})
 * @param normalize      per-image min–max normalisation: {@code (m − min) / (max − min + 1e-7)}
 * @param eigenSmooth    replace the channel sum of the weighted activations by their projection on the first
 *                       principal component (pytorch-grad-cam's {@code eigen_smooth})
 * @param augSmooth      average the maps of six augmented inputs: horizontal flip or not × scaling by 0.9,
 *                       1.0, 1.1 (pytorch-grad-cam's {@code aug_smooth}), each map flipped back
 * @param batchSize      rows per model call for the masked/ablated forwards of Score-CAM and Ablation-CAM
 * @param maskUpsampling the bilinear convention Score-CAM uses to resize activations into input masks
 */
public record CamConfig(List<String> layers, boolean relu, Resolution resolution, Upsampling upsampling,
                        boolean normalize, boolean eigenSmooth, boolean augSmooth, int batchSize,
                        Upsampling maskUpsampling) implements ExplainerConfig {

    /** Rows per masked forward by default (pytorch-grad-cam's Score-CAM uses 16). */
    public static final int DEFAULT_BATCH_SIZE = 16;

    public CamConfig {
        if (layers == null || layers.isEmpty()) {
            throw new InvalidConfigException("a CAM needs at least one target layer");
        }
        Set<String> seen = new HashSet<>();
        for (String l : layers) {
            if (l == null || l.isBlank()) {
                throw new InvalidConfigException("layer names must not be blank but got " + layers);
            }
            if (!seen.add(l)) {
                throw new InvalidConfigException("layer '" + l + "' is listed twice in " + layers);
            }
        }
        layers = List.copyOf(layers);
        if (resolution == null || upsampling == null || maskUpsampling == null) {
            throw new InvalidConfigException("resolution, upsampling and maskUpsampling must not be null");
        }
        if (batchSize < 1) {
            throw new InvalidConfigException("batchSize must be at least 1 but was " + batchSize);
        }
    }

    /** Defaults at the given layers. */
    public static CamConfig of(String... layers) {
        return builder().layers(layers).build();
    }

    /** A builder with the defaults; {@link Builder#layers} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.layers = new ArrayList<>(layers);
        b.relu = relu;
        b.resolution = resolution;
        b.upsampling = upsampling;
        b.normalize = normalize;
        b.eigenSmooth = eigenSmooth;
        b.augSmooth = augSmooth;
        b.batchSize = batchSize;
        b.maskUpsampling = maskUpsampling;
        return b;
    }

    /** These settings at other layers. */
    public CamConfig withLayers(String... layers) {
        return toBuilder().layers(layers).build();
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("layers", String.join(",", layers));
        m.put("relu", Boolean.toString(relu));
        m.put("resolution", resolution.name());
        m.put("upsampling", upsampling.name());
        m.put("normalize", Boolean.toString(normalize));
        m.put("eigenSmooth", Boolean.toString(eigenSmooth));
        m.put("augSmooth", Boolean.toString(augSmooth));
        m.put("batchSize", Integer.toString(batchSize));
        m.put("maskUpsampling", maskUpsampling.name());
        return m;
    }

    /** Builder with pytorch-grad-cam's defaults. */
    public static final class Builder {
        private List<String> layers = List.of();
        private boolean relu = true;
        private Resolution resolution = Resolution.INPUT;
        private Upsampling upsampling = Upsampling.HALF_PIXEL;
        private boolean normalize = true;
        private boolean eigenSmooth = false;
        private boolean augSmooth = false;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Upsampling maskUpsampling = Upsampling.ALIGN_CORNERS;

        private Builder() {
        }

        /** The target layers (required). */
        public Builder layers(String... layers) {
            this.layers = layers == null ? null : List.of(layers);
            return this;
        }

        /** The target layers (required). */
        public Builder layers(List<String> layers) {
            this.layers = layers == null ? null : new ArrayList<>(layers);
            return this;
        }

        /** Clip negative values (default true). */
        public Builder relu(boolean relu) {
            this.relu = relu;
            return this;
        }

        /** Output grid (default {@link Resolution#INPUT}). */
        public Builder resolution(Resolution resolution) {
            this.resolution = resolution;
            return this;
        }

        /** Bilinear convention of the output resize (default {@link Upsampling#HALF_PIXEL}). */
        public Builder upsampling(Upsampling upsampling) {
            this.upsampling = upsampling;
            return this;
        }

        /** Per-image min–max normalisation (default true). */
        public Builder normalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /** First-principal-component projection instead of the channel sum (default false). */
        public Builder eigenSmooth(boolean eigenSmooth) {
            this.eigenSmooth = eigenSmooth;
            return this;
        }

        /** Test-time augmentation smoothing (default false). */
        public Builder augSmooth(boolean augSmooth) {
            this.augSmooth = augSmooth;
            return this;
        }

        /** Rows per masked forward for Score-CAM and Ablation-CAM (default 16). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Bilinear convention of Score-CAM's masks (default {@link Upsampling#ALIGN_CORNERS}). */
        public Builder maskUpsampling(Upsampling maskUpsampling) {
            this.maskUpsampling = maskUpsampling;
            return this;
        }

        public CamConfig build() {
            return new CamConfig(layers, relu, resolution, upsampling, normalize, eigenSmooth, augSmooth, batchSize,
                    maskUpsampling);
        }
    }
}
