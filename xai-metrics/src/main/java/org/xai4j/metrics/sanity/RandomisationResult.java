package org.xai4j.metrics.sanity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.Provenance;

/**
 * The outcome of a model parameter randomisation test: one step per randomised layer, top layer first.
 *
 * @param steps      the steps in order
 * @param provenance how the test was run
 */
public record RandomisationResult(List<Step> steps, Provenance provenance) {
    /**
     * Copies the mutable arguments, so that later changes by the caller do not reach this record.
     *
     * @param steps the steps in order
     * @param provenance how the test was run
     */
    public RandomisationResult {
        steps = List.copyOf(steps);
    }

    /**
     * One step.
     *
     * @param layer      the layer this step added (cascading) or randomised alone (independent)
     * @param randomised every layer randomised in this step's model
     * @param similarity per measure name, the similarity of each row's map to the original model's map
     *                   ({@code NaN} for rows where the measure is undefined, e.g. a constant map)
     */
    public record Step(String layer, List<String> randomised, Map<String, double[]> similarity) {
        /**
         * Copies the list and the arrays.
         *
         * @param layer the layer this step added (cascading) or randomised alone (independent)
         * @param randomised every layer randomised in this step's model
         * @param similarity per measure name, the similarity of each row's map to the original model's map
         */
        public Step {
            randomised = List.copyOf(randomised);
            Map<String, double[]> copy = new LinkedHashMap<>();
            similarity.forEach((k, v) -> copy.put(k, v.clone()));
            similarity = java.util.Collections.unmodifiableMap(copy);
        }

        /**
         * Per-row similarity under {@code measure}.
         *
         * @param measure a measure's name, e.g. {@code spearman}
         * @return a copy of the per-row values, NaN where undefined
         * @throws InvalidConfigException if no measure has that name
         */
        public double[] values(String measure) {
            double[] v = similarity.get(measure);
            if (v == null) {
                throw new InvalidConfigException("no measure '" + measure + "' in this test; measures: " + similarity.keySet());
            }
            return v.clone();
        }

        /**
         * Mean over the rows where the measure is defined ({@code NaN} if none).
         *
         * @param measure a measure's name, e.g. {@code spearman}
         * @return the mean, or NaN when undefined for every row
         */
        public double mean(String measure) {
            double s = 0;
            int n = 0;
            for (double x : values(measure)) {
                if (!Double.isNaN(x)) {
                    s += x;
                    n++;
                }
            }
            return n == 0 ? Double.NaN : s / n;
        }
    }

    /**
     * The mean similarity under {@code measure} at each step: the curve of the randomisation plot.
     *
     * @param measure a measure's name, e.g. {@code spearman}
     * @return a new array, one mean per step
     */
    public double[] curve(String measure) {
        double[] c = new double[steps.size()];
        for (int j = 0; j < c.length; j++) {
            c[j] = steps.get(j).mean(measure);
        }
        return c;
    }

    /**
     * A JSON-friendly map: the layers and, per measure, the mean curve.
     *
     * @return a new insertion-ordered map of plain values: the layers and each measure's mean curve
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> layers = new ArrayList<>();
        steps.forEach(s -> layers.add(s.layer()));
        m.put("layers", layers);
        Map<String, Object> curves = new LinkedHashMap<>();
        if (!steps.isEmpty()) {
            for (String measure : steps.get(0).similarity().keySet()) {
                List<Object> c = new ArrayList<>();
                for (double v : curve(measure)) {
                    c.add(Double.isNaN(v) ? null : v);
                }
                curves.put(measure, c);
            }
        }
        m.put("curves", curves);
        m.put("provenance", provenance.toMap());
        return m;
    }
}
