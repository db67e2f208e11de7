package org.xai4j.cam;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Capability;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.model.ModelCalls;

/**
 * Score-CAM (Wang et al., "Score-CAM: Score-Weighted Visual Explanations for Convolutional Neural
 * Networks", CVPR workshops 2020), as pytorch-grad-cam defines it. Each activation channel A[n,c] is resized
 * bilinearly to the input ({@link CamConfig#maskUpsampling()}, corner-aligned by default), min–max scaled
 * to [0, 1] and multiplied into the input (all input channels); the target score y[n,c] of each masked input
 * is one forward pass, run {@link CamConfig#batch()} masked inputs per model call. The weights are the
 * softmax over channels, w[n,·] = softmax(y[n,·]).
 *
 * <p>A channel whose resized activation is constant has no mask (its scaling is 0/0): it is skipped and
 * gets weight 0, as in the Score-CAM authors' code.
 */
public final class ScoreCam extends ChannelWeightCam {
    /** The masks the last count made, used by the weighting of the same pass (another pass makes its own). */
    private volatile ScoreCamMasks counted;

    /**
     * Score-CAM over {@code model} with {@code config}; with no layer in {@code config}, at the model's last spatial
     * layer ({@link CamLayers#lastSpatial(org.xai4j.core.model.LayeredModel)}).
     *
     * @param model the model; the layers named in {@code config} are its nodes
     * @param config the settings, e.g. {@link CamConfig#of(String...)}
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null
     */
    public ScoreCam(LayeredModel model, CamConfig config) {
        super(CamMethod.SCORE_CAM.methodName(), model, config, Capability.LAYERS);
    }

    @Override
    protected boolean needsImageInput() {
        return true;
    }

    @Override
    protected boolean costKnownAfterLayerPass() {
        return true;
    }

    /**
     * One masked input per row and channel whose resized activation is not constant (constant ones are skipped). The
     * masks made to count them are kept for {@link #channelWeights} of the same pass.
     */
    @Override
    protected long passesAfterLayerPass(CamContext context, LayerActivations layer) {
        ScoreCamMasks m = new ScoreCamMasks(layer, context.input(), config.maskUpsampling());
        counted = m;
        return m.masked().length;
    }

    @Override
    protected double[] channelWeights(CamContext context, LayerActivations layer) {
        ScoreCamMasks m = counted;
        if (m == null || !m.of(layer)) { // another call's, or another layer's: made again
            m = new ScoreCamMasks(layer, context.input(), config.maskUpsampling());
        }
        counted = null;
        INDArray x = context.input();
        Object xs = ScoreCamMasks.values(x);
        int[] masked = m.masked();
        double[] scores = new double[layer.rows() * layer.channels()];
        int per = config.batch().maxRows();
        for (int from = 0; from < masked.length; from += per) {
            int to = Math.min(masked.length, from + per);
            // the input × each channel's mask, one forward per masked input
            int[] rows = new int[to - from];
            for (int j = 0; j < rows.length; j++) {
                rows[j] = masked[from + j] / layer.channels();
            }
            try (INDArray b = m.inputs(x, xs, from, to)) {
                double[] s = context.target().select(rows).scoreValues(ModelCalls.predict(model, b));
                for (int j = 0; j < rows.length; j++) {
                    scores[masked[from + j]] = s[j];
                }
            }
        }
        m.release();
        return softmaxPerRow(scores, masked, layer.rows(), layer.channels());
    }

    /** Softmax over each row's masked channels; the others get weight 0. */
    private static double[] softmaxPerRow(double[] scores, int[] masked, int n, int c) {
        boolean[] skipped = new boolean[n * c];
        java.util.Arrays.fill(skipped, true);
        for (int rc : masked) {
            skipped[rc] = false;
        }
        double[] w = new double[n * c];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                if (!skipped[i * c + k]) {
                    max = Math.max(max, scores[i * c + k]);
                }
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                if (!skipped[i * c + k]) {
                    w[i * c + k] = Math.exp(scores[i * c + k] - max);
                    sum += w[i * c + k];
                }
            }
            for (int k = 0; k < c && sum > 0; k++) {
                w[i * c + k] /= sum;
            }
        }
        return w;
    }
}
