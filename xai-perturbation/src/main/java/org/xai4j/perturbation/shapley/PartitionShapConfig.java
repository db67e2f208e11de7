package org.xai4j.perturbation.shapley;

import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.WithBaseline;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;
import org.xai4j.perturbation.features.ChannelMeanBaseline;

/** Settings of {@link PartitionShap} (shap's {@code PartitionExplainer} with an image masker). */
@Withers
public record PartitionShapConfig(
        @Help("grid cells down the image; 0 means one per pixel row") int rows,
        @Help("grid cells across the image; 0 means one per pixel column") int cols,
        @Help("what hidden cells show: mean (each channel's mean) or blur:SIGMA; any baseline works") Baseline baseline,
        @Help("the budget in coalitions (shap's max_evals), counting the empty and the full one") int maxEvals,
        @Help("perturbed rows per model call (the expansion order depends on it, as in shap)") BatchPolicy batch,
        @Help("breaks ties in the expansion order") long seed
        ) implements WithBaseline, WithBatch, WithSeed, PartitionShapConfigWithers {
    /** One cell per pixel, the channel-mean masker, 500 evaluations (shap's {@code max_evals}), the default batch
     * policy, seed 0. */
    public static final PartitionShapConfig DEFAULTS = new PartitionShapConfig(0, 0, ChannelMeanBaseline.INSTANCE,
            500, BatchPolicy.DEFAULT, 0);
    /** @param rows see {@link #rows()}
     * @param cols see {@link #cols()}
     * @param baseline see {@link #baseline()}
     * @param maxEvals see {@link #maxEvals()}
     * @param batch see {@link #batch()}
     * @param seed see {@link #seed()}
     * @throws InvalidConfigException if a setting is null or out of its range; the message names it */
    public PartitionShapConfig {
        if (rows < 0 || cols < 0) {
            throw new InvalidConfigException("partition grid sizes must be ≥ 0 (0 = per pixel) but got " + rows
                    + "×" + cols);
        }
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireAtLeast(maxEvals, 2, "maxEvals");
        Checks.requireNonNull(batch, "batch policy");
    }
    /** {@return a copy with a grid of G×G cells}
     * @param cells grid cells down and across the image (G in a G×G grid); 0 means one per pixel */
    public PartitionShapConfig withGrid(int cells) {
        return new PartitionShapConfig(cells, cells, baseline, maxEvals, batch, seed);
    }
    /** {@return a copy with {@code rows} and {@code cols} replaced}
     * @param rows the new value
     * @param cols the new value */
    public PartitionShapConfig withGrid(int rows, int cols) {
        return new PartitionShapConfig(rows, cols, baseline, maxEvals, batch, seed);
    }
}
