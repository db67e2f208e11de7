package org.xai4j.metrics.sanity;

import org.xai4j.core.Help;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.util.Checks;
import org.xai4j.metrics.similarity.MapSimilarity;

/** Settings of {@link RandomLogit}. */
@Withers
public record RandomLogitConfig(
        @Help("how the two maps are compared") MapSimilarity measure,
        @Help("compare maps by absolute value") boolean absolute,
        @Help("seed of the random classes") long seed) implements WithSeed, RandomLogitConfigWithers {
    /** Spearman's ρ on signed maps (Quantus uses SSIM, which needs image-shaped maps), seed 0. */
    public static final RandomLogitConfig DEFAULTS = new RandomLogitConfig(MapSimilarity.spearman(), false, 0);
    /** @param measure see {@link #measure()}
     * @param absolute see {@link #absolute()}
     * @param seed see {@link #seed()}
     * @throws org.xai4j.core.InvalidConfigException if {@code measure} is null */
    public RandomLogitConfig {
        Checks.requireNonNull(measure, "measure");
    }
}
