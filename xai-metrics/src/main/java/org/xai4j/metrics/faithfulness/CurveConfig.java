package org.xai4j.metrics.faithfulness;

import org.xai4j.core.Help;
import org.xai4j.core.WithBaseline;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of the perturbation curves ({@link Deletion}, {@link Insertion}, {@link PixelFlipping}, {@link
 * Monotonicity}); for a 224×224 map a step of a few hundred pixels keeps the number of model calls reasonable. */
@Withers
public record CurveConfig(
        @Help("which features go first (Monotonicity always adds the least relevant first)") PerturbationOrder order,
        @Help("features perturbed per step") int stepSize,
        @Help("the value a deleted feature takes, or the starting image for insertion") Baseline baseline,
        @Help("seed for random baselines") long seed,
        @Help("rows per model call") BatchPolicy batch
        ) implements WithBaseline, WithSeed, WithBatch, CurveConfigWithers {
    /** Most relevant first, one feature per step, zero baseline, seed 0, the default batch policy. */
    public static final CurveConfig DEFAULTS = new CurveConfig(PerturbationOrder.MOST_RELEVANT_FIRST, 1,
            Baseline.zeros(), 0, BatchPolicy.DEFAULT);
    /** @param order see {@link #order()}
     * @param stepSize see {@link #stepSize()}
     * @param baseline see {@link #baseline()}
     * @param seed see {@link #seed()}
     * @param batch see {@link #batch()}
     * @throws org.xai4j.core.InvalidConfigException if a setting is null or {@code stepSize} is below 1 */
    public CurveConfig {
        Checks.requireNonNull(order, "order");
        Checks.requireAtLeast(stepSize, 1, "stepSize");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch");
    }
}
