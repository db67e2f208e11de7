package org.xai4j.attribution.gradient;

import org.xai4j.attribution.rules.RuleVariant;
import org.xai4j.core.Help;
import org.xai4j.core.WithBaseline;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link DeepLift} (Shrikumar et al. 2017); {@link #DEFAULTS} follow Captum's {@code DeepLift}.
 * Differences from Captum: the convergence delta is always reported (one forward pass of the baselines), the rows of a
 * batch never influence each other (Captum's softmax rule and its max-pool fallback mix rows), and every element-wise
 * nonlinearity gets the Rescale rule (Captum's hooks skip SiLU, hard sigmoid, hard swish). */
@Withers
public record DeepLiftConfig(
        @Help("the reference input: a number, zeros, blur:SIGMA or uniform:LO:HI") Baseline baseline,
        @Help("multiply the multipliers by (input - baseline) (Captum's multiply_by_inputs)") boolean multiplyByInputs,
        @Help("the rule at max-pool nodes: captum (loses part of the change where windows overlap) or exact")
        RuleVariant maxPool,
        @Help("the rule at softmax nodes: captum (not conserving) or exact") RuleVariant softmax,
        @Help("rows per pass") BatchPolicy batch,
        @Help("seed for random baselines (each row draws from it alone)") long seed)
        implements WithBaseline, WithBatch, WithSeed, DeepLiftConfigWithers {
    /** Captum's defaults: zero baseline, multiplied by (x − baseline), Captum's rules at max pooling and softmax, 64
     * rows per pass, seed 0. */
    public static final DeepLiftConfig DEFAULTS = new DeepLiftConfig(Baseline.zeros(), true, RuleVariant.CAPTUM,
            RuleVariant.CAPTUM, BatchPolicy.DEFAULT, 0);
    /** @param baseline see {@link #baseline()}
     * @param multiplyByInputs see {@link #multiplyByInputs()}
     * @param maxPool see {@link #maxPool()}
     * @param softmax see {@link #softmax()}
     * @param batch see {@link #batch()}
     * @param seed see {@link #seed()}
     * @throws org.xai4j.core.InvalidConfigException if a setting is null or out of its range; the message names it */
    public DeepLiftConfig {
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(maxPool, "maxPool");
        Checks.requireNonNull(softmax, "softmax");
        Checks.requireNonNull(batch, "batch");
    }
    /** {@return a copy with {@code rules} at both max-pool and softmax nodes}
     * @param rules CAPTUM, or EXACT for exact conservation (summation-to-delta) */
    public DeepLiftConfig withRules(RuleVariant rules) {
        return new DeepLiftConfig(baseline, multiplyByInputs, rules, rules, batch, seed);
    }
}
