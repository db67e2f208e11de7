package org.xai4j.metrics.faithfulness;

import org.xai4j.core.Help;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithSamples;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link Infidelity} (Yeh et al. 2019). */
@Withers
public record InfidelityConfig(
        @Help("perturbations per row (Captum's n_perturb_samples)") int samples,
        @Help("sd of the Gaussian perturbation per input element") double noiseSd,
        @Help("rescale the attributions by the optimal factor beta first (Captum's normalize)") boolean normalize,
        @Help("seed of the perturbations") long seed,
        @Help("rows per model call") BatchPolicy batch
        ) implements WithSeed, WithBatch, WithSamples, InfidelityConfigWithers {
    /** Captum's defaults: 10 perturbations per row, σ = 0.1, no rescaling, seed 0, the default batch policy. */
    public static final InfidelityConfig DEFAULTS = new InfidelityConfig(10, 0.1, false, 0, BatchPolicy.DEFAULT);
    /** @param samples see {@link #samples()}
     * @param noiseSd see {@link #noiseSd()}
     * @param normalize see {@link #normalize()}
     * @param seed see {@link #seed()}
     * @param batch see {@link #batch()}
     * @throws org.xai4j.core.InvalidConfigException if {@code samples} is below 1, {@code noiseSd} is not a positive
     *     finite number or {@code batch} is null */
    public InfidelityConfig {
        Checks.requireAtLeast(samples, 1, "samples");
        Checks.requirePositive(noiseSd, "noiseSd");
        Checks.requireNonNull(batch, "batch");
    }
}
