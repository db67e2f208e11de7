package org.xai4j.metrics.similarity;

import java.util.Map;
import org.xai4j.metrics.UndefinedMetricException;

/**
 * Cosine similarity a·b / (‖a‖ ‖b‖) of the flattened rows (1 − scipy's {@code spatial.distance.cosine}).
 * Undefined ({@link UndefinedMetricException}) when either row is all zeros; constant non-zero rows are
 * fine.
 */
public final class CosineSimilarity implements MapSimilarity {
    @Override
    public String name() {
        return "cosine";
    }

    @Override
    public Map<String, String> config() {
        return Map.of();
    }

    @Override
    public double between(double[] a, double[] b, long[] rowShape) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        if (aa == 0 || bb == 0) {
            throw new UndefinedMetricException("cosine similarity is undefined: the " + (aa == 0 ? "first" : "second")
                    + " map is all zeros");
        }
        double c = ab / (Math.sqrt(aa) * Math.sqrt(bb));
        return Math.max(-1.0, Math.min(1.0, c));
    }
}
