package org.xai4j.cam;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings shared by every CAM method. Start from {@link #of}, which fills in pytorch-grad-cam's defaults: ReLU on, per-image min–max normalisation on, output bilinearly resized to
 * the input with half-pixel centres, no smoothing, 16 masked forwards per call (Score-CAM's batch size).
 * Several layers are aggregated as pytorch-grad-cam does (per-layer maps, then the mean, see
 * {@link AbstractCam}). No layer (an empty list) means the model's last spatial layer
 * ({@link CamLayers#lastSpatial}), chosen when the explainer is made and recorded in its provenance.
 */
public record CamConfig(
        @Help("the layers (graph nodes) to take maps at, in order; none: the last spatial layer") List<String> layers,
        @Help("clip negative map values to zero (per layer and after aggregation)") boolean relu,
        @Help("input (resized to the input) or layer (the layer's grid)") Resolution resolution,
        @Help("the bilinear convention for resizing maps to the input") Upsampling upsampling,
        @Help("per-image min-max normalisation: (m - min) / (max - min + 1e-7)") boolean normalize,
        @Help("first principal component of the weighted activations instead of their channel sum "
                + "(pytorch-grad-cam's eigen_smooth)") boolean eigenSmooth,
        @Help("average the maps of six augmented inputs: flip or not × scale 0.9, 1.0, 1.1 (aug_smooth)")
        boolean augSmooth,
        @Help("masked forwards per call (Score-CAM, Ablation-CAM)") BatchPolicy batch,
        @Help("the bilinear convention Score-CAM uses to resize activations into input masks")
        Upsampling maskUpsampling) implements ExplainerConfig {
    /**
     * Checks the settings and copies {@code layers}.
     *
     * @param layers the layers to take maps at, in order; empty for the model's last spatial layer
     * @param relu whether to clip negative map values to zero (per layer and after aggregation)
     * @param resolution whether maps are resized to the input or kept on the layer's grid
     * @param upsampling the bilinear convention for resizing maps to the input
     * @param normalize whether each image's map is min–max normalised to [0, 1]
     * @param eigenSmooth whether to take the first principal component of the weighted activations instead of their
     *     channel sum
     * @param augSmooth whether to average the maps of six augmented inputs (flip or not × scale 0.9, 1.0, 1.1)
     * @param batch how many masked forwards go into one model call (Score-CAM, Ablation-CAM)
     * @param maskUpsampling the bilinear convention Score-CAM uses to resize activations into input masks
     * @throws InvalidConfigException if {@code layers} is null, has a blank or repeated name, or another component is
     *     null
     */
    public CamConfig {
        if (layers == null) {
            throw new InvalidConfigException("layers must not be null; give none for the last spatial layer");
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
        Checks.requireNonNull(batch, "batch");
    }

    /**
     * pytorch-grad-cam's defaults at the given layers; with none, at the model's last spatial layer.
     *
     * @param layers the layer names, in aggregation order; none for the model's last spatial layer
     * @return the settings: ReLU on, min–max normalisation on, half-pixel bilinear resizing to the input, no
     *     smoothing, 16 masked forwards per call, align-corners mask resizing
     * @throws InvalidConfigException if a name is blank or repeated, or {@code layers} is a null array
     */
    public static CamConfig of(String... layers) {
        return new CamConfig(layers == null ? null : List.of(layers), true, Resolution.INPUT, Upsampling.HALF_PIXEL,
                true, false, false, BatchPolicy.ofRows(16), Upsampling.ALIGN_CORNERS);
    }

    /**
     * These settings at other layers.
     *
     * @param layers the layer names, in aggregation order; none for the model's last spatial layer
     * @return a copy of these settings with {@code layers} replaced
     * @throws InvalidConfigException if a name is blank or repeated, or {@code layers} is a null array
     */
    public CamConfig withLayers(String... layers) {
        return withLayers(layers == null ? null : List.of(layers));
    }
    /**
     * These settings at other layers.
     *
     * @param layers the layer names, in aggregation order; empty for the model's last spatial layer
     * @return a copy of these settings with {@code layers} replaced
     * @throws InvalidConfigException if {@code layers} is null or a name is blank or repeated
     */
    public CamConfig withLayers(List<String> layers) {
        return new CamConfig(layers, relu, resolution, upsampling, normalize, eigenSmooth, augSmooth, batch, maskUpsampling);
    }
    /**
     * These settings with ReLU on or off.
     *
     * @param relu whether to clip negative map values to zero
     * @return a copy of these settings with {@code relu} replaced
     */
    public CamConfig withRelu(boolean relu) {
        return new CamConfig(layers, relu, resolution, upsampling, normalize, eigenSmooth, augSmooth, batch, maskUpsampling);
    }
    /**
     * These settings at another resolution.
     *
     * @param resolution {@link Resolution#INPUT} to resize maps to the input, {@link Resolution#LAYER} to keep the
     *     layer's grid; not null
     * @return a copy of these settings with {@code resolution} replaced
     * @throws InvalidConfigException if {@code resolution} is null
     */
    public CamConfig withResolution(Resolution resolution) {
        return new CamConfig(layers, relu, resolution, upsampling, normalize, eigenSmooth, augSmooth, batch, maskUpsampling);
    }
    /**
     * These settings with another resizing convention.
     *
     * @param upsampling the bilinear convention for resizing maps to the input; not null
     * @return a copy of these settings with {@code upsampling} replaced
     * @throws InvalidConfigException if {@code upsampling} is null
     */
    public CamConfig withUpsampling(Upsampling upsampling) {
        return new CamConfig(layers, relu, resolution, upsampling, normalize, eigenSmooth, augSmooth, batch, maskUpsampling);
    }
    /**
     * These settings with normalisation on or off.
     *
     * @param normalize whether each image's map is min–max normalised to [0, 1]
     * @return a copy of these settings with {@code normalize} replaced
     */
    public CamConfig withNormalize(boolean normalize) {
        return new CamConfig(layers, relu, resolution, upsampling, normalize, eigenSmooth, augSmooth, batch, maskUpsampling);
    }
    /**
     * These settings with eigen-smoothing on or off.
     *
     * @param eigenSmooth whether the map is the first principal component of the weighted activations
     * @return a copy of these settings with {@code eigenSmooth} replaced
     */
    public CamConfig withEigenSmooth(boolean eigenSmooth) {
        return new CamConfig(layers, relu, resolution, upsampling, normalize, eigenSmooth, augSmooth, batch, maskUpsampling);
    }
    /**
     * These settings with augmentation smoothing on or off.
     *
     * @param augSmooth whether to average the maps of six flipped and scaled inputs (six times the model passes)
     * @return a copy of these settings with {@code augSmooth} replaced
     */
    public CamConfig withAugSmooth(boolean augSmooth) {
        return new CamConfig(layers, relu, resolution, upsampling, normalize, eigenSmooth, augSmooth, batch, maskUpsampling);
    }
    /**
     * These settings with another batch size for masked forwards.
     *
     * @param batch how many masked inputs go into one model call; not null
     * @return a copy of these settings with {@code batch} replaced
     */
    public CamConfig withBatch(BatchPolicy batch) {
        return new CamConfig(layers, relu, resolution, upsampling, normalize, eigenSmooth, augSmooth, batch, maskUpsampling);
    }
    /**
     * These settings with another mask resizing convention.
     *
     * @param maskUpsampling the bilinear convention Score-CAM uses to resize activations into input masks; not null
     * @return a copy of these settings with {@code maskUpsampling} replaced
     * @throws InvalidConfigException if {@code maskUpsampling} is null
     */
    public CamConfig withMaskUpsampling(Upsampling maskUpsampling) {
        return new CamConfig(layers, relu, resolution, upsampling, normalize, eigenSmooth, augSmooth, batch, maskUpsampling);
    }
}
