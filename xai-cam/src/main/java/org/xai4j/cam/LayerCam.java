package org.xai4j.cam;

import org.xai4j.core.Capability;
import org.xai4j.core.model.LayeredModel;

/**
 * LayerCAM (Jiang et al., "LayerCAM: Exploring Hierarchical Class Activation Maps for Localization", IEEE
 * TIP 2021): each activation is weighted by its own positive gradient, map = Σ_c max(∂y/∂A, 0) ⊙ A.
 */
public final class LayerCam extends AbstractCam {
    /**
     * LayerCAM over {@code model} with {@code config}; with no layer in {@code config}, at the model's last spatial
     * layer ({@link CamLayers#lastSpatial(org.xai4j.core.model.LayeredModel)}).
     *
     * @param model the model; the layers named in {@code config} are its nodes
     * @param config the settings, e.g. {@link CamConfig#of(String...)}
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null
     */
    public LayerCam(LayeredModel model, CamConfig config) {
        super(CamMethod.LAYER_CAM.methodName(), model, config, Capability.LAYERS, Capability.GRADIENTS);
    }

    @Override
    protected double[] weightedActivations(CamContext context, LayerActivations layer) {
        return layer.gradientWeighted((g, a) -> g > 0 ? g * a : 0);
    }
}
