package org.xai4j.metrics.localisation;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.Checks;
import org.xai4j.metrics.MetricValues;
import org.xai4j.metrics.Ranks;
import org.xai4j.metrics.UndefinedMetricException;

/**
 * The area under the ROC curve of the map read as a detector of the mask (Fawcett: "An introduction to ROC
 * analysis", Pattern Recognition Letters 2006): the probability that a random element inside the mask has
 * higher relevance than a random element outside, ties counting one half (the Mann–Whitney U statistic
 * over n⁺·n⁻, from average ranks). 1 for a map that separates the mask perfectly, 0.5 for a constant or
 * random map. Undefined ({@link UndefinedMetricException}) when the mask is empty or covers the whole map.
 */
public final class MaskAuc {
    private final RelevancePart part;

    /** On signed relevance. */
    public MaskAuc() {
        this(RelevancePart.SIGNED);
    }

    /**
     * Mask ROC AUC over {@code part} of the relevance.
     *
     * @param part the part of the relevance used as the score
     * @throws org.xai4j.core.InvalidConfigException if {@code part} is null
     */
    public MaskAuc(RelevancePart part) {
        this.part = Checks.requireNonNull(part, "relevance part");
    }

    /**
     * The ROC AUC per row; see {@link PointingGame#evaluate} for the arguments.
     *
     * @param maps N×… maps (not modified)
     * @param masks the maps' shape, or one row's shape for all rows; non-zero = inside
     * @return per row, the probability that an inside element scores above an outside one, in [0, 1]
     * @throws org.xai4j.metrics.UndefinedMetricException for a row whose mask is empty or covers the whole map
     */
    public MetricValues evaluate(INDArray maps, INDArray masks) {
        GroundTruth g = GroundTruth.read("mask AUC", maps, masks, part);
        double[] out = new double[g.rows()];
        for (int i = 0; i < g.rows(); i++) {
            long pos = g.maskSize[i];
            long neg = g.maps[i].length - pos;
            if (neg == 0) {
                throw new UndefinedMetricException("mask AUC, row " + i + ": the mask covers the whole map, so there are no negatives");
            }
            double[] ranks = Ranks.averageRanks(g.maps[i]);
            double rankSum = 0;
            for (int e = 0; e < ranks.length; e++) {
                if (g.masks[i][e]) {
                    rankSum += ranks[e];
                }
            }
            out[i] = (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
        }
        return new MetricValues("mask-auc", out, GroundTruth.provenance("mask-auc", Map.of("part", part.name())));
    }
}
