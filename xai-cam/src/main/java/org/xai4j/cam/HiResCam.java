package org.xai4j.cam;

import org.xai4j.core.Capability;
import org.xai4j.core.model.LayeredModel;

/**
 * HiResCAM (Draelos &amp; Carin, "Use HiResCAM instead of Grad-CAM for faithful explanations of
 * convolutional neural networks", 2020): the gradient multiplies the activation element-wise instead of
 * being averaged first, map = Σ_c ∂y/∂A ⊙ A.
 */
public final class HiResCam extends AbstractCam {
    /**
     * HiResCAM over {@code model} with {@code config}; with no layer in {@code config}, at the model's last spatial
     * layer ({@link CamLayers#lastSpatial(org.xai4j.core.model.LayeredModel)}).
     *
     * @param model the model; the layers named in {@code config} are its nodes
     * @param config the settings, e.g. {@link CamConfig#of(String...)}
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null
     */
    public HiResCam(LayeredModel model, CamConfig config) {
        super(CamMethod.HIRES_CAM.methodName(), model, config, Capability.LAYERS, Capability.GRADIENTS);
    }

    @Override
    protected double[] weightedActivations(CamContext context, LayerActivations layer) {
        return layer.gradientWeighted((g, a) -> g * a);
    }
}
