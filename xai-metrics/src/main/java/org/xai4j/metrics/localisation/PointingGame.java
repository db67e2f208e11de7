package org.xai4j.metrics.localisation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.Checks;
import org.xai4j.metrics.MetricValues;

/**
 * The pointing game (Zhang, Bargal, Lin, Brandt, Shen, Sclaroff: "Top-down Neural Attention by Excitation
 * Backprop", IJCV 2018): a hit when the map's maximum lies in the ground-truth mask, or within
 * {@code tolerance} pixels (Euclidean) of it — the paper uses 15. Values are 1 (hit) or 0 (miss) per row;
 * the mean is the pointing accuracy. With several equal maxima the first in row-major order counts.
 * A tolerance above 0 needs rows of shape H×W (or 1×H×W).
 */
public final class PointingGame {
    private final double tolerance;

    /** Exact pointing (tolerance 0). */
    public PointingGame() {
        this(0);
    }

    /**
     * Pointing with a tolerance in pixels.
     *
     * @param tolerance the largest distance in pixels from the mask that still counts as a hit, at least 0
     */
    public PointingGame(double tolerance) {
        this.tolerance = Checks.requireNonNegative(tolerance, "pointing-game tolerance");
    }

    /**
     * 1 for a hit, 0 for a miss, per row.
     *
     * @param maps  N×… maps (not modified)
     * @param masks the maps' shape, or one row's shape for all rows; non-zero = inside
     * @return per row, 1 for a hit and 0 for a miss
     * @throws org.xai4j.metrics.UndefinedMetricException for a row whose mask is empty
     */
    public MetricValues evaluate(INDArray maps, INDArray masks) {
        GroundTruth g = GroundTruth.read("pointing game", maps, masks, RelevancePart.SIGNED);
        long[] rs = g.rowShape;
        boolean planar = rs.length == 2 || (rs.length == 3 && rs[0] == 1);
        if (tolerance > 0 && !planar) {
            throw new InvalidShapeException("the pointing game with a tolerance needs rows of shape H×W but they have shape "
                    + java.util.Arrays.toString(rs));
        }
        int w = planar ? (int) rs[rs.length - 1] : 1;
        double[] hits = new double[g.rows()];
        for (int i = 0; i < g.rows(); i++) {
            double[] m = g.maps[i];
            int best = 0;
            for (int e = 1; e < m.length; e++) {
                if (m[e] > m[best]) {
                    best = e;
                }
            }
            hits[i] = hit(g.masks[i], best, w) ? 1.0 : 0.0;
        }
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("tolerance", Double.toString(tolerance));
        return new MetricValues("pointing-game", hits, GroundTruth.provenance("pointing-game", cfg));
    }

    private boolean hit(boolean[] mask, int at, int w) {
        if (mask[at]) {
            return true;
        }
        if (tolerance == 0) {
            return false;
        }
        int r0 = at / w;
        int c0 = at % w;
        int h = mask.length / w;
        int t = (int) Math.floor(tolerance);
        for (int r = Math.max(0, r0 - t); r <= Math.min(h - 1, r0 + t); r++) {
            for (int c = Math.max(0, c0 - t); c <= Math.min(w - 1, c0 + t); c++) {
                double d2 = (r - r0) * (double) (r - r0) + (c - c0) * (double) (c - c0);
                if (mask[r * w + c] && d2 <= tolerance * tolerance) {
                    return true;
                }
            }
        }
        return false;
    }
}
