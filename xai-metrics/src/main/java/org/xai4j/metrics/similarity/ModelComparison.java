package org.xai4j.metrics.similarity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The "model comparison mode": two models explained by the same methods on the same inputs.
 *
 * @param modelA  the first model's name
 * @param modelB  the second model's name
 * @param withinA methods × methods agreement for model A
 * @param withinB methods × methods agreement for model B
 * @param across  model A's methods (rows) × model B's methods (columns); its diagonal compares each
 *                method with itself across the two models
 */
public record ModelComparison(String modelA, String modelB, AgreementMatrix withinA, AgreementMatrix withinB,
                              AgreementMatrix across) {
    /**
     * For each method, the mean similarity of its model-A maps to its model-B maps.
     *
     * @return an insertion-ordered map of method name → mean similarity
     */
    public Map<String, Double> perMethod() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String method : across.rows()) {
            m.put(method, across.value(method, method));
        }
        return m;
    }

    /**
     * A JSON-friendly map of the three matrices and the per-method values.
     *
     * @return a new insertion-ordered map of plain values
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("modelA", modelA);
        m.put("modelB", modelB);
        m.put("withinA", withinA.toMap());
        m.put("withinB", withinB.toMap());
        m.put("across", across.toMap());
        Map<String, Object> pm = new LinkedHashMap<>();
        perMethod().forEach((k, v) -> pm.put(k, Double.isNaN(v) ? null : v));
        m.put("perMethod", pm);
        return m;
    }
}
