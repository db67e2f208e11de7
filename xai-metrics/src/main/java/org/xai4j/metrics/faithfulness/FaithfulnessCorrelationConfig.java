package org.xai4j.metrics.faithfulness;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link FaithfulnessCorrelation}.
 *
 * @param runs           random subsets per row (default 100, as Quantus)
 * @param subsetFraction the share of features in each subset, k = max(1, round(fraction·n)) (default 0.1)
 * @param baseline       the value of removed features (default zeros)
 * @param seed           seed of the subsets (and of a random baseline)
 * @param batch          rows per model call
 */
public record FaithfulnessCorrelationConfig(int runs, double subsetFraction, Baseline baseline, long seed, BatchPolicy batch)
        implements ExplainerConfig {
    public FaithfulnessCorrelationConfig {
        Checks.requireAtLeast(runs, 3, "runs");
        Checks.requireInRange(subsetFraction, Double.MIN_VALUE, 1.0, "subsetFraction");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch");
    }

    public static FaithfulnessCorrelationConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("runs", Integer.toString(runs));
        m.put("subsetFraction", Double.toString(subsetFraction));
        m.put("baseline", baseline.describe());
        m.put("seed", Long.toString(seed));
        m.put("maxRows", Integer.toString(batch.maxRows()));
        return m;
    }

    /** Builder with the defaults. */
    public static final class Builder {
        private int runs = 100;
        private double subsetFraction = 0.1;
        private Baseline baseline = Baseline.zeros();
        private long seed;
        private BatchPolicy batch = BatchPolicy.DEFAULT;

        private Builder() {
        }

        public Builder runs(int runs) {
            this.runs = runs;
            return this;
        }

        public Builder subsetFraction(double subsetFraction) {
            this.subsetFraction = subsetFraction;
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

        public FaithfulnessCorrelationConfig build() {
            return new FaithfulnessCorrelationConfig(runs, subsetFraction, baseline, seed, batch);
        }
    }
}
