package org.xai4j.cam;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Capability;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.util.HostArrays;

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
        int cin = (int) x.size(1);
        int height = (int) x.size(2);
        int width = (int) x.size(3);
        int p = height * width;
        int rowLen = cin * p;
        double[] xs = MapOps.doubles(x);
        double[] act = layer.activation();
        int bs = config.batch().maxRows();
        // float inputs: the masked batch is built in float directly (each value rounded once, as the double
        // batch's conversion did), other types in double
        boolean asFloat = x.dataType() == DataType.FLOAT;
        float[] batchF = asFloat ? new float[bs * rowLen] : null;
        double[] batch = asFloat ? null : new double[bs * rowLen];
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
                int off = layer.offset(i, k);
                plan.apply(act, off, up, 0);
                double min;
                double max;
                if (plainNonNegative(act, off, layer.plane())) {
                    // every upsampled value is a finite, non-negative combination of these: no NaN and no −0,
                    // so plain comparisons give Math.min's and Math.max's results
                    min = Double.POSITIVE_INFINITY;
                    max = Double.NEGATIVE_INFINITY;
                    for (int q = 0; q < p; q++) {
                        double v = up[q];
                        if (v < min) {
                            min = v;
                        }
                        if (v > max) {
                            max = v;
                        }
                    }
                } else {
                    min = MapOps.min(up, 0, p);
                    max = MapOps.max(up, 0, p);
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
                    if (asFloat) {
                        for (int q = 0; q < p; q++) {
                            batchF[dst + q] = (float) (xs[src + q] * mask[q]);
                        }
                    } else {
                        for (int q = 0; q < p; q++) {
                            batch[dst + q] = xs[src + q] * mask[q];
                        }
                    }
                }
                rowOf[fill] = i;
                pairOf[fill] = i * c + k;
                if (++fill == bs) {
                    score(context, batch(batchF, batch, fill * rowLen, new long[] {fill, cin, height, width}, x),
                            fill, rowOf, pairOf, scores);
                    fill = 0;
                }
            }
        }
        if (fill > 0) {
            score(context, batch(batchF, batch, fill * rowLen, new long[] {fill, cin, height, width}, x), fill, rowOf,
                    pairOf, scores);
        }
        return softmaxPerRow(scores, skipped, n, c);
    }

    /**
     * Whether {@code v[from .. from + length)} are all +0 or positive and below 10³⁰⁰ (a ReLU's output): then
     * their bilinear combinations, whose weights are +0 or positive and sum to about 1, are too, with no
     * overflow, NaN or −0.
     */
    private static boolean plainNonNegative(double[] v, int from, int length) {
        for (int q = from; q < from + length; q++) {
            if (Double.doubleToRawLongBits(v[q]) < 0 || !(v[q] < 1e300)) {
                return false;
            }
        }
        return true;
    }

    /** The first {@code length} values of the float or the double batch as an array of the input's type. */
    private static INDArray batch(float[] batchF, double[] batch, int length, long[] shape, INDArray x) {
        if (batchF != null) {
            return HostArrays.floatArray(length == batchF.length ? batchF : Arrays.copyOf(batchF, length), shape);
        }
        return MapOps.array(batch, length, shape, x.dataType());
    }

    private void score(CamContext context, INDArray b, int fill, int[] rowOf, int[] pairOf, double[] scores) {
        INDArray out = ModelCalls.predict(model, b);
        double[] s = context.target().select(Arrays.copyOf(rowOf, fill)).scoreValues(out);
        for (int j = 0; j < fill; j++) {
            scores[pairOf[j]] = s[j];
        }
        b.close(); // ours; freed now rather than by the garbage collector once the scores are copied out
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
