package org.xai4j.attribution;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link DeepLift}. Defaults follow Captum's {@code DeepLift}: zero baseline, attributions
 * multiplied by (x − baseline), Captum's rules at max pooling and softmax. Differences from Captum: the
 * convergence delta is always reported (one forward pass of the baselines), the rows of a batch never
 * influence each other (Captum's softmax rule and its max-pool fallback mix rows), and every element-wise
 * nonlinearity gets the Rescale rule (Captum's module hooks skip SiLU, hard sigmoid and hard swish).
 *
 * @param baseline         the reference input (Captum's {@code baselines})
 * @param multiplyByInputs multiply the multipliers by (x − baseline) (Captum's {@code multiply_by_inputs});
 *                         without it the result is the multipliers themselves
 * @param maxPool          the rule at max-pool nodes: {@link RuleVariant#CAPTUM} (loses part of the change
 *                         where windows overlap) or {@link RuleVariant#EXACT}
 * @param softmax          the rule at softmax nodes: {@link RuleVariant#CAPTUM} (not conserving) or
 *                         {@link RuleVariant#EXACT}
 * @param batchPolicy      how many rows one pass takes
 * @param seed             seed for random baselines (each row draws from this seed alone)
 */
public record DeepLiftConfig(Baseline baseline, boolean multiplyByInputs, RuleVariant maxPool, RuleVariant softmax,
                             BatchPolicy batchPolicy, long seed) implements ExplainerConfig {
    public DeepLiftConfig {
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(maxPool, "maxPool");
        Checks.requireNonNull(softmax, "softmax");
        Checks.requireNonNull(batchPolicy, "batchPolicy");
    }

    /** Captum's defaults. */
    public static DeepLiftConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder().baseline(baseline).multiplyByInputs(multiplyByInputs).maxPool(maxPool).softmax(softmax)
                .batchPolicy(batchPolicy).seed(seed);
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("baseline", baseline.describe());
        m.put("multiplyByInputs", Boolean.toString(multiplyByInputs));
        m.put("maxPool", maxPool.name());
        m.put("softmax", softmax.name());
        Configs.putBatch(m, batchPolicy);
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** Builder with Captum's defaults. */
    public static final class Builder {
        private Baseline baseline = Baseline.zeros();
        private boolean multiplyByInputs = true;
        private RuleVariant maxPool = RuleVariant.CAPTUM;
        private RuleVariant softmax = RuleVariant.CAPTUM;
        private BatchPolicy batchPolicy = BatchPolicy.DEFAULT;
        private long seed;

        private Builder() {
        }

        public Builder baseline(Baseline baseline) {
            this.baseline = baseline;
            return this;
        }

        public Builder multiplyByInputs(boolean multiplyByInputs) {
            this.multiplyByInputs = multiplyByInputs;
            return this;
        }

        /** The max-pool rule (default {@link RuleVariant#CAPTUM}). */
        public Builder maxPool(RuleVariant maxPool) {
            this.maxPool = maxPool;
            return this;
        }

        /** The softmax rule (default {@link RuleVariant#CAPTUM}). */
        public Builder softmax(RuleVariant softmax) {
            this.softmax = softmax;
            return this;
        }

        /** Both the max-pool and the softmax rule, e.g. {@link RuleVariant#EXACT} for exact conservation. */
        public Builder rules(RuleVariant variant) {
            this.maxPool = variant;
            this.softmax = variant;
            return this;
        }

        public Builder batchPolicy(BatchPolicy batchPolicy) {
            this.batchPolicy = batchPolicy;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public DeepLiftConfig build() {
            return new DeepLiftConfig(baseline, multiplyByInputs, maxPool, softmax, batchPolicy, seed);
        }
    }
}
