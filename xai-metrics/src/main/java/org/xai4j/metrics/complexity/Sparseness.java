package org.xai4j.metrics.complexity;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.Provenance;
import org.xai4j.metrics.MapRows;
import org.xai4j.metrics.MetricValues;
import org.xai4j.metrics.UndefinedMetricException;

/**
 * Sparseness as the Gini index of |φ| (Chalasani, Chen, Chowdhury, Wu, Jha: "Concise Explanations of
 * Neural Networks using Adversarial Training", ICML 2020; the index as in Hurley, Rickard: "Comparing
 * Measures of Sparsity", IEEE TIT 2009): with a₍₁₎ ≤ … ≤ a₍ₙ₎ the sorted absolute values,
 * <pre>G = Σᵢ (2i − n − 1) a₍ᵢ₎ / (n Σᵢ a₍ᵢ₎)</pre>
 * 0 for a uniform map, (n − 1)/n for a map with a single non-zero element; higher is sparser. Undefined
 * ({@link UndefinedMetricException}) for an all-zero map.
 */
public final class Sparseness {
    /**
     * The Gini index of each row; {@code maps} (N×…) is not modified.
     *
     * @param maps N×… maps
     * @return per row, the Gini index of the absolute map, in [0, 1]
     * @throws UndefinedMetricException for a row that is zero everywhere
     */
    public MetricValues evaluate(INDArray maps) {
        double[][] rows = MapRows.rows(maps, "maps");
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double[] a = rows[i];
            for (int e = 0; e < a.length; e++) {
                a[e] = Math.abs(a[e]);
            }
            Arrays.sort(a);
            int n = a.length;
            double num = 0;
            double sum = 0;
            for (int k = 0; k < n; k++) {
                num += (2.0 * (k + 1) - n - 1) * a[k];
                sum += a[k];
            }
            if (sum == 0) {
                throw new UndefinedMetricException("sparseness (Gini), row " + i + ": the map is all zeros");
            }
            out[i] = num / (n * sum);
        }
        return new MetricValues("sparseness", out, provenance("sparseness"));
    }

    static Provenance provenance(String metric) {
        return Provenance.of(new MethodDescriptor(metric, Map.of(), Set.of()), (String) null, null, null, null);
    }
}
