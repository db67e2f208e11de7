package org.xai4j.metrics.faithfulness;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link MonotonicityCorrelation}.
 *
 * @param samples  baseline draws per feature (default 1; use more with a random baseline)
 * @param baseline the value a perturbed feature takes (default zeros)
 * @param seed     seed of a random baseline
 * @param batch    rows per model call
 */
public record MonotonicityCorrelationConfig(int samples, Baseline baseline, long seed, BatchPolicy batch)
        implements ExplainerConfig {
    public MonotonicityCorrelationConfig {
        Checks.requireAtLeast(samples, 1, "samples");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch");
    }

    public static MonotonicityCorrelationConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("samples", Integer.toString(samples));
        m.put("baseline", baseline.describe());
        m.put("seed", Long.toString(seed));
        m.put("maxRows", Integer.toString(batch.maxRows()));
        return m;
    }

    /** Builder with the defaults. */
    public static final class Builder {
        private int samples = 1;
        private Baseline baseline = Baseline.zeros();
        private long seed;
        private BatchPolicy batch = BatchPolicy.DEFAULT;

        private Builder() {
        }

        public Builder samples(int samples) {
            this.samples = samples;
            return this;
        }

        public Builder baseline(Baseline baseline) {
            this.baseline = baseline;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder batch(BatchPolicy batch) {
            this.batch = batch;
            return this;
        }

        public MonotonicityCorrelationConfig build() {
            return new MonotonicityCorrelationConfig(samples, baseline, seed, batch);
        }
    }
}
