package org.xai4j.perturbation.shapley;

import org.xai4j.core.Help;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;
import org.xai4j.perturbation.features.Segmenter;

/**
 * Settings of {@link ShapleyValueSampling} (Castro et al. 2009). {@link #DEFAULTS}: every element its own
 * feature, zero baseline, 25 orderings (Captum's {@code n_samples}), antithetic.
 */
public record ShapleyValueSamplingConfig(
        @Help("the features of each row") Segmenter segmenter,
        @Help("\"feature absent\" values: a number, zeros, blur:SIGMA or uniform:LO:HI; a background set is "
                + "averaged over") Baseline baseline,
        @Help("feature orderings evaluated (Captum's n_samples)") int permutations,
        @Help("every second ordering is the reverse of the one before") boolean antithetic,
        @Help("perturbed rows per model call") BatchPolicy batch,
        @Help("seeds the orderings") long seed) implements CoalitionSettings {
    /** Every element its own feature, zero baseline, 25 antithetic orderings, seed 0. */
    public static final ShapleyValueSamplingConfig DEFAULTS = new ShapleyValueSamplingConfig(Segmenter.perElement(),
            Baseline.zeros(), 25, true, BatchPolicy.DEFAULT, 0);

    /**
     * Validates the settings.
     *
     * @param segmenter the features of each row
     * @param baseline "feature absent" values: a number, zeros, blur:SIGMA or uniform:LO:HI; a background set is
     *                 averaged over
     * @param permutations feature orderings evaluated (Captum's n_samples)
     * @param antithetic every second ordering is the reverse of the one before
     * @param batch perturbed rows per model call
     * @param seed seeds the orderings
     * @throws org.xai4j.core.InvalidConfigException if a setting is null or out of its range; the message names it
     */
    public ShapleyValueSamplingConfig {
        Checks.requireNonNull(segmenter, "segmenter");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireAtLeast(permutations, 1, "permutations");
        Checks.requireNonNull(batch, "batch policy");
    }

    /**
     * A copy with another {@code segmenter}.
     *
     * @param segmenter the features of each row
     * @return a copy of these settings with this value replaced, the others unchanged
     * @throws org.xai4j.core.InvalidConfigException if a value is refused (see the constructor)
     */
    public ShapleyValueSamplingConfig withSegmenter(Segmenter segmenter) {
        return new ShapleyValueSamplingConfig(segmenter, baseline, permutations, antithetic, batch, seed);
    }
    /**
     * A copy with another {@code baseline}.
     *
     * @param baseline "feature absent" values: a number, zeros, blur:SIGMA or uniform:LO:HI; a background set is
     *                 averaged over
     * @return a copy of these settings with this value replaced, the others unchanged
     * @throws org.xai4j.core.InvalidConfigException if a value is refused (see the constructor)
     */
    public ShapleyValueSamplingConfig withBaseline(Baseline baseline) {
        return new ShapleyValueSamplingConfig(segmenter, baseline, permutations, antithetic, batch, seed);
    }
    /**
     * A copy with another {@code permutations}.
     *
     * @param permutations feature orderings evaluated (Captum's n_samples)
     * @return a copy of these settings with this value replaced, the others unchanged
     * @throws org.xai4j.core.InvalidConfigException if a value is refused (see the constructor)
     */
    public ShapleyValueSamplingConfig withPermutations(int permutations) {
        return new ShapleyValueSamplingConfig(segmenter, baseline, permutations, antithetic, batch, seed);
    }
    /**
     * A copy with another {@code antithetic}.
     *
     * @param antithetic every second ordering is the reverse of the one before
     * @return a copy of these settings with this value replaced, the others unchanged
     * @throws org.xai4j.core.InvalidConfigException if a value is refused (see the constructor)
     */
    public ShapleyValueSamplingConfig withAntithetic(boolean antithetic) {
        return new ShapleyValueSamplingConfig(segmenter, baseline, permutations, antithetic, batch, seed);
    }
    /**
     * A copy with another {@code batch}.
     *
     * @param batch perturbed rows per model call
     * @return a copy of these settings with this value replaced, the others unchanged
     * @throws org.xai4j.core.InvalidConfigException if a value is refused (see the constructor)
     */
    public ShapleyValueSamplingConfig withBatch(BatchPolicy batch) {
        return new ShapleyValueSamplingConfig(segmenter, baseline, permutations, antithetic, batch, seed);
    }
    /**
     * A copy with another {@code seed}.
     *
     * @param seed seeds the orderings
     * @return a copy of these settings with this value replaced, the others unchanged
     * @throws org.xai4j.core.InvalidConfigException if a value is refused (see the constructor)
     */
    public ShapleyValueSamplingConfig withSeed(long seed) {
        return new ShapleyValueSamplingConfig(segmenter, baseline, permutations, antithetic, batch, seed);
    }
}
