package org.xai4j.attribution;

import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Help;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link IntegratedGradients} (Sundararajan et al. 2017). {@link #DEFAULTS} follow Captum's
 * {@code IntegratedGradients}: 50 steps, Gauss–Legendre, zero baseline, attributions multiplied by
 * (x − baseline). Differences from Captum: the path points always go to the model in batches of at most
 * {@code batch.maxRows()} rows (Captum's {@code internal_batch_size} defaults to all at once), and the
 * convergence delta is always reported (one forward pass of the baselines).
 */
public record IntegratedGradientsConfig(
        @Help("points on the path (Captum's n_steps); at least 2 for the trapezoid") int steps,
        @Help("the rule that places and weights the points (Captum's method)") Quadrature quadrature,
        @Help("the reference input: a number, zeros, blur:SIGMA or uniform:LO:HI") Baseline baseline,
        @Help("multiply the path-averaged gradient by (input - baseline) (Captum's multiply_by_inputs)")
        boolean multiplyByInputs,
        @Help("path points per model call") BatchPolicy batch,
        @Help("seed for random baselines (each row draws from it alone)") long seed) implements ExplainerConfig {
    /** Captum's defaults: 50 steps, Gauss–Legendre, zero baseline, multiplied by inputs, 64 rows per call, seed 0. */
    public static final IntegratedGradientsConfig DEFAULTS = new IntegratedGradientsConfig(50, Quadrature.GAUSS_LEGENDRE,
            Baseline.zeros(), true, BatchPolicy.DEFAULT, 0);

    /**
     * Checks the settings.
     *
     * @param steps            points on the path (Captum's {@code n_steps}), at least the quadrature's minimum
     * @param quadrature       the rule that places and weights the points (Captum's {@code method})
     * @param baseline         the reference input where the path starts
     * @param multiplyByInputs multiply the path-averaged gradient by (x − baseline) (Captum's {@code multiply_by_inputs})
     * @param batch            how many path points go through the model per call
     * @param seed             the seed for random baselines (each row draws from it alone)
     * @throws org.xai4j.core.InvalidConfigException if {@code quadrature}, {@code baseline} or {@code batch} is
     *                                               null, or {@code steps} is below the quadrature's
     *                                               {@link Quadrature#minSteps() minimum}
     */
    public IntegratedGradientsConfig {
        Checks.requireNonNull(quadrature, "quadrature");
        Checks.requireAtLeast(steps, quadrature.minSteps(), "steps (" + quadrature + ")");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch");
    }

    /**
     * A copy with another number of path points (Captum's {@code n_steps}).
     *
     * @param steps points on the path; at least the quadrature's minimum (2 for the trapezoid)
     * @return new settings, the other components unchanged
     * @throws org.xai4j.core.InvalidConfigException if {@code steps} is below the quadrature's minimum
     */
    public IntegratedGradientsConfig withSteps(int steps) {
        return new IntegratedGradientsConfig(steps, quadrature, baseline, multiplyByInputs, batch, seed);
    }

    /**
     * A copy with another quadrature rule (Captum's {@code method}).
     *
     * @param quadrature the rule that places and weights the path points; not null
     * @return new settings, the other components unchanged
     * @throws org.xai4j.core.InvalidConfigException if {@code quadrature} is null or needs more than
     *                                               {@link #steps()} points
     */
    public IntegratedGradientsConfig withQuadrature(Quadrature quadrature) {
        return new IntegratedGradientsConfig(steps, quadrature, baseline, multiplyByInputs, batch, seed);
    }

    /**
     * A copy with another reference input.
     *
     * @param baseline where the path starts (zeros, a constant, a blur or random rows); not null
     * @return new settings, the other components unchanged
     * @throws org.xai4j.core.InvalidConfigException if {@code baseline} is null
     */
    public IntegratedGradientsConfig withBaseline(Baseline baseline) {
        return new IntegratedGradientsConfig(steps, quadrature, baseline, multiplyByInputs, batch, seed);
    }

    /**
     * A copy that multiplies the path-averaged gradient by (x − baseline), or reports it alone.
     *
     * @param multiplyByInputs true for Captum's default (x − baseline) ⊙ mean gradient, false for the mean
     *                         gradient alone
     * @return new settings, the other components unchanged
     */
    public IntegratedGradientsConfig withMultiplyByInputs(boolean multiplyByInputs) {
        return new IntegratedGradientsConfig(steps, quadrature, baseline, multiplyByInputs, batch, seed);
    }

    /**
     * A copy with another batch policy.
     *
     * @param batch how many path points go through the model per call; not null
     * @return new settings, the other components unchanged
     * @throws org.xai4j.core.InvalidConfigException if {@code batch} is null
     */
    public IntegratedGradientsConfig withBatch(BatchPolicy batch) {
        return new IntegratedGradientsConfig(steps, quadrature, baseline, multiplyByInputs, batch, seed);
    }

    /**
     * A copy with another seed for random baselines.
     *
     * @param seed the seed each row's generator starts from
     * @return new settings, the other components unchanged
     */
    public IntegratedGradientsConfig withSeed(long seed) {
        return new IntegratedGradientsConfig(steps, quadrature, baseline, multiplyByInputs, batch, seed);
    }
}
