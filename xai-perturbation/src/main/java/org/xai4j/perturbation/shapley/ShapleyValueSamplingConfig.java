package org.xai4j.perturbation.shapley;

import org.xai4j.core.Help;
import org.xai4j.core.WithBaseline;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;
import org.xai4j.perturbation.features.Segmenter;

/** Settings of {@link ShapleyValueSampling} (Castro et al. 2009). */
@Withers
public record ShapleyValueSamplingConfig(
        @Help("the features of each row") Segmenter segmenter,
        @Help("\"feature absent\" values: a number, zeros, blur:SIGMA or uniform:LO:HI; a background set is "
                + "averaged over") Baseline baseline,
        @Help("feature orderings evaluated (Captum's n_samples)") int permutations,
        @Help("every second ordering is the reverse of the one before") boolean antithetic,
        @Help("perturbed rows per model call") BatchPolicy batch,
        @Help("seeds the orderings") long seed
        ) implements CoalitionSettings, WithBaseline, WithBatch, WithSeed, ShapleyValueSamplingConfigWithers {
    /** Every element its own feature, zero baseline, 25 antithetic orderings (Captum's {@code n_samples}), seed 0. */
    public static final ShapleyValueSamplingConfig DEFAULTS = new ShapleyValueSamplingConfig(Segmenter.perElement(),
            Baseline.zeros(), 25, true, BatchPolicy.DEFAULT, 0);
    /** @param segmenter see {@link #segmenter()}
     * @param baseline see {@link #baseline()}
     * @param permutations see {@link #permutations()}
     * @param antithetic see {@link #antithetic()}
     * @param batch see {@link #batch()}
     * @param seed see {@link #seed()}
     * @throws org.xai4j.core.InvalidConfigException if a setting is null or out of its range; the message names it */
    public ShapleyValueSamplingConfig {
        Checks.requireNonNull(segmenter, "segmenter");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireAtLeast(permutations, 1, "permutations");
        Checks.requireNonNull(batch, "batch policy");
    }
}
