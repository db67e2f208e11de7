package org.xai4j.metrics.localisation;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.Checks;
import org.xai4j.metrics.MetricValues;

/**
 * Relevance rank accuracy (Arras, Osman, Samek, CLEVR-XAI, Information Fusion 2022): with K the number of
 * mask elements, the share of the K highest-relevance elements that lie inside the mask,
 * |top-K ∩ GT| / K. Ranks signed relevance by default; ties go to the lower flat index. In [0, 1]; 1 for
 * a map exactly on the mask.
 */
public final class RelevanceRankAccuracy {
    private final RelevancePart part;

    /** Ranking signed relevance. */
    public RelevanceRankAccuracy() {
        this(RelevancePart.SIGNED);
    }

    /**
     * Relevance rank accuracy over {@code part} of the relevance.
     *
     * @param part the part of the relevance ranked
     * @throws org.xai4j.core.InvalidConfigException if {@code part} is null
     */
    public RelevanceRankAccuracy(RelevancePart part) {
        this.part = Checks.requireNonNull(part, "relevance part");
    }

    /**
     * |top-K ∩ GT| / K per row; see {@link PointingGame#evaluate} for the arguments.
     *
     * @param maps N×… maps (not modified)
     * @param masks the maps' shape, or one row's shape for all rows; non-zero = inside
     * @return per row, the share of the K highest-ranked elements inside the mask (K = mask size), in [0, 1]
     * @throws org.xai4j.metrics.UndefinedMetricException for a row whose mask is empty
     */
    public MetricValues evaluate(INDArray maps, INDArray masks) {
        GroundTruth g = GroundTruth.read("relevance rank accuracy", maps, masks, part);
        double[] out = new double[g.rows()];
        for (int i = 0; i < g.rows(); i++) {
            int k = g.maskSize[i];
            out[i] = TopKIntersection.hits(g.maps[i], g.masks[i], k) / (double) k;
        }
        return new MetricValues("relevance-rank-accuracy", out,
                GroundTruth.provenance("relevance-rank-accuracy", Map.of("part", part.name())));
    }
}
