package org.xai4j.attribution.lrp;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.InvalidConfigException;

/**
 * CRP's condition on one layer as a backward edit: the relevance arriving at the layer's output (one row, or K
 * rows) becomes K rows, row m keeping only channel {@code channels[m]} of row m (of the single row when one arrives)
 * and zero elsewhere; {@link #ALL} keeps every channel of that row (a concept without a condition on this layer).
 */
final class ChannelMask implements UnaryOperator<INDArray> {
    /** A row that keeps all channels. */
    static final int ALL = -1;

    private final String layer;
    private final int[] channels;

    /**
     * @param layer    the layer's name, for messages
     * @param channels per output row, the channel it keeps or {@link #ALL}
     */
    ChannelMask(String layer, int[] channels) {
        this.layer = layer;
        this.channels = channels.clone();
    }

    @Override
    public INDArray apply(INDArray r) {
        if (r.rank() < 2) {
            throw new InvalidConfigException("crp: layer '" + layer + "' has no channels (its output has shape "
                    + Arrays.toString(r.shape()) + "; expected N×C×…)");
        }
        int k = channels.length;
        if (r.size(0) != 1 && r.size(0) != k) {
            throw new IllegalStateException("crp: " + r.size(0) + " rows of relevance at layer '" + layer
                    + "' for " + k + " channel conditions");
        }
        for (int c : channels) {
            if (c >= r.size(1)) {
                throw new InvalidConfigException("crp: channel " + c + " is out of range: layer '" + layer + "' has "
                        + r.size(1) + " channels (0.." + (r.size(1) - 1) + ")");
            }
        }
        long[] shape = r.shape().clone(); // shape() is the array's own
        shape[0] = k;
        INDArray out = Nd4j.zeros(r.dataType(), shape);
        for (int m = 0; m < k; m++) {
            int from = r.size(0) == 1 ? 0 : m;
            if (channels[m] == ALL) {
                out.get(NDArrayIndex.point(m)).assign(r.get(NDArrayIndex.point(from)));
            } else {
                out.get(NDArrayIndex.point(m), NDArrayIndex.point(channels[m]))
                        .assign(r.get(NDArrayIndex.point(from), NDArrayIndex.point(channels[m])));
            }
        }
        return out;
    }
}
