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

    /** One masked input per row and channel whose resized activation is not constant (constant ones are skipped). */
    @Override
    protected long passesAfterLayerPass(CamContext context, LayerActivations layer) {
        INDArray x = context.input();
        int p = (int) (x.size(2) * x.size(3));
        Bilinear.Plan plan = new Bilinear.Plan(layer.height(), layer.width(), (int) x.size(2), (int) x.size(3),
                config.maskUpsampling());
        double[] up = new double[p];
        long masks = 0;
        for (int i = 0; i < layer.rows(); i++) {
            for (int k = 0; k < layer.channels(); k++) {
                plan.apply(layer.activation(), layer.offset(i, k), up, 0);
                if (MapOps.max(up, 0, p) > MapOps.min(up, 0, p)) {
                    masks++;
                }
            }
        }
        return masks;
    }

    @Override
    protected double[] channelWeights(CamContext context, LayerActivations layer) {
        INDArray x = context.input();
        int n = layer.rows();
        int c = layer.channels();
        int p = (int) (x.size(2) * x.size(3));
        // one resize plan for all channels (its index tables do not depend on the channel)
        Bilinear.Plan plan = new Bilinear.Plan(layer.height(), layer.width(), (int) x.size(2), (int) x.size(3),
                config.maskUpsampling());
        double[] up = new double[p];
        double[] mask = new double[p];
        double[] scores = new double[n * c];
        boolean[] skipped = new boolean[n * c];
        InputBatch batch = new InputBatch(x, config.batch().maxRows());
        int[] pairs = new int[config.batch().maxRows()];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                // the channel's activation, resized to the input and scaled to [0, 1], masks the input
                plan.apply(layer.activation(), layer.offset(i, k), up, 0);
                double min = MapOps.min(up, 0, p);
                double max = MapOps.max(up, 0, p);
                if (!(max > min)) {
                    skipped[i * c + k] = true;
                    continue;
                }
                for (int q = 0; q < p; q++) {
                    mask[q] = (up[q] - min) / (max - min);
                }
                pairs[batch.size()] = i * c + k;
                batch.addMasked(i, mask);
                if (batch.full()) {
                    score(context, batch, pairs, scores);
                }
            }
        }
        if (batch.size() > 0) {
            score(context, batch, pairs, scores);
        }
        return softmaxPerRow(scores, skipped, n, c);
    }

    /** The target score of each masked input of {@code batch}, into {@code scores[pairs[j]]}; empties the batch. */
    private void score(CamContext context, InputBatch batch, int[] pairs, double[] scores) {
        int[] rows = batch.sourceRows();
        try (INDArray b = batch.take()) {
            double[] s = context.target().select(rows).scoreValues(ModelCalls.predict(model, b));
            for (int j = 0; j < rows.length; j++) {
                scores[pairs[j]] = s[j];
            }
        }
    }

    private static double[] softmaxPerRow(double[] scores, boolean[] skipped, int n, int c) {
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
