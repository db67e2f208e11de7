package org.xai4j.perturbation.occlusion;

import org.xai4j.core.Help;
import org.xai4j.core.WithBaseline;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;
import org.xai4j.perturbation.features.Segmenter;

/** Settings of {@link FeatureAblation}. */
@Withers
public record FeatureAblationConfig(
        @Help("the feature groups of each row") Segmenter segmenter,
        @Help("the values an ablated group takes: a number, zeros, blur:SIGMA or uniform:LO:HI") Baseline baseline,
        @Help("perturbed rows per model call") BatchPolicy batch,
        @Help("seeds random baselines (the only randomness)") long seed
        ) implements WithBaseline, WithBatch, WithSeed, FeatureAblationConfigWithers {
    /** Every element its own feature (Captum's default), zero baseline, the default batch policy, seed 0. */
    public static final FeatureAblationConfig DEFAULTS = new FeatureAblationConfig(Segmenter.perElement(),
            Baseline.zeros(), BatchPolicy.DEFAULT, 0);
    /** @param segmenter see {@link #segmenter()}
     * @param baseline see {@link #baseline()}
     * @param batch see {@link #batch()}
     * @param seed see {@link #seed()}
     * @throws org.xai4j.core.InvalidConfigException if a setting is null or out of its range; the message names it */
    public FeatureAblationConfig {
        Checks.requireNonNull(segmenter, "segmenter");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch policy");
    }
}
