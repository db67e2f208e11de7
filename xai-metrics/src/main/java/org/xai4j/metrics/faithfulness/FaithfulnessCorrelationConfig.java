package org.xai4j.metrics.faithfulness;

import org.xai4j.core.Help;
import org.xai4j.core.WithBaseline;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link FaithfulnessCorrelation} (Bhatt et al. 2020). */
@Withers
public record FaithfulnessCorrelationConfig(
        @Help("random subsets per row") int runs,
        @Help("the share of features in each subset, k = max(1, round(fraction·n))") double subsetFraction,
        @Help("the value of removed features") Baseline baseline,
        @Help("seed of the subsets (and of a random baseline)") long seed,
        @Help("rows per model call") BatchPolicy batch
        ) implements WithBaseline, WithSeed, WithBatch, FaithfulnessCorrelationConfigWithers {
    /** 100 subsets of 10% of the features (as Quantus), zero baseline, seed 0, the default batch policy. */
    public static final FaithfulnessCorrelationConfig DEFAULTS = new FaithfulnessCorrelationConfig(100, 0.1,
            Baseline.zeros(), 0, BatchPolicy.DEFAULT);
    /** @param runs see {@link #runs()}
     * @param subsetFraction see {@link #subsetFraction()}
     * @param baseline see {@link #baseline()}
     * @param seed see {@link #seed()}
     * @param batch see {@link #batch()}
     * @throws org.xai4j.core.InvalidConfigException if {@code runs} is below 3, {@code subsetFraction} is outside
     *     [Double.MIN_VALUE, 1.0], {@code baseline} is null or {@code batch} is null */
    public FaithfulnessCorrelationConfig {
        Checks.requireAtLeast(runs, 3, "runs");
        Checks.requireInRange(subsetFraction, Double.MIN_VALUE, 1.0, "subsetFraction");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch");
    }
}
