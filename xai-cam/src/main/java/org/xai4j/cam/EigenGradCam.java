package org.xai4j.cam;

import org.xai4j.core.Capability;
import org.xai4j.core.model.LayeredModel;

/**
 * Eigen-Grad-CAM (pytorch-grad-cam's class-discriminative variant of Eigen-CAM): the first-principal-component
 * projection of the gradient-weighted activations ∂y/∂A ⊙ A. The sign convention is {@link EigenProjection}'s.
 */
public final class EigenGradCam extends AbstractCam {
    public EigenGradCam(LayeredModel model, CamConfig config) {
        super(CamMethod.EIGEN_GRAD_CAM.methodName(), model, config, Capability.LAYERS, Capability.GRADIENTS);
    }

    @Override
    protected boolean usesGradients() {
        return true;
    }

    @Override
    protected boolean alwaysProjects() {
        return true;
    }

    @Override
    protected double[] weightedActivations(CamContext context, LayerActivations layer) {
        double[] a = layer.activation();
        double[] g = layer.gradient();
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = g[i] * a[i];
        }
        return out;
    }
}
