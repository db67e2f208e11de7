package org.xai4j.metrics.faithfulness;

import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Help;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of the perturbation curves ({@link Deletion}, {@link Insertion}, {@link PixelFlipping},
 * {@link Monotonicity}). {@link #DEFAULTS}: most relevant first, one feature per step, zero baseline; for a
 * 224×224 map a step of a few hundred pixels keeps the number of model calls reasonable.
 */
public record CurveConfig(
        @Help("which features go first (Monotonicity always adds the least relevant first)") PerturbationOrder order,
        @Help("features perturbed per step") int stepSize,
        @Help("the value a deleted feature takes, or the starting image for insertion") Baseline baseline,
        @Help("seed for random baselines") long seed,
        @Help("rows per model call") BatchPolicy batch) implements ExplainerConfig {
    public static final CurveConfig DEFAULTS = new CurveConfig(PerturbationOrder.MOST_RELEVANT_FIRST, 1, Baseline.zeros(),
            0, BatchPolicy.DEFAULT);

    public CurveConfig {
        Checks.requireNonNull(order, "order");
        Checks.requireAtLeast(stepSize, 1, "stepSize");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch");
    }

    public CurveConfig withOrder(PerturbationOrder order) { return new CurveConfig(order, stepSize, baseline, seed, batch); }
    public CurveConfig withStepSize(int stepSize) { return new CurveConfig(order, stepSize, baseline, seed, batch); }
    public CurveConfig withBaseline(Baseline baseline) { return new CurveConfig(order, stepSize, baseline, seed, batch); }
    public CurveConfig withSeed(long seed) { return new CurveConfig(order, stepSize, baseline, seed, batch); }
    public CurveConfig withBatch(BatchPolicy batch) { return new CurveConfig(order, stepSize, baseline, seed, batch); }
}
