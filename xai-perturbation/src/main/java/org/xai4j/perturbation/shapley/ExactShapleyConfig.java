package org.xai4j.perturbation.shapley;

import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.WithBaseline;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;
import org.xai4j.perturbation.features.Segmenter;

/** Settings of {@link ExactShapley}. */
@Withers
public record ExactShapleyConfig(
        @Help("the features of each row") Segmenter segmenter,
        @Help("\"feature absent\" values: a number, zeros, blur:SIGMA or uniform:LO:HI; a background set is "
                + "averaged over") Baseline baseline,
        @Help("refuse more features than this (2^features coalitions); at most 30") int maxFeatures,
        @Help("perturbed rows per model call") BatchPolicy batch,
        @Help("seeds random baselines") long seed
        ) implements CoalitionSettings, WithBaseline, WithBatch, WithSeed, ExactShapleyConfigWithers {
    /** The hard limit: coalitions are indexed by an int bit set. */
    public static final int HARD_MAX_FEATURES = 30;
    /** Every element its own feature, zero baseline, at most 20 features (2^20 ≈ 10^6 coalitions), seed 0. */
    public static final ExactShapleyConfig DEFAULTS = new ExactShapleyConfig(Segmenter.perElement(), Baseline.zeros(),
            20, BatchPolicy.DEFAULT, 0);
    /** @param segmenter see {@link #segmenter()}
     * @param baseline see {@link #baseline()}
     * @param maxFeatures see {@link #maxFeatures()}
     * @param batch see {@link #batch()}
     * @param seed see {@link #seed()}
     * @throws InvalidConfigException if a setting is null or out of its range; the message names it */
    public ExactShapleyConfig {
        Checks.requireNonNull(segmenter, "segmenter");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch policy");
        if (maxFeatures < 1 || maxFeatures > HARD_MAX_FEATURES) {
            throw new InvalidConfigException("maxFeatures must lie in 1.." + HARD_MAX_FEATURES + " but was "
                    + maxFeatures);
        }
    }
}
