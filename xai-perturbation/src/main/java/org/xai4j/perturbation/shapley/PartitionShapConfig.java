package org.xai4j.perturbation.shapley;

import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;
import org.xai4j.perturbation.features.ChannelMeanBaseline;

/**
 * Settings of {@link PartitionShap} (shap's {@code PartitionExplainer} with an image masker).
 * {@link #DEFAULTS}: one cell per pixel, the channel-mean masker, a budget of 500 evaluations (shap's
 * {@code max_evals}).
 */
public record PartitionShapConfig(
        @Help("grid cells down the image; 0 means one per pixel row") int rows,
        @Help("grid cells across the image; 0 means one per pixel column") int cols,
        @Help("what hidden cells show: mean (each channel's mean) or blur:SIGMA; any baseline works")
        Baseline baseline,
        @Help("the budget in coalitions (shap's max_evals), counting the empty and the full one") int maxEvals,
        @Help("perturbed rows per model call (the expansion order depends on it, as in shap)") BatchPolicy batch,
        @Help("breaks ties in the expansion order") long seed) implements ExplainerConfig {
    public static final PartitionShapConfig DEFAULTS = new PartitionShapConfig(0, 0, ChannelMeanBaseline.INSTANCE, 500,
            BatchPolicy.DEFAULT, 0);

    public PartitionShapConfig {
        if (rows < 0 || cols < 0) {
            throw new InvalidConfigException("partition grid sizes must be ≥ 0 (0 = per pixel) but got " + rows + "×" + cols);
        }
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireAtLeast(maxEvals, 2, "maxEvals");
        Checks.requireNonNull(batch, "batch policy");
    }

    /** A grid of G×G cells. */
    public PartitionShapConfig withGrid(int cells) { return new PartitionShapConfig(cells, cells, baseline, maxEvals, batch, seed); }
    /** A grid of rows×cols cells. */
    public PartitionShapConfig withGrid(int rows, int cols) {
        return new PartitionShapConfig(rows, cols, baseline, maxEvals, batch, seed);
    }
    public PartitionShapConfig withBaseline(Baseline baseline) {
        return new PartitionShapConfig(rows, cols, baseline, maxEvals, batch, seed);
    }
    public PartitionShapConfig withMaxEvals(int maxEvals) {
        return new PartitionShapConfig(rows, cols, baseline, maxEvals, batch, seed);
    }
    public PartitionShapConfig withBatch(BatchPolicy batch) {
        return new PartitionShapConfig(rows, cols, baseline, maxEvals, batch, seed);
    }
    public PartitionShapConfig withSeed(long seed) { return new PartitionShapConfig(rows, cols, baseline, maxEvals, batch, seed); }
}
