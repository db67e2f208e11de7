package org.xai4j.cam;

import org.xai4j.core.Capability;
import org.xai4j.core.model.LayeredModel;

/**
 * Grad-CAM++ (Chattopadhyay et al., "Grad-CAM++: Improved Visual Explanations for Deep Convolutional
 * Networks", WACV 2018), in the closed form of its equation 19 with the exponential score's higher
 * derivatives written through the first: with g = ∂y/∂A,
 * α = g² / (2g² + (Σ_ij A)·g³ + ε) where g ≠ 0 (0 elsewhere), w[n,c] = Σ_ij α·max(g, 0), ε = 10⁻⁶.
 */
public final class GradCamPlusPlus extends ChannelWeightCam {
    /** The stabiliser in α's denominator (pytorch-grad-cam's value). */
    public static final double EPS = 1e-6;

    /**
     * Grad-CAM++ over {@code model} with {@code config}; with no layer in {@code config}, at the model's last spatial
     * layer ({@link CamLayers#lastSpatial(org.xai4j.core.model.LayeredModel)}).
     *
     * @param model the model; the layers named in {@code config} are its nodes
     * @param config the settings, e.g. {@link CamConfig#of(String...)}
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null
     */
    public GradCamPlusPlus(LayeredModel model, CamConfig config) {
        super(CamMethod.GRAD_CAM_PLUS_PLUS.methodName(), model, config, Capability.LAYERS, Capability.GRADIENTS);
    }

    @Override
    protected double[] channelWeights(CamContext context, LayerActivations layer) {
        return layer.planeWeights((a, g, from, to) -> {
            double sumA = MapOps.sum(a, from, to);
            double s = 0;
            for (int q = from; q < to; q++) {
                double gq = g[q];
                if (gq > 0) {
                    double g2 = gq * gq;
                    s += gq * g2 / (2 * g2 + sumA * g2 * gq + EPS);
                }
            }
            return s;
        });
    }
}
