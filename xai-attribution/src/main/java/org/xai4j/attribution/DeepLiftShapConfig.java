package org.xai4j.attribution;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.baseline.BackgroundBaseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link DeepLiftShap}. Defaults follow Captum's {@code DeepLiftShap}: attributions multiplied by
 * (x − baseline), Captum's rules at max pooling and softmax. The background set has no default (Captum's
 * {@code baselines} is required too); unlike Captum, a single background row is accepted (it is then plain
 * DeepLIFT against that row).
 *
 * @param background       the reference rows (Captum's {@code baselines}); the attribution is the mean of
 *                         DeepLIFT against each of them
 * @param multiplyByInputs multiply the multipliers by (x − baseline) before averaging (Captum's
 *                         {@code multiply_by_inputs})
 * @param maxPool          the rule at max-pool nodes ({@link RuleVariant})
 * @param softmax          the rule at softmax nodes ({@link RuleVariant})
 * @param batchPolicy      how many (input row, background row) pairs one pass takes
 */
public record DeepLiftShapConfig(BackgroundBaseline background, boolean multiplyByInputs, RuleVariant maxPool,
                                 RuleVariant softmax, BatchPolicy batchPolicy) implements ExplainerConfig {
    public DeepLiftShapConfig {
        if (background == null) {
            throw new InvalidConfigException("DeepLiftShap needs a background set of baselines (Baseline.background(rows))");
        }
        Checks.requireNonNull(maxPool, "maxPool");
        Checks.requireNonNull(softmax, "softmax");
        Checks.requireNonNull(batchPolicy, "batchPolicy");
    }

    /** A builder with Captum's defaults over {@code background}. */
    public static Builder builder(BackgroundBaseline background) {
        return new Builder(background);
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("baseline", background.describe());
        m.put("multiplyByInputs", Boolean.toString(multiplyByInputs));
        m.put("maxPool", maxPool.name());
        m.put("softmax", softmax.name());
        Configs.putBatch(m, batchPolicy);
        return m;
    }

    /** Builder with Captum's defaults. */
    public static final class Builder {
        private final BackgroundBaseline background;
        private boolean multiplyByInputs = true;
        private RuleVariant maxPool = RuleVariant.CAPTUM;
        private RuleVariant softmax = RuleVariant.CAPTUM;
        private BatchPolicy batchPolicy = BatchPolicy.DEFAULT;

        private Builder(BackgroundBaseline background) {
            this.background = background;
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

        /** Both the max-pool and the softmax rule. */
        public Builder rules(RuleVariant variant) {
            this.maxPool = variant;
            this.softmax = variant;
            return this;
        }

        public Builder batchPolicy(BatchPolicy batchPolicy) {
            this.batchPolicy = batchPolicy;
            return this;
        }

        public DeepLiftShapConfig build() {
            return new DeepLiftShapConfig(background, multiplyByInputs, maxPool, softmax, batchPolicy);
        }
    }
}
