package org.xai4j.cam;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.ThreadSpares;

/**
 * Score-CAM's masks for one layer pass: every activation channel resized to the input, with its minimum and maximum.
 * Made once, both to count the masked passes (a channel whose resized activation is constant has no mask) and to
 * write the masked inputs, (x − 0)·(up − min)/(max − min) per input channel. The resized planes are kept when they
 * take at most {@link #KEPT} values (the small CNN's 64 channels of 28×28: 50,176); a larger layer (ResNet-18's 512
 * channels at 224²: 25.7 million) keeps only the minima and maxima and resizes each channel again as its masked input
 * is written.
 */
final class ScoreCamMasks {
    /** The most resized values kept between counting and writing (8 MiB of doubles): as many as a thread's spare keeps. */
    static final int KEPT = ThreadSpares.KEPT;

    private final LayerActivations layer;
    private final Bilinear.Plan plan;
    private final int plane;
    /** Every channel's resized activation, (row, channel)-major; null when too large to keep. */
    private final double[] resized;
    private final double[] min;
    private final double[] max;
    /** A resized plane when they are not kept. */
    private final double[] up;
    /** One channel's mask, (up − min)/(max − min). */
    private final double[] mask;
    private final int[] masked;

    ScoreCamMasks(LayerActivations layer, INDArray input, Upsampling mode) {
        this(layer, input, mode, KEPT);
    }

    /** For tests: keeping the resized planes only up to {@code kept} values. */
    ScoreCamMasks(LayerActivations layer, INDArray input, Upsampling mode, int kept) {
        this.layer = layer;
        int outH = (int) input.size(2);
        int outW = (int) input.size(3);
        this.plan = new Bilinear.Plan(layer.height(), layer.width(), outH, outW, mode);
        this.plane = outH * outW;
        int planes = layer.rows() * layer.channels();
        boolean keep = (long) planes * plane <= kept;
        // the thread's spare (ThreadSpares), given back by release(): a new 400 KB per call cost more than resizing
        this.resized = keep ? ThreadSpares.doubles(planes * plane) : null;
        this.up = keep ? null : new double[plane];
        this.mask = new double[plane];
        this.min = new double[planes];
        this.max = new double[planes];
        int[] ids = new int[planes];
        int count = 0;
        double[] extremes = new double[2];
        for (int rc = 0; rc < planes; rc++) {
            double[] dst = keep ? resized : up;
            int at = keep ? rc * plane : 0;
            plan.apply(layer.activation(), rc * layer.plane(), dst, at);
            MapOps.minMax(dst, at, plane, extremes);
            min[rc] = extremes[0];
            max[rc] = extremes[1];
            if (max[rc] > min[rc]) {
                ids[count++] = rc;
            }
        }
        this.masked = java.util.Arrays.copyOf(ids, count);
    }

    /** Gives the resized planes' buffer back to this thread's spare; these masks must not be read afterwards. */
    void release() {
        if (resized != null) {
            ThreadSpares.giveBack(resized);
        }
    }

    /** Whether these are the masks of {@code other}'s pass (the same activation array). */
    boolean of(LayerActivations other) {
        return other.activation() == layer.activation();
    }

    /**
     * The (row · channels + channel) of every channel with a mask, in order.
     *
     * @return the masked channels; those left out have a constant resized activation
     */
    int[] masked() {
        return masked;
    }

    /**
     * The masked inputs of channels {@code masked()[from .. to)}, one row each, in the input's data type.
     *
     * @param x the input, N×C×H×W
     * @param xs the input's values (float[] for a FLOAT input, else double[])
     * @return a new array of {@code to − from} rows
     */
    INDArray inputs(INDArray x, Object xs, int from, int to) {
        long[] shape = x.shape().clone();
        shape[0] = to - from;
        int rowLength = (int) (x.length() / x.size(0));
        return HostArrays.filledByRows(shape, x.dataType(), (chunk, first, count) -> {
            for (int j = 0; j < count; j++) {
                write(xs, masked[from + first + j], rowLength, chunk, j * rowLength);
            }
        });
    }

    /** Writes input row × mask of channel {@code rc} into {@code out} at {@code at}, rounded once to its type. */
    private void write(Object xs, int rc, int rowLength, Object out, int at) {
        double[] u = resized;
        int uo = rc * plane;
        if (u == null) {
            plan.apply(layer.activation(), rc * layer.plane(), up, 0);
            u = up;
            uo = 0;
        }
        double lo = min[rc];
        double range = max[rc] - lo;
        for (int q = 0; q < plane; q++) { // a loop of its own, so that the divisions run side by side
            mask[q] = (u[uo + q] - lo) / range;
        }
        int src = rc / layer.channels() * rowLength;
        for (int start = 0; start < rowLength; start += plane) {
            if (out instanceof float[] o) {
                float[] v = (float[]) xs;
                for (int q = 0; q < plane; q++) {
                    o[at + start + q] = (float) (v[src + start + q] * mask[q]);
                }
            } else {
                double[] o = (double[]) out;
                double[] v = (double[]) xs;
                for (int q = 0; q < plane; q++) {
                    o[at + start + q] = v[src + start + q] * mask[q];
                }
            }
        }
    }

    /** The input's values as {@link #inputs} reads them: float[] for a FLOAT input, else double[]. */
    static Object values(INDArray x) {
        return x.dataType() == DataType.FLOAT ? HostArrays.floats(x) : HostArrays.doubles(x);
    }
}
