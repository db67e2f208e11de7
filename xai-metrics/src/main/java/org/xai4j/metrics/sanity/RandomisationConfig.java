package org.xai4j.metrics.sanity;

import java.util.List;
import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.util.Checks;
import org.xai4j.metrics.similarity.MapSimilarity;

/** Settings of {@link ModelRandomisation} (Adebayo et al. 2018). */
@Withers
public record RandomisationConfig(
        @Help("cascading (top j layers) or independent (only the j-th layer)") Mode mode,
        @Help("how maps are compared") List<MapSimilarity> measures,
        @Help("compare maps by absolute value") boolean absolute,
        @Help("seed of the randomised parameters") long seed) implements WithSeed, RandomisationConfigWithers {
    /** Cascading randomisation, Spearman's ρ (as Adebayo et al.; add SSIM for images), maps compared by absolute value
     * (Adebayo et al. report both), seed 0. */
    public static final RandomisationConfig DEFAULTS = new RandomisationConfig(Mode.CASCADING,
            List.of(MapSimilarity.spearman()), true, 0);
    /** Which layers are randomised at each step. */
    public enum Mode {
        /** Step j randomises the top j layers (output side first), cumulatively. */
        CASCADING,
        /** Step j randomises only the j-th layer from the top. */
        INDEPENDENT
    }
    /** @param mode see {@link #mode()}
     * @param measures see {@link #measures()}
     * @param absolute see {@link #absolute()}
     * @param seed see {@link #seed()}
     * @throws InvalidConfigException if a setting is null, or {@code measures} is empty or repeats a name */
    public RandomisationConfig {
        Checks.requireNonNull(mode, "mode");
        Checks.requireNonNull(measures, "measures");
        if (measures.isEmpty()) {
            throw new InvalidConfigException("the randomisation test needs at least one similarity measure");
        }
        measures = List.copyOf(measures);
        if (measures.stream().map(MapSimilarity::name).distinct().count() != measures.size()) {
            throw new InvalidConfigException("similarity measures must have distinct names but got "
                    + measures.stream().map(MapSimilarity::name).toList());
        }
    }
    /** {@return a copy with {@code measures} replaced}
     * @param measures how maps are compared; not null */
    public RandomisationConfig withMeasures(MapSimilarity... measures) {
        return new RandomisationConfig(mode, measures == null ? null : List.of(measures), absolute, seed);
    }
}
