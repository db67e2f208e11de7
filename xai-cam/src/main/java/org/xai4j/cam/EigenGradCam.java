package org.xai4j.cam;

import org.xai4j.core.Capability;
import org.xai4j.core.model.LayeredModel;

/**
 * Eigen-Grad-CAM (pytorch-grad-cam's class-discriminative variant of Eigen-CAM): the first-principal-component
 * projection of the gradient-weighted activations ∂y/∂A ⊙ A. The sign convention is {@link EigenProjection}'s.
 */
public final class EigenGradCam extends AbstractCam {
    /**
     * Eigen-Grad-CAM over {@code model} with {@code config}; with no layer in {@code config}, at the model's last
     * spatial layer ({@link CamLayers#lastSpatial(org.xai4j.core.model.LayeredModel)}).
     *
     * @param model the model; the layers named in {@code config} are its nodes
     * @param config the settings, e.g. {@link CamConfig#of(String...)}
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null
     */
    public EigenGradCam(LayeredModel model, CamConfig config) {
        super(CamMethod.EIGEN_GRAD_CAM.methodName(), model, config, Capability.LAYERS, Capability.GRADIENTS);
    }

    @Override
    protected boolean alwaysProjects() {
        return true;
    }

    @Override
    protected double[] weightedActivations(CamContext context, LayerActivations layer) {
        return layer.gradientWeighted((g, a) -> g * a);
    }
}
