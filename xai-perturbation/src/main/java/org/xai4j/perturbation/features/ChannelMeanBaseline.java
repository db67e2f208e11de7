package org.xai4j.perturbation.features;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.Rng;

/**
 * Each image row's per-channel mean colour everywhere (N×C×H×W: every pixel of channel c of row i takes
 * the mean of that channel over row i's H×W; for N×H×W the row mean). The "mean" masker of Partition SHAP.
 */
public final class ChannelMeanBaseline implements Baseline {
    /** The one instance. */
    public static final ChannelMeanBaseline INSTANCE = new ChannelMeanBaseline();

    private ChannelMeanBaseline() {
    }

    @Override
    public INDArray referenceFor(INDArray input, Rng rng) {
        Checks.requireArray(input, "input");
        long[] s = input.shape();
        if (s.length < 3) {
            throw new InvalidShapeException("a channel-mean baseline needs images N×H×W or N×C×H×W but got shape "
                    + Arrays.toString(s));
        }
        int plane = (int) (s[s.length - 2] * s[s.length - 1]);
        double[] v = org.xai4j.core.util.HostArrays.doubles(input);
        for (int off = 0; off < v.length; off += plane) {
            double sum = 0;
            for (int i = 0; i < plane; i++) {
                sum += v[off + i];
            }
            Arrays.fill(v, off, off + plane, sum / plane);
        }
        return Nd4j.create(v, s, DataType.DOUBLE).castTo(input.dataType());
    }

    @Override
    public String describe() {
        return "channel mean";
    }
}
