package org.xai4j.metrics.faithfulness;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of the perturbation curves ({@link Deletion}, {@link Insertion}, {@link PixelFlipping},
 * {@link Monotonicity}).
 *
 * @param order    which features go first (default most relevant first); {@link Monotonicity} ignores
 *                 it and always adds the least relevant first
 * @param stepSize features perturbed per step, ≥ 1 (default 1; for a 224×224 map a step of a few
 *                 hundred pixels keeps the number of model calls reasonable)
 * @param baseline the value a deleted feature takes, or the starting image for insertion (default zeros)
 * @param seed     seed for random baselines (default 0)
 * @param batch    rows per model call (default {@link BatchPolicy#DEFAULT})
 */
public record CurveConfig(PerturbationOrder order, int stepSize, Baseline baseline, long seed, BatchPolicy batch)
        implements ExplainerConfig {
    public CurveConfig {
        Checks.requireNonNull(order, "order");
        Checks.requireAtLeast(stepSize, 1, "stepSize");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch");
    }

    /** The defaults. */
    public static CurveConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("order", order.name());
        m.put("stepSize", Integer.toString(stepSize));
        m.put("baseline", baseline.describe());
        m.put("seed", Long.toString(seed));
        m.put("maxRows", Integer.toString(batch.maxRows()));
        return m;
    }

    /** Builder with the defaults. */
    public static final class Builder {
        private PerturbationOrder order = PerturbationOrder.MOST_RELEVANT_FIRST;
        private int stepSize = 1;
        private Baseline baseline = Baseline.zeros();
        private long seed;
        private BatchPolicy batch = BatchPolicy.DEFAULT;

        private Builder() {
        }

        public Builder order(PerturbationOrder order) {
            this.order = order;
            return this;
        }

        public Builder stepSize(int stepSize) {
            this.stepSize = stepSize;
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

        public CurveConfig build() {
            return new CurveConfig(order, stepSize, baseline, seed, batch);
        }
    }
}
