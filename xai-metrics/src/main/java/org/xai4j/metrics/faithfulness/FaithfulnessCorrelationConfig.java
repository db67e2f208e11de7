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
    /** 100 subsets of 10% of the features, zero baseline, seed 0, the default batch policy. */
    public static final FaithfulnessCorrelationConfig DEFAULTS = new FaithfulnessCorrelationConfig(100, 0.1,
            Baseline.zeros(), 0, BatchPolicy.DEFAULT);

    /**
     * Checks the settings.
     *
     * @param runs random subsets per row; at least 3
     * @param subsetFraction the share of features in each subset, k = max(1, round(fraction·n)); in (0, 1]
     * @param baseline the value of removed features; not null
     * @param seed seed of the subsets (and of a random baseline)
     * @param batch rows per model call; not null
     * @throws org.xai4j.core.InvalidConfigException if {@code runs} is below 3, {@code subsetFraction} is outside
     *     [Double.MIN_VALUE, 1.0], {@code baseline} is null or {@code batch} is null
     */
    public FaithfulnessCorrelationConfig {
        Checks.requireAtLeast(runs, 3, "runs");
        Checks.requireInRange(subsetFraction, Double.MIN_VALUE, 1.0, "subsetFraction");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch");
    }

    /**
     * These settings with another {@code runs}.
     *
     * @param runs random subsets per row; at least 3
     * @return a copy with {@code runs} replaced
     */
    public FaithfulnessCorrelationConfig withRuns(int runs) {
        return new FaithfulnessCorrelationConfig(runs, subsetFraction, baseline, seed, batch);
    }
    /**
     * These settings with another {@code subsetFraction}.
     *
     * @param subsetFraction the share of features in each subset, k = max(1, round(fraction·n)); in (0, 1]
     * @return a copy with {@code subsetFraction} replaced
     */
    public FaithfulnessCorrelationConfig withSubsetFraction(double subsetFraction) {
        return new FaithfulnessCorrelationConfig(runs, subsetFraction, baseline, seed, batch);
    }
    /**
     * These settings with another {@code baseline}.
     *
     * @param baseline the value of removed features; not null
     * @return a copy with {@code baseline} replaced
     */
    public FaithfulnessCorrelationConfig withBaseline(Baseline baseline) {
        return new FaithfulnessCorrelationConfig(runs, subsetFraction, baseline, seed, batch);
    }
    /**
     * These settings with another {@code seed}.
     *
     * @param seed seed of the subsets (and of a random baseline)
     * @return a copy with {@code seed} replaced
     */
    public FaithfulnessCorrelationConfig withSeed(long seed) {
        return new FaithfulnessCorrelationConfig(runs, subsetFraction, baseline, seed, batch);
    }
    /**
     * These settings with another {@code batch}.
     *
     * @param batch rows per model call; not null
     * @return a copy with {@code batch} replaced
     */
    public FaithfulnessCorrelationConfig withBatch(BatchPolicy batch) {
        return new FaithfulnessCorrelationConfig(runs, subsetFraction, baseline, seed, batch);
    }
}
