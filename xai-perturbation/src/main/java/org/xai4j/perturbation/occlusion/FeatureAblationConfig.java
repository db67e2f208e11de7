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
    public static final FeatureAblationConfig DEFAULTS = new FeatureAblationConfig(Segmenter.perElement(),
            Baseline.zeros(), BatchPolicy.DEFAULT, 0);

    public FeatureAblationConfig {
        Checks.requireNonNull(segmenter, "segmenter");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch policy");
    }

    public FeatureAblationConfig withSegmenter(Segmenter segmenter) {
        return new FeatureAblationConfig(segmenter, baseline, batch, seed);
    }
    public FeatureAblationConfig withBaseline(Baseline baseline) {
        return new FeatureAblationConfig(segmenter, baseline, batch, seed);
    }
    public FeatureAblationConfig withBatch(BatchPolicy batch) { return new FeatureAblationConfig(segmenter, baseline, batch, seed); }
    public FeatureAblationConfig withSeed(long seed) { return new FeatureAblationConfig(segmenter, baseline, batch, seed); }
}
