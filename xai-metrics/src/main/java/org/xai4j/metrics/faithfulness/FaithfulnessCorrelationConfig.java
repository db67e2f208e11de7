package org.xai4j.metrics.faithfulness;

import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Help;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link FaithfulnessCorrelation} (Bhatt et al. 2020). {@link #DEFAULTS}: 100 subsets of 10% of
 * the features (as Quantus), zero baseline.
 */
public record FaithfulnessCorrelationConfig(
        @Help("random subsets per row") int runs,
        @Help("the share of features in each subset, k = max(1, round(fraction·n))") double subsetFraction,
        @Help("the value of removed features") Baseline baseline,
        @Help("seed of the subsets (and of a random baseline)") long seed,
        @Help("rows per model call") BatchPolicy batch) implements ExplainerConfig {
    public static final FaithfulnessCorrelationConfig DEFAULTS = new FaithfulnessCorrelationConfig(100, 0.1,
            Baseline.zeros(), 0, BatchPolicy.DEFAULT);

    public FaithfulnessCorrelationConfig {
        Checks.requireAtLeast(runs, 3, "runs");
        Checks.requireInRange(subsetFraction, Double.MIN_VALUE, 1.0, "subsetFraction");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch");
    }

    public FaithfulnessCorrelationConfig withRuns(int runs) {
        return new FaithfulnessCorrelationConfig(runs, subsetFraction, baseline, seed, batch);
    }
    public FaithfulnessCorrelationConfig withSubsetFraction(double subsetFraction) {
        return new FaithfulnessCorrelationConfig(runs, subsetFraction, baseline, seed, batch);
    }
    public FaithfulnessCorrelationConfig withBaseline(Baseline baseline) {
        return new FaithfulnessCorrelationConfig(runs, subsetFraction, baseline, seed, batch);
    }
    public FaithfulnessCorrelationConfig withSeed(long seed) {
        return new FaithfulnessCorrelationConfig(runs, subsetFraction, baseline, seed, batch);
    }
    public FaithfulnessCorrelationConfig withBatch(BatchPolicy batch) {
        return new FaithfulnessCorrelationConfig(runs, subsetFraction, baseline, seed, batch);
    }
}
