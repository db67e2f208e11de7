package org.xai4j.perturbation.shapley;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;
import org.xai4j.perturbation.ProgressListener;
import org.xai4j.perturbation.features.FeatureMask;
import org.xai4j.perturbation.features.Segmenter;

/**
 * Settings of {@link ExactShapley}.
 *
 * @param segmenter   the features of each row (default: every element its own feature)
 * @param baseline    "feature absent" values; a background set is averaged over (default zeros)
 * @param maxFeatures the most features a row may have (2^F coalitions are evaluated); default 20, at most 30
 * @param batch       how many perturbed rows one model call takes
 * @param seed        seeds random baselines
 * @param progress    told after every model batch (not part of {@link #toMap()})
 */
public record ExactShapleyConfig(Segmenter segmenter, Baseline baseline, int maxFeatures, BatchPolicy batch, long seed,
                                 ProgressListener progress) implements CoalitionSettings {
    /** The default limit on features: 2^20 ≈ 10^6 coalitions. */
    public static final int DEFAULT_MAX_FEATURES = 20;
    /** The hard limit: coalitions are indexed by an int bit set. */
    public static final int HARD_MAX_FEATURES = 30;

    public ExactShapleyConfig {
        Checks.requireNonNull(segmenter, "segmenter");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch policy");
        if (maxFeatures < 1 || maxFeatures > HARD_MAX_FEATURES) {
            throw new InvalidConfigException("maxFeatures must lie in 1.." + HARD_MAX_FEATURES + " but was " + maxFeatures);
        }
        progress = progress == null ? ProgressListener.NONE : progress;
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
        m.put("maxFeatures", Integer.toString(maxFeatures));
        m.put("batchRows", Integer.toString(batch.maxRows()));
        m.put("batchMemoryBytes", Long.toString(batch.memoryBudgetBytes()));
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** Builds an {@link ExactShapleyConfig}. */
    public static final class Builder {
        private Segmenter segmenter = Segmenter.perElement();
        private Baseline baseline = Baseline.zeros();
        private int maxFeatures = DEFAULT_MAX_FEATURES;
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

        public Builder maxFeatures(int maxFeatures) {
            this.maxFeatures = maxFeatures;
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

        public ExactShapleyConfig build() {
            return new ExactShapleyConfig(segmenter, baseline, maxFeatures, batch, seed, progress);
        }
    }
}
