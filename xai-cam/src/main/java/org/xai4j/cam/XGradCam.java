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
    protected double[] channelWeights(CamContext context, LayerActivations layer) {
        return layer.planeWeights((a, g, from, to) -> {
            double sumGA = 0;
            for (int q = from; q < to; q++) {
                sumGA += a[q] * g[q];
            }
            return sumGA / (MapOps.sum(a, from, to) + EPS);
        });
    }
}
