package org.xai4j.attribution.lrp;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Explanation;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.Provenance;

/**
 * What {@link Crp} returns for a batch: the input relevance conditioned on each requested channel of a layer, and
 * the relevance of every channel of that layer.
 *
 * <p>Immutable: the arrays are copied in and out.
 */
public final class ConceptRelevance implements Explanation {
    private final String layer;
    private final List<Integer> channels;
    private final INDArray conditional;
    private final INDArray channelRelevance;
    private final Provenance provenance;

    /**
     * @param layer            the conditioned layer
     * @param channels         the conditioned channels, in the order of {@code conditional}'s second axis
     * @param conditional      N × K × (input row shape): row n, conditioned channel k
     * @param channelRelevance N × C_L: every channel's relevance (summed over positions, signed), unconditioned
     * @param provenance       how it was made
     */
    public ConceptRelevance(String layer, List<Integer> channels, INDArray conditional, INDArray channelRelevance,
                            Provenance provenance) {
        this.layer = layer;
        this.channels = List.copyOf(channels);
        this.conditional = conditional.dup();
        this.channelRelevance = channelRelevance.dup();
        this.provenance = provenance;
    }

    /**
     * The conditioned layer, as configured in {@link CrpConfig#layer()}.
     *
     * @return the layer's node name or output value name
     */
    public String layer() {
        return layer;
    }

    /**
     * The conditioned channels, in the order of the second axis of {@link #conditional()}.
     *
     * @return an unmodifiable list of K channel indices
     */
    public List<Integer> channels() {
        return channels;
    }

    /**
     * The input relevance conditioned on each channel: element [n, k, …] is the relevance of input row n when
     * only channel {@code channels().get(k)} of the layer passes relevance down.
     *
     * @return a copy, N × K × (input row shape), e.g. N × K × C × H × W for images
     */
    public INDArray conditional() {
        return conditional.dup();
    }

    /**
     * Every channel's relevance at the layer for the unconditioned prediction, summed over positions and signed.
     *
     * @return a copy, N × C_L, where C_L is the layer's channel count
     */
    public INDArray channelRelevance() {
        return channelRelevance.dup();
    }

    /**
     * The {@code k} channels of the layer with the largest (signed) relevance for row {@code row}, most relevant
     * first (ties: lower index first).
     *
     * @param row the input row, in [0, N)
     * @param k   how many channels, in [1, C_L]
     * @return {@code k} channel indices, most relevant first
     * @throws InvalidConfigException if {@code row} or {@code k} is out of range
     */
    public int[] topChannels(int row, int k) {
        if (row < 0 || row >= channelRelevance.size(0)) {
            throw new InvalidConfigException("topChannels: row " + row + " is out of range [0, " + channelRelevance.size(0)
                    + ")");
        }
        double[] r = channelRelevance.slice(row).castTo(DataType.DOUBLE).dup().data().asDouble();
        if (k < 1 || k > r.length) {
            throw new InvalidConfigException("topChannels: k must be in [1, " + r.length + "] but got " + k);
        }
        Integer[] idx = new Integer[r.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(r[b], r[a]) != 0 ? Double.compare(r[b], r[a]) : Integer.compare(a, b));
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }
}
