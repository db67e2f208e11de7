package org.xai4j.cam;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.util.BatchPolicy;

/**
 * Settings of {@link GuidedGradCam}. Defaults follow Captum's {@code GuidedGradCam}: the Grad-CAM map (ReLU on,
 * not normalised) is resized to the input with nearest-neighbour interpolation ({@code interpolate_mode =
 * "nearest"}). Captum's {@code attribute_to_layer_input} (the layer's input instead of its output) is not
 * offered: name the node that produces that input instead.
 *
 * @param layer         the node whose output's Grad-CAM is taken (N×C×h×w)
 * @param interpolation how the h×w map is resized to the input's H×W
 * @param batchPolicy   how many rows one guided-backpropagation pass takes
 */
public record GuidedGradCamConfig(String layer, Interpolation interpolation, BatchPolicy batchPolicy)
        implements ExplainerConfig {

    /** How the layer-resolution map reaches the input's size. */
    public enum Interpolation {
        /**
         * Nearest neighbour: output pixel d takes source pixel ⌊d·in/out⌋ (PyTorch's
         * {@code interpolate(mode="nearest")}, Captum's default).
         */
        NEAREST,
        /** Bilinear with half-pixel centres ({@code interpolate(mode="bilinear", align_corners=False)}). */
        BILINEAR
    }

    public GuidedGradCamConfig {
        if (layer == null || layer.isBlank()) {
            throw new InvalidConfigException("guided Grad-CAM needs a layer name but got '" + layer + "'");
        }
        if (interpolation == null) {
            throw new InvalidConfigException("interpolation must not be null");
        }
        if (batchPolicy == null) {
            throw new InvalidConfigException("batchPolicy must not be null");
        }
    }

    /** Captum's defaults at {@code layer}. */
    public static GuidedGradCamConfig at(String layer) {
        return builder(layer).build();
    }

    /** A builder with Captum's defaults at {@code layer}. */
    public static Builder builder(String layer) {
        return new Builder(layer);
    }

    /** These settings at another layer. */
    public GuidedGradCamConfig withLayer(String other) {
        return new GuidedGradCamConfig(other, interpolation, batchPolicy);
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("layer", layer);
        m.put("interpolation", interpolation.name());
        m.put("batchRows", Integer.toString(batchPolicy.maxRows()));
        m.put("batchMemoryBytes", Long.toString(batchPolicy.memoryBudgetBytes()));
        return m;
    }

    /** Builder with Captum's defaults. */
    public static final class Builder {
        private final String layer;
        private Interpolation interpolation = Interpolation.NEAREST;
        private BatchPolicy batchPolicy = BatchPolicy.DEFAULT;

        private Builder(String layer) {
            this.layer = layer;
        }

        /** Map resizing (default {@link Interpolation#NEAREST}). */
        public Builder interpolation(Interpolation interpolation) {
            this.interpolation = interpolation;
            return this;
        }

        public Builder batchPolicy(BatchPolicy batchPolicy) {
            this.batchPolicy = batchPolicy;
            return this;
        }

        public GuidedGradCamConfig build() {
            return new GuidedGradCamConfig(layer, interpolation, batchPolicy);
        }
    }
}
