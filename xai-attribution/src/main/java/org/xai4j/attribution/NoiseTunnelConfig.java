package org.xai4j.attribution;

import org.xai4j.core.Help;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithSamples;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link NoiseTunnel} (SmoothGrad, Smilkov et al. 2017; VarGrad, Adebayo et al. 2018). {@link #DEFAULTS}
 * follow Captum's {@code NoiseTunnel.attribute}; {@link #SMOOTHGRAD_PAPER} is the SmoothGrad paper's choice, what
 * {@code xai explain smoothgrad} runs. Captum's {@code draw_baseline_from_distrib} has no counterpart here. */
@Withers
public record NoiseTunnelConfig(
        @Help("how the noisy attributions are combined: smoothgrad, smoothgrad-sq or vargrad") NoiseTunnelType type,
        @Help("noisy copies per row (Captum's nt_samples)") int samples,
        @Help("the noise's standard deviation, absolute or as a fraction of each row's range (see scale)") double noise,
        @Help("what noise measures: absolute or fraction-of-range") NoiseScale scale,
        @Help("noisy rows per call of the wrapped method") BatchPolicy batch,
        @Help("the seed every row draws its noise from") long seed
        ) implements WithBatch, WithSeed, WithSamples, NoiseTunnelConfigWithers {
    /** Captum's defaults: SmoothGrad, 5 samples, absolute standard deviation 1.0, 64 rows per call, seed 0. */
    public static final NoiseTunnelConfig DEFAULTS = new NoiseTunnelConfig(NoiseTunnelType.SMOOTHGRAD, 5, 1.0,
            NoiseScale.ABSOLUTE, BatchPolicy.DEFAULT, 0);
    /** The SmoothGrad paper's settings: 25 samples, noise 15% of each row's range (the paper's 10–20%). */
    public static final NoiseTunnelConfig SMOOTHGRAD_PAPER = DEFAULTS.withSamples(25).withFractionOfRange(0.15);
    /** @param type see {@link #type()}
     * @param samples see {@link #samples()}
     * @param noise see {@link #noise()}
     * @param scale see {@link #scale()}
     * @param batch see {@link #batch()}
     * @param seed see {@link #seed()}
     * @throws org.xai4j.core.InvalidConfigException if {@code type}, {@code scale} or {@code batch} is null, {@code
     *     samples < 1}, or {@code noise} is negative or not finite */
    public NoiseTunnelConfig {
        Checks.requireNonNull(type, "type");
        Checks.requireAtLeast(samples, 1, "samples");
        Checks.requireNonNegative(noise, "noise");
        Checks.requireNonNull(scale, "scale");
        Checks.requireNonNull(batch, "batch");
    }
    /** {@return a copy with an absolute standard deviation {@code sd} ({@link NoiseScale#ABSOLUTE})}
     * @param sd the noise's standard deviation in the input's units, ≥ 0 */
    public NoiseTunnelConfig withSd(double sd) {
        return new NoiseTunnelConfig(type, samples, sd, NoiseScale.ABSOLUTE, batch, seed);
    }
    /** {@return a copy with a standard deviation of {@code fraction} × each row's range (FRACTION_OF_RANGE)}
     * @param fraction the fraction of (max − min) of each row, ≥ 0; the SmoothGrad paper uses 0.1–0.2 */
    public NoiseTunnelConfig withFractionOfRange(double fraction) {
        return new NoiseTunnelConfig(type, samples, fraction, NoiseScale.FRACTION_OF_RANGE, batch, seed);
    }
}
