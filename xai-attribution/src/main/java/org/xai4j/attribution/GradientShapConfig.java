package org.xai4j.attribution;

import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.baseline.BackgroundBaseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link GradientShap} (Lundberg &amp; Lee 2017). Defaults follow Captum's
 * {@code GradientShap.attribute}: 5 samples per row, no input noise, attributions multiplied by
 * (x − baseline), no convergence delta. The background set has no default (Captum's {@code baselines} is
 * required too), so start from {@link #of}.
 */
public record GradientShapConfig(
        @Help("the reference rows baselines are drawn from (Captum's baselines)") BackgroundBaseline background,
        @Help("random baselines and path points per row (Captum's n_samples)") int samples,
        @Help("sd of the Gaussian noise added to the input before each draw (Captum's stdevs)") double noiseSd,
        @Help("multiply each gradient by (input + noise - baseline) (Captum's multiply_by_inputs)")
        boolean multiplyByInputs,
        @Help("also report sum(attribution) - mean(f(x + noise) - f(baseline)) per row; costs forward passes")
        boolean convergenceDelta,
        @Help("draws per model call") BatchPolicy batch,
        @Help("the seed every row draws from") long seed) implements ExplainerConfig {
    /**
     * Checks the settings.
     *
     * @param background       the reference rows baselines are drawn from, B × (the model's input row shape)
     * @param samples          draws per row (Captum's {@code n_samples}), ≥ 1
     * @param noiseSd          σ of the Gaussian noise added to the input before each draw, in the input's units, ≥ 0
     * @param multiplyByInputs multiply each gradient by (x̃ − b) (Captum's {@code multiply_by_inputs})
     * @param convergenceDelta also report sum(attribution) − mean(f(x̃) − f(b)) per row, at the cost of forward passes
     * @param batch            how many draws go through the model per call
     * @param seed             the seed every row's generator starts from
     * @throws InvalidConfigException if {@code background} or {@code batch} is null, {@code samples < 1} or
     *                                {@code noiseSd} is negative or not finite
     */
    public GradientShapConfig {
        if (background == null) {
            throw new InvalidConfigException("GradientShap needs a background set of baselines (Baseline.background(rows))");
        }
        Checks.requireAtLeast(samples, 1, "samples");
        Checks.requireNonNegative(noiseSd, "noiseSd");
        Checks.requireNonNull(batch, "batch");
    }

    /**
     * Captum's defaults over {@code background}: 5 samples, no noise, multiplied by inputs, no convergence delta,
     * the default batch policy, seed 0.
     *
     * @param background the reference rows baselines are drawn from (B × the model's input row shape)
     * @return the settings
     * @throws InvalidConfigException if {@code background} is null
     */
    public static GradientShapConfig of(BackgroundBaseline background) {
        return new GradientShapConfig(background, 5, 0, true, false, BatchPolicy.DEFAULT, 0);
    }

    /**
     * A copy drawing baselines from another background set.
     *
     * @param background the reference rows; not null
     * @return new settings, the other components unchanged
     * @throws InvalidConfigException if {@code background} is null
     */
    public GradientShapConfig withBackground(BackgroundBaseline background) {
        return new GradientShapConfig(background, samples, noiseSd, multiplyByInputs, convergenceDelta, batch, seed);
    }

    /**
     * A copy with another number of draws per row (Captum's {@code n_samples}).
     *
     * @param samples draws per row, ≥ 1; each costs one gradient per row
     * @return new settings, the other components unchanged
     * @throws InvalidConfigException if {@code samples < 1}
     */
    public GradientShapConfig withSamples(int samples) {
        return new GradientShapConfig(background, samples, noiseSd, multiplyByInputs, convergenceDelta, batch, seed);
    }

    /**
     * A copy with another standard deviation of the Gaussian input noise (Captum's {@code stdevs}).
     *
     * @param noiseSd σ, in the input's units, ≥ 0; 0 adds no noise
     * @return new settings, the other components unchanged
     * @throws InvalidConfigException if {@code noiseSd} is negative or not finite
     */
    public GradientShapConfig withNoiseSd(double noiseSd) {
        return new GradientShapConfig(background, samples, noiseSd, multiplyByInputs, convergenceDelta, batch, seed);
    }

    /**
     * A copy that multiplies each gradient by (x̃ − b), or reports the mean gradient alone.
     *
     * @param multiplyByInputs true for (x̃ − b) ⊙ ∇f (Captum's default), false for ∇f alone
     * @return new settings, the other components unchanged
     */
    public GradientShapConfig withMultiplyByInputs(boolean multiplyByInputs) {
        return new GradientShapConfig(background, samples, noiseSd, multiplyByInputs, convergenceDelta, batch, seed);
    }

    /**
     * A copy that reports, or skips, the convergence delta per row.
     *
     * @param convergenceDelta true to also compute sum(attribution) − mean(f(x̃) − f(b)) per row, which costs
     *                         extra forward passes
     * @return new settings, the other components unchanged
     */
    public GradientShapConfig withConvergenceDelta(boolean convergenceDelta) {
        return new GradientShapConfig(background, samples, noiseSd, multiplyByInputs, convergenceDelta, batch, seed);
    }

    /**
     * A copy with another batch policy.
     *
     * @param batch how many draws go through the model per call; not null
     * @return new settings, the other components unchanged
     * @throws InvalidConfigException if {@code batch} is null
     */
    public GradientShapConfig withBatch(BatchPolicy batch) {
        return new GradientShapConfig(background, samples, noiseSd, multiplyByInputs, convergenceDelta, batch, seed);
    }

    /**
     * A copy with another seed.
     *
     * @param seed the seed every row's generator starts from (the same seed for every row)
     * @return new settings, the other components unchanged
     */
    public GradientShapConfig withSeed(long seed) {
        return new GradientShapConfig(background, samples, noiseSd, multiplyByInputs, convergenceDelta, batch, seed);
    }
}
