package org.xai4j.cam;

import org.xai4j.core.Capability;
import org.xai4j.core.model.LayeredModel;

/**
 * A CAM whose map is a weighted sum of activation channels, Σ_c w[n,c]·A[n,c]: the method is its
 * {@link #channelWeights} (pytorch-grad-cam's {@code get_cam_weights}).
 */
public abstract class ChannelWeightCam extends AbstractCam {
    /**
     * For subclasses: a CAM called {@code name} over {@code model}.
     *
     * @param name the method's kebab-case name, recorded in provenance
     * @param model the model
     * @param config the settings; with no layer, the model's last spatial layer is used
     * @param capabilities what the method needs of the model
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null
     */
    protected ChannelWeightCam(String name, LayeredModel model, CamConfig config, Capability... capabilities) {
        super(name, model, config, capabilities);
    }

    /**
     * One weight per row and channel, N×C flat ({@code w[n·C + c]}).
     *
     * @param context the input, the resolved target and the model output
     * @param layer   the layer's activation (and gradient)
     * @return a new array of N·C weights
     */
    protected abstract double[] channelWeights(CamContext context, LayerActivations layer);

    @Override
    protected final double[] weightedActivations(CamContext context, LayerActivations layer) {
        return layer.scaleChannels(channelWeights(context, layer));
    }

    /** Σ_c w[n,c]·A[n,c] straight from the weights, without the scaled N×C×h×w copy (the same sums). */
    @Override
    protected final double[] weightedChannelSum(CamContext context, LayerActivations layer) {
        return layer.weightedChannelSum(channelWeights(context, layer));
    }
}
