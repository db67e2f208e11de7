package org.xai4j.examples.shortcut;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.cam.CamConfig;
import org.xai4j.cam.CamContext;
import org.xai4j.cam.ChannelWeightCam;
import org.xai4j.cam.GradCam;
import org.xai4j.cam.LayerActivations;
import org.xai4j.core.Capability;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.model.LayeredModel;

/**
 * Grad-CAM weighted by a channel-attention block (report R5's "Grad-CAM weighted by attention"): the map is
 * {@code ReLU(Σ_c s[n,c] · α[n,c] · A[n,c])}, where α are Grad-CAM's channel weights (the spatial mean of the
 * target's gradient, {@link GradCam}) at the layer A that feeds a squeeze-and-excitation block, and s its sigmoid
 * gate for the same image (Hu et al. 2018): channels the attention block turns down count less in the map.
 * Everything else (ReLU, normalisation, resizing) is {@link ChannelWeightCam}'s, as for Grad-CAM.
 */
public final class AttentionGradCam extends ChannelWeightCam {
    private final String gate;

    /**
     * @param model  the model
     * @param config Grad-CAM's settings; its layer must be the attention block's input
     * @param gate   the layer holding the block's channel weights (N × C, C the layer's channels)
     */
    public AttentionGradCam(LayeredModel model, CamConfig config, String gate) {
        super("attention-grad-cam", model, config, Capability.LAYERS, Capability.GRADIENTS);
        this.gate = gate;
    }

    @Override
    protected double[] channelWeights(CamContext context, LayerActivations layer) {
        INDArray s = model.activations(context.input(), List.of(gate)).get(gate).castTo(DataType.DOUBLE);
        if (s.rank() != 2 || s.size(0) != layer.rows() || s.size(1) != layer.channels()) {
            throw new InvalidShapeException("attention-grad-cam: gate '" + gate + "' has shape "
                    + java.util.Arrays.toString(s.shape()) + " but layer '" + layer.layer() + "' has "
                    + layer.rows() + " rows of " + layer.channels() + " channels");
        }
        double[] gv = s.dup('c').data().asDouble();
        int p = layer.plane();
        double[] g = layer.gradient();
        double[] w = new double[layer.rows() * layer.channels()];
        for (int rc = 0; rc < w.length; rc++) {
            double sum = 0;
            for (int q = rc * p; q < (rc + 1) * p; q++) {
                sum += g[q];
            }
            w[rc] = gv[rc] * sum / p;
        }
        return w;
    }
}
