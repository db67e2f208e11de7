package org.xai4j.perturbation.shapley;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;
import org.xai4j.perturbation.ProgressListener;
import org.xai4j.perturbation.features.FeatureMask;
import org.xai4j.perturbation.features.Segmenter;

/**
 * Settings of {@link ShapleyValueSampling}.
 *
 * @param segmenter    the features of each row (default: every element its own feature)
 * @param baseline     "feature absent" values; a background set is averaged over (default zeros)
 * @param permutations the number of feature orderings evaluated (Captum's {@code n_samples}, default 25)
 * @param antithetic   whether every second ordering is the reverse of the one before (default true)
 * @param batch        how many perturbed rows one model call takes
 * @param seed         seeds the orderings
 * @param progress     told after every model batch (not part of {@link #toMap()})
 */
public record ShapleyValueSamplingConfig(Segmenter segmenter, Baseline baseline, int permutations, boolean antithetic,
                                         BatchPolicy batch, long seed, ProgressListener progress)
        implements CoalitionSettings {
    public ShapleyValueSamplingConfig {
        Checks.requireNonNull(segmenter, "segmenter");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireAtLeast(permutations, 1, "permutations");
        Checks.requireNonNull(batch, "batch policy");
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
        m.put("permutations", Integer.toString(permutations));
        m.put("antithetic", Boolean.toString(antithetic));
        m.put("batchRows", Integer.toString(batch.maxRows()));
        m.put("batchMemoryBytes", Long.toString(batch.memoryBudgetBytes()));
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** Builds a {@link ShapleyValueSamplingConfig}. */
    public static final class Builder {
        private Segmenter segmenter = Segmenter.perElement();
        private Baseline baseline = Baseline.zeros();
        private int permutations = 25;
        private boolean antithetic = true;
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

        public Builder permutations(int permutations) {
            this.permutations = permutations;
            return this;
        }

        public Builder antithetic(boolean antithetic) {
            this.antithetic = antithetic;
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

        public ShapleyValueSamplingConfig build() {
            return new ShapleyValueSamplingConfig(segmenter, baseline, permutations, antithetic, batch, seed, progress);
        }
    }
}
