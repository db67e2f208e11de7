package org.xai4j.cam;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.ThreadSpares;

/**
 * Score-CAM's masks for one layer pass: every activation channel resized to the input and min–max scaled,
 * (up − min)/(max − min), then multiplied into every input channel. Made once per pass, both to count the masked
 * passes (a channel whose resized activation is constant has no mask) and to write the masked inputs.
 *
 * <p>The channels are resized side by side, one output row of all of them at a time ({@link Bilinear.Rows}), so that
 * the resize, the minima and maxima and the scaling run as long loops over whole arrays; a channel whose activation is
 * all zeros resizes to zeros and is left out from the start. Only the horizontal interpolations are kept between
 * counting and writing ({@code h·channels·outW} values, at most {@link #KEPT}: the small CNN's 14·32·28); a larger
 * layer resizes each masked channel again as its input is written. Every value is the same double as resizing each
 * channel with {@link Bilinear.Plan#apply}, folding {@code Math.min}/{@code max} over it and scaling it.
 */
final class ScoreCamMasks {
    /** The most horizontal interpolations kept between counting and writing: as many as a thread's spare keeps. */
    static final int KEPT = ThreadSpares.KEPT;

    private final LayerActivations layer;
    private final Bilinear.Rows resize;
    private final int outW;
    /** Where each live channel's activation starts (a channel whose activation is not all zeros, in order). */
    private final int[] offsets;
    /**
     * The work arrays, each thread's spare lent to this pass (given back by {@link #release}): the horizontal
     * interpolations ({@code h} arrays), then one output row, the mask row, each channel's minimum and range repeated
     * outW times (so that the scaling reads them at its index) and a row for the extremes.
     */
    private final double[][] work;
    /** Whether {@link #work} holds all live channels' horizontal interpolations (else each is made again). */
    private final boolean kept;
    private final double[] up;
    private final double[] mask;
    private final double[] low;
    private final double[] range;
    /** The masked channels' (row · channels + channel), and their index among the live ones. */
    private final int[] masked;
    private final int[] maskedLive;

    ScoreCamMasks(LayerActivations layer, INDArray input, Upsampling mode) {
        this(layer, input, mode, KEPT);
    }

    /** For tests: keeping the horizontal interpolations only up to {@code keep} values. */
    ScoreCamMasks(LayerActivations layer, INDArray input, Upsampling mode, int keep) {
        this.layer = layer;
        int outH = (int) input.size(2);
        this.outW = (int) input.size(3);
        this.resize = new Bilinear.Rows(new Bilinear.Plan(layer.height(), layer.width(), outH, outW, mode));
        double[] a = layer.activation();
        int planes = layer.rows() * layer.channels();
        int plane = layer.plane();
        int h = layer.height();
        int[] ids = new int[planes];
        int n = 0;
        for (int rc = 0; rc < planes; rc++) {
            if (!allZero(a, rc * plane, plane)) { // zeros resize to zeros: a constant, no mask
                ids[n++] = rc;
            }
        }
        int[] live = java.util.Arrays.copyOf(ids, n); // (row · channels + channel)
        this.offsets = new int[n];
        for (int k = 0; k < n; k++) {
            offsets[k] = live[k] * plane;
        }
        // the live channels a group at a time (all of them when their horizontal interpolations fit in keep values)
        this.kept = (long) n * h * outW <= keep;
        int group = kept ? n : Math.max(1, Math.min(n, keep / (h * outW)));
        this.work = ThreadSpares.doubleRows(h + 5, Math.max(group, 1) * outW);
        this.up = work[h];
        this.mask = work[h + 1];
        this.low = kept ? work[h + 2] : new double[n * outW];
        this.range = kept ? work[h + 3] : new double[n * outW];
        for (int from = 0; from < n; from += group) {
            int to = Math.min(n, from + group);
            resize.horizontal(a, offsets, from, to, work);
            extremes(from, to);
        }
        int count = 0;
        int[] at = new int[n];
        for (int k = 0; k < n; k++) {
            if (range[k * outW] > 0) { // max > min; NaN extremes are no mask either
                ids[count] = live[k];
                at[count++] = k;
            }
        }
        this.masked = java.util.Arrays.copyOf(ids, count);
        this.maskedLive = java.util.Arrays.copyOf(at, count);
    }

