package org.xai4j.cam;

import org.xai4j.core.Capability;
import org.xai4j.core.model.LayeredModel;

/**
 * Grad-CAM (Selvaraju et al., "Grad-CAM: Visual Explanations from Deep Networks via Gradient-based
 * Localization", ICCV 2017): channel weights are the spatial means of the target score's gradient,
 * w[n,c] = (1/hw) Σ_ij ∂y/∂A[n,c,i,j].
 */
public final class GradCam extends ChannelWeightCam {
    /**
     * Grad-CAM over {@code model} with {@code config}; with no layer in {@code config}, at the model's last spatial
     * layer ({@link CamLayers#lastSpatial(org.xai4j.core.model.LayeredModel)}).
     *
     * @param model the model; the layers named in {@code config} are its nodes
     * @param config the settings, e.g. {@link CamConfig#of(String...)}
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null
     */
    public GradCam(LayeredModel model, CamConfig config) {
        super(CamMethod.GRAD_CAM.methodName(), model, config, Capability.LAYERS, Capability.GRADIENTS);
    }

    @Override
    protected double[] channelWeights(CamContext context, LayerActivations layer) {
        return layer.planeWeights((a, g, from, to) -> MapOps.sum(g, from, to) / (to - from));
    }
}
