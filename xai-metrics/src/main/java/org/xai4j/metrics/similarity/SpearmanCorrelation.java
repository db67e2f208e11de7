package org.xai4j.metrics.similarity;

import java.util.Map;
import org.xai4j.metrics.Ranks;

/**
 * Spearman's rank correlation ρ (Spearman, 1904): Pearson's r of the ranks, ties sharing their average
 * rank (scipy's {@code spearmanr}). Undefined ({@link org.xai4j.metrics.UndefinedMetricException}) when
 * either row is constant.
 */
public final class SpearmanCorrelation implements MapSimilarity {
    @Override
    public String name() {
        return "spearman";
    }

    @Override
    public Map<String, String> config() {
        return Map.of("ties", "average");
    }

    @Override
    public double between(double[] a, double[] b, long[] rowShape) {
        return PearsonCorrelation.correlation(Ranks.averageRanks(a), Ranks.averageRanks(b), "Spearman correlation");
    }
}
