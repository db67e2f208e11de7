package org.xai4j.metrics.sanity;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.util.Checks;
import org.xai4j.metrics.similarity.MapSimilarity;

/**
 * Settings of {@link RandomLogit}.
 *
 * @param measure  how the two maps are compared (default Spearman's ρ; Quantus uses SSIM, which needs
 *                 image-shaped maps)
 * @param absolute whether maps are compared by absolute value (default false)
 * @param seed     seed of the random classes
 */
public record RandomLogitConfig(MapSimilarity measure, boolean absolute, long seed) implements ExplainerConfig {
    public RandomLogitConfig {
        Checks.requireNonNull(measure, "measure");
    }

    public static RandomLogitConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("measure", measure.name());
        m.put("absolute", Boolean.toString(absolute));
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** Builder with the defaults. */
    public static final class Builder {
        private MapSimilarity measure = MapSimilarity.spearman();
        private boolean absolute;
        private long seed;

        private Builder() {
        }

        public Builder measure(MapSimilarity measure) {
            this.measure = measure;
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

        public RandomLogitConfig build() {
            return new RandomLogitConfig(measure, absolute, seed);
        }
    }
}
