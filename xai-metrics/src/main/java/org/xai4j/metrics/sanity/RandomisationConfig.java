package org.xai4j.metrics.sanity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.util.Checks;
import org.xai4j.metrics.similarity.MapSimilarity;

/**
 * Settings of {@link ModelRandomisation}.
 *
 * @param mode     {@link Mode#CASCADING} (default) or {@link Mode#INDEPENDENT}
 * @param measures how maps are compared (default Spearman's ρ, as Adebayo et al.; add SSIM for images)
 * @param absolute whether maps are compared by absolute value (default true; Adebayo et al. report both)
 * @param seed     seed of the randomised parameters
 */
public record RandomisationConfig(Mode mode, List<MapSimilarity> measures, boolean absolute, long seed)
        implements ExplainerConfig {
    /** Which layers are randomised at each step. */
    public enum Mode {
        /** Step j randomises the top j layers (output side first), cumulatively. */
        CASCADING,
        /** Step j randomises only the j-th layer from the top. */
        INDEPENDENT
    }

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

    public static RandomisationConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mode", mode.name());
        m.put("measures", measures.stream().map(MapSimilarity::name).collect(Collectors.joining(",")));
        m.put("absolute", Boolean.toString(absolute));
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** Builder with the defaults. */
    public static final class Builder {
        private Mode mode = Mode.CASCADING;
        private List<MapSimilarity> measures = List.of(MapSimilarity.spearman());
        private boolean absolute = true;
        private long seed;

        private Builder() {
        }

        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        public Builder measures(MapSimilarity... measures) {
            this.measures = List.of(measures);
            return this;
        }

        public Builder absolute(boolean absolute) {
            this.absolute = absolute;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public RandomisationConfig build() {
            return new RandomisationConfig(mode, measures, absolute, seed);
        }
    }
}
