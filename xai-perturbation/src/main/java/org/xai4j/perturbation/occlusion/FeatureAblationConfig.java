package org.xai4j.perturbation.occlusion;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;
import org.xai4j.perturbation.ProgressListener;
import org.xai4j.perturbation.features.FeatureMask;
import org.xai4j.perturbation.features.Segmenter;

/**
 * Settings of {@link FeatureAblation}.
 *
 * @param segmenter the feature groups of each row (default: every element its own feature, Captum's default)
 * @param baseline  the values an ablated group takes (default zeros)
 * @param batch     how many perturbed rows one model call takes
 * @param seed      seeds random baselines (the only randomness)
 * @param progress  told after every model batch (not part of {@link #toMap()})
 */
public record FeatureAblationConfig(Segmenter segmenter, Baseline baseline, BatchPolicy batch, long seed,
                                    ProgressListener progress) implements ExplainerConfig {
    public FeatureAblationConfig {
        Checks.requireNonNull(segmenter, "segmenter");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch policy");
        progress = progress == null ? ProgressListener.NONE : progress;
    }

    /** The defaults. */
    public static FeatureAblationConfig defaults() {
        return builder().build();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("features", segmenter.describe());
        m.put("baseline", baseline.describe());
        m.put("batchRows", Integer.toString(batch.maxRows()));
        m.put("batchMemoryBytes", Long.toString(batch.memoryBudgetBytes()));
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** Builds a {@link FeatureAblationConfig}. */
    public static final class Builder {
        private Segmenter segmenter = Segmenter.perElement();
        private Baseline baseline = Baseline.zeros();
        private BatchPolicy batch = BatchPolicy.DEFAULT;
        private long seed;
        private ProgressListener progress = ProgressListener.NONE;

        /** The same feature mask for every row. */
        public Builder mask(FeatureMask mask) {
            this.segmenter = Segmenter.fixed(mask);
            return this;
        }

        /** A feature mask made per row (grid, superpixels). */
        public Builder segmenter(Segmenter segmenter) {
            this.segmenter = segmenter;
            return this;
        }

        public Builder baseline(Baseline baseline) {
            this.baseline = baseline;
            return this;
        }

        public Builder batch(BatchPolicy batch) {
            this.batch = batch;
            return this;
        }

        /** At most {@code rows} perturbed rows per model call. */
        public Builder batchSize(int rows) {
            this.batch = BatchPolicy.ofRows(rows);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder progress(ProgressListener progress) {
            this.progress = progress;
            return this;
        }

        public FeatureAblationConfig build() {
            return new FeatureAblationConfig(segmenter, baseline, batch, seed, progress);
        }
    }
}
