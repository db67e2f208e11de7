package org.xai4j.cam;

import org.xai4j.core.Help;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithLayer;
import org.xai4j.core.Withers;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link GuidedGradCam}. The layer has no default, so start from {@link #of}, which fills in Captum's
 * {@code GuidedGradCam} defaults: the Grad-CAM map (ReLU on, not normalised) is resized to the input with
 * nearest-neighbour interpolation ({@code interpolate_mode = "nearest"}). Captum's {@code attribute_to_layer_input} is
 * not offered: name the node that produces that input instead. */
@Withers
public record GuidedGradCamConfig(
        @Help("the node whose output's Grad-CAM is taken (N×C×h×w)") String layer,
        @Help("nearest or bilinear: how the layer map reaches the input size") Interpolation interpolation,
        @Help("rows per guided-backpropagation pass") BatchPolicy batch
        ) implements WithBatch, WithLayer, GuidedGradCamConfigWithers {
    /** How the layer-resolution map reaches the input's size. */
    public enum Interpolation {
        /** Nearest neighbour: output pixel d takes source pixel ⌊d·in/out⌋ (PyTorch's {@code
         * interpolate(mode="nearest")}, Captum's default). */
        NEAREST,
        /** Bilinear with half-pixel centres ({@code interpolate(mode="bilinear", align_corners=False)}). */
        BILINEAR
    }
    /** @param layer see {@link #layer()}
     * @param interpolation see {@link #interpolation()}
     * @param batch see {@link #batch()}
     * @throws org.xai4j.core.XaiException if {@code layer} is blank, or {@code interpolation} or {@code batch} is null */
    public GuidedGradCamConfig {
        Checks.requireLayerName(layer, "guided Grad-CAM");
        Checks.requireNonNull(interpolation, "interpolation");
        Checks.requireNonNull(batch, "batch");
    }
    /** {@return Captum's defaults at {@code layer}: nearest-neighbour interpolation}
     * @param layer the node whose output (N×C×h×w) the Grad-CAM is taken at */
    public static GuidedGradCamConfig of(String layer) {
        return new GuidedGradCamConfig(layer, Interpolation.NEAREST, BatchPolicy.DEFAULT);
    }
}
