package org.xai4j.cam;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.WithBatch;
import org.xai4j.core.Withers;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings shared by every CAM method. Start from {@link #of}, which fills in pytorch-grad-cam's defaults: ReLU on,
 * per-image min–max normalisation on, output bilinearly resized to the input with half-pixel centres, no smoothing, 16
 * masked forwards per call (Score-CAM's batch size). Several layers are aggregated as pytorch-grad-cam does (per-layer
 * maps, then the mean, see {@link AbstractCam}). No layer (an empty list) means the model's last spatial layer ({@link
 * CamLayers#lastSpatial}), chosen when the explainer is made and recorded in its provenance. */
@Withers
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
        Upsampling maskUpsampling) implements WithBatch, CamConfigWithers {
    /** Checks the settings and copies {@code layers}.
     * @param layers see {@link #layers()}
     * @param relu see {@link #relu()}
     * @param resolution see {@link #resolution()}
     * @param upsampling see {@link #upsampling()}
     * @param normalize see {@link #normalize()}
     * @param eigenSmooth see {@link #eigenSmooth()}
     * @param augSmooth see {@link #augSmooth()}
     * @param batch see {@link #batch()}
     * @param maskUpsampling see {@link #maskUpsampling()}
     * @throws InvalidConfigException if a component is null or {@code layers} has a blank or repeated name */
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
    /** {@return pytorch-grad-cam's defaults at {@code layers}, as the class comment lists them}
     * @param layers the layer names, in aggregation order; none for the model's last spatial layer */
    public static CamConfig of(String... layers) {
        return new CamConfig(layers == null ? null : List.of(layers), true, Resolution.INPUT, Upsampling.HALF_PIXEL,
                true, false, false, BatchPolicy.ofRows(16), Upsampling.ALIGN_CORNERS);
    }
    /** {@return a copy with {@code layers} replaced}
     * @param layers the layer names, in aggregation order; none for the model's last spatial layer */
    public CamConfig withLayers(String... layers) { return withLayers(layers == null ? null : List.of(layers)); }
}
