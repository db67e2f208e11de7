package org.xai4j.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.Provenance;

/**
 * One value per row of a batch for one metric, with the provenance of the evaluation (metric name and
 * settings, model, target, baseline, seed). Immutable: the array is copied in and out.
 *
 * @param metric     the metric's name
 * @param values     one value per row
 * @param provenance how the values were computed
 */
public record MetricValues(String metric, double[] values, Provenance provenance) {
    /**
     * Copies the mutable arguments, so that later changes by the caller do not reach this record.
     *
     * @param metric the metric's name
     * @param values one value per row
     * @param provenance how the values were computed
     */
    public MetricValues {
        values = values.clone();
    }

    /**
     * One value per row.
     *
     * @return a copy
     */
    @Override
    public double[] values() {
        return values.clone();
    }

    /**
     * The value of row {@code i}.
     *
     * @param i a row, 0 ≤ i &lt; N
     * @return its value
     */
    public double value(int i) {
        return values[i];
    }

    /**
     * The number of rows.
     *
     * @return N
     */
    public int size() {
        return values.length;
    }

    /**
     * The mean over rows.
     *
     * @return the mean, NaN when a row's value is NaN
     */
    public double mean() {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    /**
     * A JSON-friendly map.
     *
     * @return a new insertion-ordered map: {@code metric}, {@code values}, {@code mean} and the provenance
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", metric);
        m.put("values", values.clone());
        m.put("mean", mean());
        m.put("provenance", provenance == null ? null : provenance.toMap());
        return m;
    }
}
