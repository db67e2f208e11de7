package org.xai4j.metrics.faithfulness;

import org.xai4j.core.Help;
import org.xai4j.core.WithBaseline;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithSamples;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link MonotonicityCorrelation} (Nguyen &amp; Martínez 2020). */
@Withers
public record MonotonicityCorrelationConfig(
        @Help("baseline draws per feature (use more with a random baseline)") int samples,
        @Help("the value a perturbed feature takes") Baseline baseline,
        @Help("seed of a random baseline") long seed,
        @Help("rows per model call") BatchPolicy batch
        ) implements WithBaseline, WithSeed, WithBatch, WithSamples, MonotonicityCorrelationConfigWithers {
    /** One zero-baseline draw per feature, seed 0, the default batch policy. */
    public static final MonotonicityCorrelationConfig DEFAULTS = new MonotonicityCorrelationConfig(1,
            Baseline.zeros(), 0, BatchPolicy.DEFAULT);
    /** @param samples see {@link #samples()}
     * @param baseline see {@link #baseline()}
     * @param seed see {@link #seed()}
     * @param batch see {@link #batch()}
     * @throws org.xai4j.core.InvalidConfigException if a setting is null or {@code samples} is below 1 */
    public MonotonicityCorrelationConfig {
        Checks.requireAtLeast(samples, 1, "samples");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch");
    }
}
