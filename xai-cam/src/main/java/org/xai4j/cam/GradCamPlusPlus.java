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
            for (int q = rc * p; q < (rc + 1) * p; q++) {
                sumA += a[q];
            }
            double s = 0;
            for (int q = rc * p; q < (rc + 1) * p; q++) {
                double gq = g[q];
                if (gq > 0) {
                    double g2 = gq * gq;
                    s += gq * g2 / (2 * g2 + sumA * g2 * gq + EPS);
                }
            }
            w[rc] = s;
        }
        return w;
    }
}