    private static boolean allZero(double[] a, int from, int length) {
        for (int q = from; q < from + length; q++) {
            if (a[q] != 0) { // NaN too
                return false;
            }
        }
        return true;
    }

    /**
     * Sets the minimum and range of live channels [from, to), whose horizontal interpolations {@link #work} holds:
     * {@code Math.min} and {@code max} folded over each output row of all of them, column by column, then over each
     * channel's columns (the same extremes as one fold over the channel's values).
     */
    private void extremes(int from, int to) {
        int width = (to - from) * outW;
        double[] lo = mask; // free until the masks are written
        double[] hi = up;
        resize.vertical(work, 0, 0, width, lo);
        System.arraycopy(lo, 0, hi, 0, width);
        double[] row = work[layer.height() + 4];
        for (int y = 1; y < resize.outH(); y++) {
            resize.vertical(work, y, 0, width, row);
            for (int j = 0; j < width; j++) {
                lo[j] = Math.min(lo[j], row[j]);
            }
            for (int j = 0; j < width; j++) {
                hi[j] = Math.max(hi[j], row[j]);
            }
        }
        for (int k = from; k < to; k++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            int b = (k - from) * outW;
            for (int x = 0; x < outW; x++) {
                min = Math.min(min, lo[b + x]);
                max = Math.max(max, hi[b + x]);
            }
            java.util.Arrays.fill(low, k * outW, (k + 1) * outW, min);
            java.util.Arrays.fill(range, k * outW, (k + 1) * outW, max - min);
        }
    }

    /** Gives the work arrays back to this thread's spare; these masks must not be read afterwards. */
    void release() {
        ThreadSpares.giveBack(work);
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
            if (kept) {
                write(0, xs, from + first, from + first + count, rowLength, chunk, 0);
            } else {
                for (int j = 0; j < count; j++) { // one channel at a time, resized again
                    int k = maskedLive[from + first + j];
                    resize.horizontal(layer.activation(), offsets, k, k + 1, work);
                    write(k, xs, from + first + j, from + first + j + 1, rowLength, chunk, j * rowLength);
                }
            }
        });
    }

    /**
     * Writes the masked inputs of masked channels [first, end) into {@code out} from {@code at}, one row each:
     * input row × (up − min)/(max − min), rounded once to the output's type. {@link #work} holds the horizontal
     * interpolations of the live channels from {@code base} on.
     */
    private void write(int base, Object xs, int first, int end, int rowLength, Object out, int at) {
        int from = (maskedLive[first] - base) * outW;
        int to = (maskedLive[end - 1] - base + 1) * outW;
        int plane = resize.outH() * outW;
        for (int y = 0; y < resize.outH(); y++) {
            resize.vertical(work, y, from, to, up);
            scale(base * outW, from, to);
            for (int i = first; i < end; i++) {
                int mb = (maskedLive[i] - base) * outW;
                int src = masked[i] / layer.channels() * rowLength + y * outW;
                int dst = at + (i - first) * rowLength + y * outW;
                for (int ch = 0; ch < rowLength; ch += plane) {
                    if (out instanceof float[] o) {
                        float[] v = (float[]) xs;
                        for (int q = 0; q < outW; q++) {
                            o[dst + ch + q] = (float) (v[src + ch + q] * mask[mb + q]);
                        }
                    } else {
                        double[] o = (double[]) out;
                        double[] v = (double[]) xs;
                        for (int q = 0; q < outW; q++) {
                            o[dst + ch + q] = v[src + ch + q] * mask[mb + q];
                        }
                    }
                }
            }
        }
    }

    /** mask[j] = (up[j] − min)/(max − min) for j in [from, to), the extremes of the live channel at lowAt + j. */
    private void scale(int lowAt, int from, int to) {
        double[] u = up;
        double[] m = mask;
        if (lowAt == 0) { // one index for every array: a loop Java 17 vectorises
            double[] lo = low;
            double[] r = range;
            for (int j = from; j < to; j++) {
                m[j] = (u[j] - lo[j]) / r[j];
            }
        } else {
            for (int j = from; j < to; j++) {
                m[j] = (u[j] - low[lowAt + j]) / range[lowAt + j];
            }
        }
    }

    /** The input's values as {@link #inputs} reads them: float[] for a FLOAT input, else double[]. */
    static Object values(INDArray x) {
        return x.dataType() == DataType.FLOAT ? HostArrays.floats(x) : HostArrays.doubles(x);
    }
}
