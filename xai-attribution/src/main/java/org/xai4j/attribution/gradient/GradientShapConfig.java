package org.xai4j.attribution.gradient;

import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithSamples;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.baseline.BackgroundBaseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link GradientShap} (Lundberg &amp; Lee 2017). Defaults follow Captum's {@code GradientShap.attribute}:
 * 5 samples per row, no input noise, attributions multiplied by (x − baseline), no convergence delta. The background
 * set has no default (Captum's {@code baselines} is required too), so start from {@link #of}. */
@Withers
public record GradientShapConfig(
        @Help("the reference rows baselines are drawn from (Captum's baselines)") BackgroundBaseline background,
        @Help("random baselines and path points per row (Captum's n_samples)") int samples,
        @Help("sd of the Gaussian noise added to the input before each draw (Captum's stdevs)") double noiseSd,
        @Help("multiply each gradient by (input + noise - baseline) (Captum's multiply_by_inputs)")
        boolean multiplyByInputs,
        @Help("also report sum(attribution) - mean(f(x + noise) - f(baseline)) per row; costs forward passes")
        boolean convergenceDelta,
        @Help("draws per model call") BatchPolicy batch,
        @Help("the seed every row draws from") long seed
        ) implements WithBatch, WithSeed, WithSamples, GradientShapConfigWithers {
    /** @param background see {@link #background()}
     * @param samples see {@link #samples()}
     * @param noiseSd see {@link #noiseSd()}
     * @param multiplyByInputs see {@link #multiplyByInputs()}
     * @param convergenceDelta see {@link #convergenceDelta()}
     * @param batch see {@link #batch()}
     * @param seed see {@link #seed()}
     * @throws InvalidConfigException if a setting is null, {@code samples < 1} or {@code noiseSd} not finite ≥ 0 */
    public GradientShapConfig {
        if (background == null) {
            throw new InvalidConfigException("GradientShap needs a background set of baselines (Baseline.background(rows))");
        }
        Checks.requireAtLeast(samples, 1, "samples");
        Checks.requireNonNegative(noiseSd, "noiseSd");
        Checks.requireNonNull(batch, "batch");
    }
    /** {@return Captum's defaults over {@code background}: 5 samples, no noise, multiplied by inputs, no delta}
     * @param background the reference rows baselines are drawn from (B × the model's input row shape) */
    public static GradientShapConfig of(BackgroundBaseline background) {
        return new GradientShapConfig(background, 5, 0, true, false, BatchPolicy.DEFAULT, 0);
    }
}
