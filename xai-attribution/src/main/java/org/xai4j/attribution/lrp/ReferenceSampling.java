package org.xai4j.attribution.lrp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.target.Target;

/**
 * Relevance maximisation (Achtibat et al. 2023; zennit-crp's {@code FeatureVisualization} in its default
 * "relevance" mode): over a data set, the rows in which a channel of {@link Crp}'s layer receives the most
 * relevance — what shows what a concept <em>is</em>. A row's score for channel c is its relevance at the layer
 * summed over positions, divided by the sum of the absolute scores of all the layer's channels in that row
 * (zennit-crp's {@code max_target="sum"}, {@code abs_norm=True}), each row explained for its own target (zennit-crp
 * uses the data set's labels). For each reference the result holds its CRP map (the input relevance conditioned on
 * the channel) and the box of input positions where that map is strongest.
 */
public final class ReferenceSampling {
    /**
     * One reference of a channel.
     *
     * @param channel   the channel of the layer
     * @param row       the data row
     * @param relevance the row's normalised score for the channel
     * @param map       the CRP map of the row conditioned on the channel (the input row's shape)
     * @param box       {@code {top, left, bottom, right}} (bottom and right exclusive) of the input positions whose
     *                  absolute map, summed over input channels, reaches {@link #BOX_FRACTION} of its maximum
     */
    public record Reference(int channel, int row, double relevance, INDArray map, int[] box) {
    }

    /** The fraction of a map's peak that bounds the reference box. */
    public static final double BOX_FRACTION = 0.1;

    private ReferenceSampling() {
    }

    /**
     * The normalised channel scores of every row: N × C_L (zennit-crp's {@code reference_sampling} target before
     * sorting).
     *
     * @param crp    the CRP explainer whose layer is scored
     * @param data   the data set, N × (the model's input row shape)
     * @param target the class each row is explained for (e.g. "predicted" or the rows' labels)
     * @return a new N × C_L array of doubles; each row's absolute values sum to 1 (up to 1e-10 added to the
     *         denominator)
     */
    public static INDArray scores(Crp crp, INDArray data, Target target) {
        INDArray r = crp.channelRelevance(data, target).castTo(DataType.DOUBLE);
        INDArray norm = org.nd4j.linalg.ops.transforms.Transforms.abs(r, true).sum(true, 1).addi(1e-10);
        return r.diviColumnVector(norm);
    }

    /**
     * For each of {@code channels}, the {@code n} rows of {@code data} with the highest score, highest first, with
     * their CRP maps and boxes.
     *
     * @param crp      the CRP explainer whose layer is scored and conditioned
     * @param data     the data set, N × (the model's input row shape)
     * @param target   the class each row is explained for
     * @param channels the channels of the layer to find references for
     * @param n        references per channel, in [1, N]
     * @return one list per entry of {@code channels}, in that order, each of {@code n} references, highest score
     *         first
     * @throws InvalidConfigException if n is not in [1, rows] or a channel is out of range
     */
    public static List<List<Reference>> references(Crp crp, INDArray data, Target target, int[] channels, int n) {
        INDArray s = scores(crp, data, target);
        long rows = s.size(0);
        long c = s.size(1);
        if (n < 1 || n > rows) {
            throw new InvalidConfigException("reference sampling: n must be in [1, " + rows + "] but got " + n);
        }
        Target resolved = target.resolve(crp.explainTargetOutput(data));
        List<List<Reference>> out = new ArrayList<>();
        for (int ch : channels) {
            if (ch < 0 || ch >= c) {
                throw new InvalidConfigException("reference sampling: channel " + ch + " is out of range: layer '"
                        + crp.layer() + "' has " + c + " channels (0.." + (c - 1) + ")");
            }
            double[] col = s.getColumn(ch).dup().data().asDouble();
            Integer[] order = new Integer[col.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(col[b], col[a]) != 0 ? Double.compare(col[b], col[a])
                    : Integer.compare(a, b));
            int[] top = new int[n];
            for (int i = 0; i < n; i++) {
                top[i] = order[i];
            }
            INDArray rowsData = data.get(NDArrayIndex.indices(toLong(top))).dup();
            if (rowsData.rank() < data.rank()) {
                rowsData = rowsData.reshape(withFirst(1, data.shape()));
            }
            INDArray maps = crp.conditional(rowsData, resolved.select(top),
                    List.of(List.of(new ChannelCondition(crp.layer(), ch))));
            List<Reference> refs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                INDArray map = maps.get(NDArrayIndex.point(i), NDArrayIndex.point(0)).dup();
                refs.add(new Reference(ch, top[i], col[top[i]], map, box(map)));
            }
            out.add(refs);
        }
        return out;
    }

    /** The box of positions whose absolute relevance (summed over the first axis when rank 3) reaches 10% of the peak. */
    static int[] box(INDArray map) {
        INDArray a = org.nd4j.linalg.ops.transforms.Transforms.abs(map, true);
        if (a.rank() == 3) {
            a = a.sum(0);
        }
        if (a.rank() != 2) {
            return new int[0];
        }
        double peak = a.maxNumber().doubleValue();
        int top = Integer.MAX_VALUE;
        int left = Integer.MAX_VALUE;
        int bottom = -1;
        int right = -1;
        for (int y = 0; y < a.size(0); y++) {
            for (int x = 0; x < a.size(1); x++) {
                if (peak > 0 && a.getDouble(y, x) >= BOX_FRACTION * peak) {
                    top = Math.min(top, y);
                    left = Math.min(left, x);
                    bottom = Math.max(bottom, y + 1);
                    right = Math.max(right, x + 1);
                }
            }
        }
        return bottom < 0 ? new int[] {0, 0, (int) a.size(0), (int) a.size(1)} : new int[] {top, left, bottom, right};
    }

    private static long[] toLong(int[] a) {
        long[] l = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            l[i] = a[i];
        }
        return l;
    }

    private static long[] withFirst(long n, long[] shape) {
        long[] s = shape.clone();
        s[0] = n;
        return s;
    }
}
