package org.xai4j.metrics.localisation;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.Checks;
import org.xai4j.metrics.MetricValues;
import org.xai4j.metrics.UndefinedMetricException;

/**
 * Relevance mass accuracy (Arras, Osman, Samek: "CLEVR-XAI: A benchmark dataset for the ground truth
 * evaluation of neural network explanations", Information Fusion 2022): the share of the map's relevance
 * that falls inside the mask, R_within / R_total, over the positive relevance by default (as the paper).
 * In [0, 1] for positive or absolute relevance; 1 for a map exactly on the mask. Undefined
 * ({@link UndefinedMetricException}) when R_total is 0.
 */
public final class RelevanceMassAccuracy {
    private final RelevancePart part;

    /** Over positive relevance. */
    public RelevanceMassAccuracy() {
        this(RelevancePart.POSITIVE);
    }

    /**
     * Relevance mass accuracy over {@code part} of the relevance.
     *
     * @param part the part of the relevance summed
     * @throws org.xai4j.core.InvalidConfigException if {@code part} is null
     */
    public RelevanceMassAccuracy(RelevancePart part) {
        this.part = Checks.requireNonNull(part, "relevance part");
    }

    /**
     * R_within / R_total per row; see {@link PointingGame#evaluate} for the arguments.
     *
     * @param maps N×… maps (not modified)
     * @param masks the maps' shape, or one row's shape for all rows; non-zero = inside
     * @return per row, the share of relevance inside the mask, in [0, 1] for non-negative parts
     * @throws org.xai4j.metrics.UndefinedMetricException for a row whose mask is empty or whose map has no
     *     relevance of this part
     */
    public MetricValues evaluate(INDArray maps, INDArray masks) {
        GroundTruth g = GroundTruth.read("relevance mass accuracy", maps, masks, part);
        double[] out = new double[g.rows()];
        for (int i = 0; i < g.rows(); i++) {
            double within = 0;
            double total = 0;
            for (int e = 0; e < g.maps[i].length; e++) {
                total += g.maps[i][e];
                if (g.masks[i][e]) {
                    within += g.maps[i][e];
                }
            }
            if (total == 0) {
                throw new UndefinedMetricException("relevance mass accuracy, row " + i + ": the map has no "
                        + part.name().toLowerCase(java.util.Locale.ROOT) + " relevance (total 0)");
            }
            out[i] = within / total;
        }
        return new MetricValues("relevance-mass-accuracy", out,
                GroundTruth.provenance("relevance-mass-accuracy", Map.of("part", part.name())));
    }
}
