package org.xai4j.perturbation.occlusion;

import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Help;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;
import org.xai4j.perturbation.features.Segmenter;

/**
 * Settings of {@link FeatureAblation}. {@link #DEFAULTS}: every element its own feature (Captum's default),
 * zero baseline.
 */
public record FeatureAblationConfig(
        @Help("the feature groups of each row") Segmenter segmenter,
        @Help("the values an ablated group takes: a number, zeros, blur:SIGMA or uniform:LO:HI") Baseline baseline,
        @Help("perturbed rows per model call") BatchPolicy batch,
        @Help("seeds random baselines (the only randomness)") long seed) implements ExplainerConfig {
    /** Every element its own feature, zero baseline, the default batch policy, seed 0. */
    public static final FeatureAblationConfig DEFAULTS = new FeatureAblationConfig(Segmenter.perElement(),
            Baseline.zeros(), BatchPolicy.DEFAULT, 0);

    /**
     * Validates the settings.
     *
     * @param segmenter the feature groups of each row
     * @param baseline the values an ablated group takes: a number, zeros, blur:SIGMA or uniform:LO:HI
     * @param batch perturbed rows per model call
     * @param seed seeds random baselines (the only randomness)
     * @throws org.xai4j.core.InvalidConfigException if a setting is null or out of its range; the message names it
     */
    public FeatureAblationConfig {
        Checks.requireNonNull(segmenter, "segmenter");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch policy");
    }

    /**
     * A copy with another {@code segmenter}.
     *
     * @param segmenter the feature groups of each row
     * @return a copy of these settings with this value replaced, the others unchanged
     * @throws org.xai4j.core.InvalidConfigException if a value is refused (see the constructor)
     */
    public FeatureAblationConfig withSegmenter(Segmenter segmenter) {
        return new FeatureAblationConfig(segmenter, baseline, batch, seed);
    }
    /**
     * A copy with another {@code baseline}.
     *
     * @param baseline the values an ablated group takes: a number, zeros, blur:SIGMA or uniform:LO:HI
     * @return a copy of these settings with this value replaced, the others unchanged
     * @throws org.xai4j.core.InvalidConfigException if a value is refused (see the constructor)
     */
    public FeatureAblationConfig withBaseline(Baseline baseline) {
        return new FeatureAblationConfig(segmenter, baseline, batch, seed);
    }
    /**
     * A copy with another {@code batch}.
     *
     * @param batch perturbed rows per model call
     * @return a copy of these settings with this value replaced, the others unchanged
     * @throws org.xai4j.core.InvalidConfigException if a value is refused (see the constructor)
     */
    public FeatureAblationConfig withBatch(BatchPolicy batch) { return new FeatureAblationConfig(segmenter, baseline, batch, seed); }
    /**
     * A copy with another {@code seed}.
     *
     * @param seed seeds random baselines (the only randomness)
     * @return a copy of these settings with this value replaced, the others unchanged
     * @throws org.xai4j.core.InvalidConfigException if a value is refused (see the constructor)
     */
    public FeatureAblationConfig withSeed(long seed) { return new FeatureAblationConfig(segmenter, baseline, batch, seed); }
}
