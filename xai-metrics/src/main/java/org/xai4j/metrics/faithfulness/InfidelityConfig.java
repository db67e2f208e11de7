package org.xai4j.metrics.faithfulness;

import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Help;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link Infidelity} (Yeh et al. 2019). {@link #DEFAULTS}: Captum's 10 samples, σ = 0.1, no rescaling. */
public record InfidelityConfig(
        @Help("perturbations per row (Captum's n_perturb_samples)") int samples,
        @Help("sd of the Gaussian perturbation per input element") double noiseSd,
        @Help("rescale the attributions by the optimal factor beta first (Captum's normalize)") boolean normalize,
        @Help("seed of the perturbations") long seed,
        @Help("rows per model call") BatchPolicy batch) implements ExplainerConfig {
    /** Captum's defaults: 10 perturbations per row, σ = 0.1, no rescaling, seed 0, the default batch policy. */
    public static final InfidelityConfig DEFAULTS = new InfidelityConfig(10, 0.1, false, 0, BatchPolicy.DEFAULT);

    /**
     * Checks the settings.
     *
     * @param samples perturbations per row (Captum's n_perturb_samples); at least 1
     * @param noiseSd sd of the Gaussian perturbation per input element; &gt; 0
     * @param normalize rescale the attributions by the optimal factor beta first (Captum's normalize)
     * @param seed seed of the perturbations
     * @param batch rows per model call; not null
     * @throws org.xai4j.core.InvalidConfigException if {@code samples} is below 1, {@code noiseSd} is not a
     *     positive finite number or {@code batch} is null
     */
    public InfidelityConfig {
        Checks.requireAtLeast(samples, 1, "samples");
        Checks.requirePositive(noiseSd, "noiseSd");
        Checks.requireNonNull(batch, "batch");
    }

    /**
     * These settings with another {@code samples}.
     *
     * @param samples perturbations per row (Captum's n_perturb_samples); at least 1
     * @return a copy with {@code samples} replaced
     */
    public InfidelityConfig withSamples(int samples) { return new InfidelityConfig(samples, noiseSd, normalize, seed, batch); }
    /**
     * These settings with another {@code noiseSd}.
     *
     * @param noiseSd sd of the Gaussian perturbation per input element; &gt; 0
     * @return a copy with {@code noiseSd} replaced
     */
    public InfidelityConfig withNoiseSd(double noiseSd) { return new InfidelityConfig(samples, noiseSd, normalize, seed, batch); }
    /**
     * These settings with another {@code normalize}.
     *
     * @param normalize rescale the attributions by the optimal factor beta first (Captum's normalize)
     * @return a copy with {@code normalize} replaced
     */
    public InfidelityConfig withNormalize(boolean normalize) { return new InfidelityConfig(samples, noiseSd, normalize, seed, batch); }
    /**
     * These settings with another {@code seed}.
     *
     * @param seed seed of the perturbations
     * @return a copy with {@code seed} replaced
     */
    public InfidelityConfig withSeed(long seed) { return new InfidelityConfig(samples, noiseSd, normalize, seed, batch); }
    /**
     * These settings with another {@code batch}.
     *
     * @param batch rows per model call; not null
     * @return a copy with {@code batch} replaced
     */
    public InfidelityConfig withBatch(BatchPolicy batch) { return new InfidelityConfig(samples, noiseSd, normalize, seed, batch); }
}
