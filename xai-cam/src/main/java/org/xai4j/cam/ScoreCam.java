package org.xai4j.cam;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Capability;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.model.ModelCalls;

/**
 * Score-CAM (Wang et al., "Score-CAM: Score-Weighted Visual Explanations for Convolutional Neural
 * Networks", CVPR workshops 2020), as pytorch-grad-cam defines it. Each activation channel A[n,c] is resized
 * bilinearly to the input ({@link CamConfig#maskUpsampling()}, corner-aligned by default), min–max scaled
 * to [0, 1] and multiplied into the input (all input channels); the target score y[n,c] of each masked input
 * is one forward pass, run {@link CamConfig#batchSize()} masked inputs per model call. The weights are the
 * softmax over channels, w[n,·] = softmax(y[n,·]).
 *
 * <p>A channel whose resized activation is constant has no mask (its scaling is 0/0): it is skipped and
 * gets weight 0, as in the Score-CAM authors' code.
 */
public final class ScoreCam extends ChannelWeightCam {
    public ScoreCam(LayeredModel model, CamConfig config) {
        super("score-cam", model, config, Capability.LAYERS);
    }

    @Override
    protected boolean usesGradients() {
        return false;
    }

    @Override
    protected boolean needsImageInput() {
        return true;
    }

    @Override
    protected double[] channelWeights(CamContext context, LayerActivations layer) {
        INDArray x = context.input();
        int n = layer.rows();
        int c = layer.channels();
        int cin = (int) x.size(1);
        int height = (int) x.size(2);
        int width = (int) x.size(3);
        int p = height * width;
        int rowLen = cin * p;
        double[] xs = MapOps.doubles(x);
        double[] act = layer.activation();
        int bs = config.batchSize();
        double[] batch = new double[bs * rowLen];
        int[] rowOf = new int[bs];
        int[] pairOf = new int[bs];
        double[] scores = new double[n * c];
        boolean[] skipped = new boolean[n * c];
        // one resize plan and two plane buffers for all channels (the index tables do not depend on the channel)
        Bilinear.Plan plan = new Bilinear.Plan(layer.height(), layer.width(), height, width, config.maskUpsampling());
        double[] up = new double[p];
        double[] mask = new double[p];
        int fill = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                plan.apply(act, layer.offset(i, k), up, 0);
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int q = 0; q < p; q++) {
                    double v = up[q];
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                if (!(max > min)) {
                    skipped[i * c + k] = true;
                    continue;
                }
                double range = max - min;
                for (int q = 0; q < p; q++) {
                    mask[q] = (up[q] - min) / range;
                }
                int base = fill * rowLen;
                for (int ci = 0; ci < cin; ci++) {
                    int src = (i * cin + ci) * p;
                    int dst = base + ci * p;
                    for (int q = 0; q < p; q++) {
                        batch[dst + q] = xs[src + q] * mask[q];
                    }
                }
                rowOf[fill] = i;
                pairOf[fill] = i * c + k;
                if (++fill == bs) {
                    score(context, batch, fill, rowOf, pairOf, scores, new long[] {fill, cin, height, width});
                    fill = 0;
                }
            }
        }
        if (fill > 0) {
            score(context, batch, fill, rowOf, pairOf, scores, new long[] {fill, cin, height, width});
        }
        return softmaxPerRow(scores, skipped, n, c);
    }

    private void score(CamContext context, double[] batch, int fill, int[] rowOf, int[] pairOf, double[] scores,
                       long[] shape) {
        int len = batch.length / rowOf.length * fill;
        INDArray b = MapOps.array(batch, len, shape, context.input().dataType());
        INDArray out = ModelCalls.predict(model, b);
        double[] s = TargetScores.of(context.target().select(Arrays.copyOf(rowOf, fill)), out);
        for (int j = 0; j < fill; j++) {
            scores[pairOf[j]] = s[j];
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
