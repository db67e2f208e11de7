package org.xai4j.metrics.complexity;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.metrics.MapRows;
import org.xai4j.metrics.MetricValues;
import org.xai4j.metrics.UndefinedMetricException;

/**
 * Complexity as the entropy of the fractional contributions (Bhatt, Weller, Moura: "Evaluating and
 * Aggregating Feature-based Model Explanations", IJCAI 2020): pᵢ = |φᵢ| / Σⱼ |φⱼ| and
 * <pre>H = −Σᵢ pᵢ ln pᵢ</pre>
 * in nats, with 0 ln 0 = 0: 0 for a single non-zero element, ln n for a uniform map; lower is simpler.
 * Undefined ({@link UndefinedMetricException}) for an all-zero map.
 */
public final class Complexity {
    /**
     * The entropy of each row; {@code maps} (N×…) is not modified.
     *
     * @param maps N×… maps
     * @return per row, the entropy in nats of the normalised absolute map, in [0, ln(size)]
     * @throws UndefinedMetricException for a row that is zero everywhere
     */
    public MetricValues evaluate(INDArray maps) {
        double[][] rows = MapRows.rows(maps, "maps");
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double sum = 0;
            for (double v : rows[i]) {
                sum += Math.abs(v);
            }
            if (sum == 0) {
                throw new UndefinedMetricException("complexity (entropy), row " + i + ": the map is all zeros");
            }
            double h = 0;
            for (double v : rows[i]) {
                double p = Math.abs(v) / sum;
                if (p > 0) {
                    h -= p * Math.log(p);
                }
            }
            out[i] = h;
        }
        return new MetricValues("complexity", out, Sparseness.provenance("complexity"));
    }
}
