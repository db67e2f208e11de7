package org.xai4j.attribution.gradient;

import org.xai4j.attribution.rules.RuleVariant;
import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.WithBatch;
import org.xai4j.core.Withers;
import org.xai4j.core.baseline.BackgroundBaseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link DeepLiftShap}. Defaults follow Captum's {@code DeepLiftShap}: attributions multiplied by (x −
 * baseline), Captum's rules at max pooling and softmax. The background set has no default (Captum's {@code baselines}
 * is required too), so start from {@link #of}; unlike Captum, a single background row is accepted (it is then plain
 * DeepLIFT against that row). */
@Withers
public record DeepLiftShapConfig(
        @Help("the reference rows; the attribution is the mean of DeepLIFT against each") BackgroundBaseline background,
        @Help("multiply the multipliers by (input - baseline) before averaging (Captum's multiply_by_inputs)")
        boolean multiplyByInputs,
        @Help("the rule at max-pool nodes: captum or exact") RuleVariant maxPool,
        @Help("the rule at softmax nodes: captum or exact") RuleVariant softmax,
        @Help("(input row, background row) pairs per pass") BatchPolicy batch
        ) implements WithBatch, DeepLiftShapConfigWithers {
    /** @param background see {@link #background()}
     * @param multiplyByInputs see {@link #multiplyByInputs()}
     * @param maxPool see {@link #maxPool()}
     * @param softmax see {@link #softmax()}
     * @param batch see {@link #batch()}
     * @throws InvalidConfigException if a setting is null or out of its range; the message names it */
    public DeepLiftShapConfig {
        if (background == null) {
            throw new InvalidConfigException("DeepLiftShap needs a background set of baselines (Baseline.background(rows))");
        }
        Checks.requireNonNull(maxPool, "maxPool");
        Checks.requireNonNull(softmax, "softmax");
        Checks.requireNonNull(batch, "batch");
    }
    /** {@return Captum's defaults over {@code background}}
     * @param background the reference rows; the attribution is the mean of DeepLIFT against each */
    public static DeepLiftShapConfig of(BackgroundBaseline background) {
        return new DeepLiftShapConfig(background, true, RuleVariant.CAPTUM, RuleVariant.CAPTUM, BatchPolicy.DEFAULT);
    }
    /** {@return a copy with {@code rules} at both max-pool and softmax nodes}
     * @param rules CAPTUM, or EXACT for exact conservation (summation-to-delta) */
    public DeepLiftShapConfig withRules(RuleVariant rules) {
        return new DeepLiftShapConfig(background, multiplyByInputs, rules, rules, batch);
    }
}
