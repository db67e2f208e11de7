package org.xai4j.metrics.localisation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.util.Checks;
import org.xai4j.metrics.MetricValues;
import org.xai4j.metrics.Ranks;

/**
 * Top-k intersection (Theiner, Müller-Budack, Ewerth: "Interpretable Semantic Photo Geolocation", WACV
 * 2022): the share of the k highest-relevance elements that lie inside the mask, |top-k ∩ GT| / k. k is
 * a count ({@link #ofCount}; Quantus uses 1000 pixels) or a fraction of the map size, rounded half to
 * even ({@link #ofFraction}). Ties go to the lower flat index.
 */
public final class TopKIntersection {
    private final int count;
    private final double fraction;
    private final RelevancePart part;

    private TopKIntersection(int count, double fraction, RelevancePart part) {
        this.count = count;
        this.fraction = fraction;
        this.part = Checks.requireNonNull(part, "relevance part");
    }

    /**
     * The top {@code k} elements of signed relevance.
     *
     * @param k how many elements, at least 1
     * @return the metric
     */
    public static TopKIntersection ofCount(int k) {
        return ofCount(k, RelevancePart.SIGNED);
    }

    /**
     * The top {@code k} elements of {@code part} of the relevance.
     *
     * @param k how many elements, at least 1
     * @param part the part of the relevance ranked
     * @return the metric
     * @throws org.xai4j.core.InvalidConfigException if {@code k} is below 1 or {@code part} is null
     */
    public static TopKIntersection ofCount(int k, RelevancePart part) {
        Checks.requireAtLeast(k, 1, "top-k intersection k");
        return new TopKIntersection(k, Double.NaN, part);
    }

    /**
     * The top {@code fraction} of elements (k = round(fraction · size)) of signed relevance.
     *
     * @param fraction the share of elements, in (0, 1]
     * @return the metric
     */
    public static TopKIntersection ofFraction(double fraction) {
        return ofFraction(fraction, RelevancePart.SIGNED);
    }

    /**
     * The top {@code fraction} of elements (k = round(fraction · size)) of {@code part} of the relevance.
     *
     * @param fraction the share of elements, in (0, 1]
     * @param part the part of the relevance ranked
     * @return the metric
     * @throws InvalidConfigException if {@code fraction} is outside (0, 1] or {@code part} is null
     */
    public static TopKIntersection ofFraction(double fraction, RelevancePart part) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new InvalidConfigException("top-k intersection fraction must lie in (0, 1] but was " + fraction);
        }
        return new TopKIntersection(0, fraction, part);
    }

    /**
     * |top-k ∩ GT| / k per row; see {@link PointingGame#evaluate} for the arguments.
     *
     * @param maps N×… maps (not modified)
     * @param masks the maps' shape, or one row's shape for all rows; non-zero = inside
     * @return per row, the share of the top-k elements inside the mask, in [0, 1]
     * @throws InvalidConfigException if the fraction rounds to k = 0 for these maps
     * @throws org.xai4j.metrics.UndefinedMetricException for a row whose mask is empty
     */
    public MetricValues evaluate(INDArray maps, INDArray masks) {
        GroundTruth g = GroundTruth.read("top-k intersection", maps, masks, part);
        int size = g.maps[0].length;
        int k = count > 0 ? count : (int) Math.rint(fraction * size);
        if (k < 1 || k > size) {
            throw new InvalidConfigException("top-k intersection: k = " + k + " but the maps have " + size + " elements");
        }
        double[] out = new double[g.rows()];
        for (int i = 0; i < g.rows(); i++) {
            out[i] = hits(g.maps[i], g.masks[i], k) / (double) k;
        }
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("k", Integer.toString(k));
        cfg.put("part", part.name());
        return new MetricValues("top-k-intersection", out, GroundTruth.provenance("top-k-intersection", cfg));
    }

    /** How many of the k largest values of {@code map} (ties: lower index first) lie in {@code mask}. */
    static int hits(double[] map, boolean[] mask, int k) {
        int h = 0;
        for (int e : Ranks.topK(map, k)) {
            if (mask[e]) {
                h++;
            }
        }
        return h;
    }
}
