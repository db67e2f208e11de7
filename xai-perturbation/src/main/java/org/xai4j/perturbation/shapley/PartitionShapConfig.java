package org.xai4j.perturbation.shapley;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;
import org.xai4j.perturbation.ProgressListener;
import org.xai4j.perturbation.features.ChannelMeanBaseline;

/**
 * Settings of {@link PartitionShap}.
 *
 * @param rows     grid cells down the image; 0 (default) means one cell per pixel row
 * @param cols     grid cells across the image; 0 (default) means one cell per pixel column
 * @param masker   what hidden cells show: {@link ChannelMeanBaseline} (default, the "mean" masker) or a
 *                 blur ({@link Baseline#blur}); any {@link Baseline} works, a background set is averaged over
 * @param maxEvals the budget in coalitions (shap's {@code max_evals}, default 500), counting v(∅) and v(N);
 *                 when it is spent, the credit of unexpanded regions is shared evenly by their cells
 * @param batch    how many perturbed rows one model call takes (the expansion order depends on it, as in shap)
 * @param seed     breaks ties in the expansion order
 * @param progress told after every model batch (not part of {@link #toMap()})
 */
public record PartitionShapConfig(int rows, int cols, Baseline masker, int maxEvals, BatchPolicy batch, long seed,
                                  ProgressListener progress) implements ExplainerConfig {
    public PartitionShapConfig {
        if (rows < 0 || cols < 0) {
            throw new InvalidConfigException("partition grid sizes must be ≥ 0 (0 = per pixel) but got " + rows + "×" + cols);
        }
        Checks.requireNonNull(masker, "masker");
        Checks.requireAtLeast(maxEvals, 2, "maxEvals");
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
        m.put("rows", rows == 0 ? "per pixel" : Integer.toString(rows));
        m.put("cols", cols == 0 ? "per pixel" : Integer.toString(cols));
        m.put("masker", masker.describe());
        m.put("maxEvals", Integer.toString(maxEvals));
        m.put("batchRows", Integer.toString(batch.maxRows()));
        m.put("batchMemoryBytes", Long.toString(batch.memoryBudgetBytes()));
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** Builds a {@link PartitionShapConfig}. */
    public static final class Builder {
        private int rows;
        private int cols;
        private Baseline masker = ChannelMeanBaseline.INSTANCE;
        private int maxEvals = 500;
        private BatchPolicy batch = BatchPolicy.DEFAULT;
        private long seed;
        private ProgressListener progress = ProgressListener.NONE;

        /** A grid of G×G cells. */
        public Builder grid(int cells) {
            this.rows = cells;
            this.cols = cells;
            return this;
        }

        /** A grid of rows×cols cells. */
        public Builder grid(int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            return this;
        }

        public Builder masker(Baseline masker) {
            this.masker = masker;
            return this;
        }

        /** Hidden cells show the image blurred with a Gaussian of this standard deviation (pixels). */
        public Builder blur(double sigma) {
            this.masker = Baseline.blur(sigma);
            return this;
        }

        /** Hidden cells show each channel's mean. */
        public Builder mean() {
            this.masker = ChannelMeanBaseline.INSTANCE;
            return this;
        }

        public Builder maxEvals(int maxEvals) {
            this.maxEvals = maxEvals;
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

        public PartitionShapConfig build() {
            return new PartitionShapConfig(rows, cols, masker, maxEvals, batch, seed, progress);
        }
    }
}
