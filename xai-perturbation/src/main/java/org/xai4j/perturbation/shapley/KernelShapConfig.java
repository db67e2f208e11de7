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
 * Settings of {@link KernelShap}.
 *
 * @param segmenter the features of each row (default: every element its own feature)
 * @param baseline  "feature absent" values: a background set ({@link Baseline#background}) is averaged
 *                  over, as in shap's KernelExplainer (default zeros)
 * @param samples   coalitions to evaluate besides ∅ and N; 0 means shap's "auto", 2F + 2048. Must be at
 *                  least the number of features; capped at 2^F − 2 (all coalitions, which gives the exact
 *                  Shapley values)
 * @param paired    paired (antithetic) sampling: each sampled coalition comes with its complement (default true)
 * @param batch     how many perturbed rows one model call takes
 * @param seed      seeds the coalition sampling
 * @param progress  told after every model batch (not part of {@link #toMap()})
 */
public record KernelShapConfig(Segmenter segmenter, Baseline baseline, int samples, boolean paired, BatchPolicy batch,
                               long seed, ProgressListener progress) implements CoalitionSettings {
    public KernelShapConfig {
        Checks.requireNonNull(segmenter, "segmenter");
        Checks.requireNonNull(baseline, "baseline");
        if (samples < 0) {
            throw new InvalidConfigException("KernelShap samples must be ≥ 0 (0 = auto) but was " + samples);
        }
        Checks.requireNonNull(batch, "batch policy");
        progress = progress == null ? ProgressListener.NONE : progress;
    }

    /** The number of coalitions sampled for a row with {@code features} features, before capping. */
    public int samplesFor(int features) {
        return samples == 0 ? 2 * features + 2048 : samples;
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
        m.put("samples", samples == 0 ? "auto" : Integer.toString(samples));
        m.put("paired", Boolean.toString(paired));
        m.put("batchRows", Integer.toString(batch.maxRows()));
        m.put("batchMemoryBytes", Long.toString(batch.memoryBudgetBytes()));
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** Builds a {@link KernelShapConfig}. */
    public static final class Builder {
        private Segmenter segmenter = Segmenter.perElement();
        private Baseline baseline = Baseline.zeros();
        private int samples;
        private boolean paired = true;
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

        /** Coalitions to sample (0 = auto). */
        public Builder samples(int samples) {
            this.samples = samples;
            return this;
        }

        public Builder paired(boolean paired) {
            this.paired = paired;
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

        public KernelShapConfig build() {
            return new KernelShapConfig(segmenter, baseline, samples, paired, batch, seed, progress);
        }
    }
}
