package org.xai4j.perturbation.shapley;

import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;
import org.xai4j.perturbation.features.Segmenter;

/**
 * Settings of {@link ExactShapley}. {@link #DEFAULTS}: every element its own feature, zero baseline, at most
 * 20 features (2^20 ≈ 10^6 coalitions).
 */
public record ExactShapleyConfig(
        @Help("the features of each row") Segmenter segmenter,
        @Help("\"feature absent\" values: a number, zeros, blur:SIGMA or uniform:LO:HI; a background set is "
                + "averaged over") Baseline baseline,
        @Help("refuse more features than this (2^features coalitions); at most 30") int maxFeatures,
        @Help("perturbed rows per model call") BatchPolicy batch,
        @Help("seeds random baselines") long seed) implements CoalitionSettings {
    /** The hard limit: coalitions are indexed by an int bit set. */
    public static final int HARD_MAX_FEATURES = 30;
    /** Every element its own feature, zero baseline, at most 20 features, seed 0. */
    public static final ExactShapleyConfig DEFAULTS = new ExactShapleyConfig(Segmenter.perElement(), Baseline.zeros(),
            20, BatchPolicy.DEFAULT, 0);

    /**
     * Validates the settings.
     *
     * @param segmenter the features of each row
     * @param baseline "feature absent" values: a number, zeros, blur:SIGMA or uniform:LO:HI; a background set is
     *                 averaged over
     * @param maxFeatures refuse more features than this (2^features coalitions); at most 30
     * @param batch perturbed rows per model call
     * @param seed seeds random baselines
     * @throws org.xai4j.core.InvalidConfigException if a setting is null or out of its range; the message names it
     */
    public ExactShapleyConfig {
        Checks.requireNonNull(segmenter, "segmenter");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch policy");
        if (maxFeatures < 1 || maxFeatures > HARD_MAX_FEATURES) {
            throw new InvalidConfigException("maxFeatures must lie in 1.." + HARD_MAX_FEATURES + " but was " + maxFeatures);
        }
    }

    /**
     * A copy with another {@code segmenter}.
     *
     * @param segmenter the features of each row
     * @return a copy of these settings with this value replaced, the others unchanged
     * @throws org.xai4j.core.InvalidConfigException if a value is refused (see the constructor)
     */
    public ExactShapleyConfig withSegmenter(Segmenter segmenter) {
        return new ExactShapleyConfig(segmenter, baseline, maxFeatures, batch, seed);
    }
    /**
     * A copy with another {@code baseline}.
     *
     * @param baseline "feature absent" values: a number, zeros, blur:SIGMA or uniform:LO:HI; a background set is
     *                 averaged over
     * @return a copy of these settings with this value replaced, the others unchanged
     * @throws org.xai4j.core.InvalidConfigException if a value is refused (see the constructor)
     */
    public ExactShapleyConfig withBaseline(Baseline baseline) {
        return new ExactShapleyConfig(segmenter, baseline, maxFeatures, batch, seed);
    }
    /**
     * A copy with another {@code maxFeatures}.
     *
     * @param maxFeatures refuse more features than this (2^features coalitions); at most 30
     * @return a copy of these settings with this value replaced, the others unchanged
     * @throws org.xai4j.core.InvalidConfigException if a value is refused (see the constructor)
     */
    public ExactShapleyConfig withMaxFeatures(int maxFeatures) {
        return new ExactShapleyConfig(segmenter, baseline, maxFeatures, batch, seed);
    }
    /**
     * A copy with another {@code batch}.
     *
     * @param batch perturbed rows per model call
     * @return a copy of these settings with this value replaced, the others unchanged
     * @throws org.xai4j.core.InvalidConfigException if a value is refused (see the constructor)
     */
    public ExactShapleyConfig withBatch(BatchPolicy batch) {
        return new ExactShapleyConfig(segmenter, baseline, maxFeatures, batch, seed);
    }
    /**
     * A copy with another {@code seed}.
     *
     * @param seed seeds random baselines
     * @return a copy of these settings with this value replaced, the others unchanged
     * @throws org.xai4j.core.InvalidConfigException if a value is refused (see the constructor)
     */
    public ExactShapleyConfig withSeed(long seed) { return new ExactShapleyConfig(segmenter, baseline, maxFeatures, batch, seed); }
}
