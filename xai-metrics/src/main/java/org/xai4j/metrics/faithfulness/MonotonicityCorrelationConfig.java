package org.xai4j.metrics.faithfulness;

import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Help;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link MonotonicityCorrelation} (Nguyen &amp; Martínez 2020). {@link #DEFAULTS}: one zero-baseline draw. */
public record MonotonicityCorrelationConfig(
        @Help("baseline draws per feature (use more with a random baseline)") int samples,
        @Help("the value a perturbed feature takes") Baseline baseline,
        @Help("seed of a random baseline") long seed,
        @Help("rows per model call") BatchPolicy batch) implements ExplainerConfig {
    public static final MonotonicityCorrelationConfig DEFAULTS = new MonotonicityCorrelationConfig(1, Baseline.zeros(), 0,
            BatchPolicy.DEFAULT);

    public MonotonicityCorrelationConfig {
        Checks.requireAtLeast(samples, 1, "samples");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch");
    }

    public MonotonicityCorrelationConfig withSamples(int samples) { return new MonotonicityCorrelationConfig(samples, baseline, seed, batch); }
    public MonotonicityCorrelationConfig withBaseline(Baseline baseline) {
        return new MonotonicityCorrelationConfig(samples, baseline, seed, batch);
    }
    public MonotonicityCorrelationConfig withSeed(long seed) { return new MonotonicityCorrelationConfig(samples, baseline, seed, batch); }
    public MonotonicityCorrelationConfig withBatch(BatchPolicy batch) {
        return new MonotonicityCorrelationConfig(samples, baseline, seed, batch);
    }
}
