package org.xai4j.cam;

import org.xai4j.core.Capability;
import org.xai4j.core.model.LayeredModel;

/**
 * LayerCAM (Jiang et al., "LayerCAM: Exploring Hierarchical Class Activation Maps for Localization", IEEE
 * TIP 2021): each activation is weighted by its own positive gradient, map = Σ_c max(∂y/∂A, 0) ⊙ A.
 */
public final class LayerCam extends AbstractCam {
    public LayerCam(LayeredModel model, CamConfig config) {
        super(CamMethod.LAYER_CAM.methodName(), model, config, Capability.LAYERS, Capability.GRADIENTS);
    }

    @Override
    protected boolean usesGradients() {
        return true;
    }

    @Override
    protected double[] weightedActivations(CamContext context, LayerActivations layer) {
        double[] a = layer.activation();
        double[] g = layer.gradient();
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = g[i] > 0 ? g[i] * a[i] : 0;
        }
        return out;
    }
}
