package org.xai4j.cam;

import org.xai4j.core.Capability;
import org.xai4j.core.model.LayeredModel;

/**
 * XGrad-CAM (Fu et al., "Axiom-based Grad-CAM: Towards Accurate Visualization and Explanation of CNNs",
 * BMVC 2020): channel weights are the gradients averaged with the activations as weights,
 * w[n,c] = Σ_ij A·∂y/∂A / (Σ_ij A + ε), ε = 10⁻⁷.
 */
public final class XGradCam extends ChannelWeightCam {
    /** Keeps the denominator away from zero (pytorch-grad-cam's value). */
    public static final double EPS = 1e-7;

    /**
     * XGrad-CAM over {@code model} with {@code config}; with no layer in {@code config}, at the model's last spatial
     * layer ({@link CamLayers#lastSpatial(org.xai4j.core.model.LayeredModel)}).
     *
     * @param model the model; the layers named in {@code config} are its nodes
     * @param config the settings, e.g. {@link CamConfig#of(String...)}
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null
     */
    public XGradCam(LayeredModel model, CamConfig config) {
        super(CamMethod.XGRAD_CAM.methodName(), model, config, Capability.LAYERS, Capability.GRADIENTS);
    }

    @Override
    protected boolean usesGradients() {
        return true;
    }

    @Override
    protected double[] channelWeights(CamContext context, LayerActivations layer) {
        int p = layer.plane();
        double[] a = layer.activation();
        double[] g = layer.gradient();
        double[] w = new double[layer.rows() * layer.channels()];
        for (int rc = 0; rc < w.length; rc++) {
            double sumA = 0;
            double sumGA = 0;
            for (int q = rc * p; q < (rc + 1) * p; q++) {
                sumA += a[q];
                sumGA += a[q] * g[q];
            }
            w[rc] = sumGA / (sumA + EPS);
        }
        return w;
    }
}
