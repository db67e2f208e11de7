package org.xai4j.attribution.gradient;

import org.xai4j.core.Help;
import org.xai4j.core.WithBaseline;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link IntegratedGradients} (Sundararajan et al. 2017); {@link #DEFAULTS} follow Captum's {@code
 * IntegratedGradients}. Differences from Captum: the path points always go to the model in batches of at most {@code
 * batch.maxRows()} rows (Captum's {@code internal_batch_size} defaults to all at once), and the convergence delta is
 * always reported (one forward pass of the baselines). */
@Withers
public record IntegratedGradientsConfig(
        @Help("points on the path (Captum's n_steps); at least 2 for the trapezoid") int steps,
        @Help("the rule that places and weights the points (Captum's method)") Quadrature quadrature,
        @Help("the reference input: a number, zeros, blur:SIGMA or uniform:LO:HI") Baseline baseline,
        @Help("multiply the path-averaged gradient by (input - baseline) (Captum's multiply_by_inputs)")
        boolean multiplyByInputs,
        @Help("path points per model call") BatchPolicy batch,
        @Help("seed for random baselines (each row draws from it alone)") long seed)
        implements WithBaseline, WithBatch, WithSeed, IntegratedGradientsConfigWithers {
    /** Captum's defaults: 50 steps, Gauss–Legendre, zero baseline, multiplied by inputs, 64 rows per call, seed 0. */
    public static final IntegratedGradientsConfig DEFAULTS = new IntegratedGradientsConfig(50,
            Quadrature.GAUSS_LEGENDRE,
            Baseline.zeros(), true, BatchPolicy.DEFAULT, 0);
    /** @param steps see {@link #steps()}
     * @param quadrature see {@link #quadrature()}
     * @param baseline see {@link #baseline()}
     * @param multiplyByInputs see {@link #multiplyByInputs()}
     * @param batch see {@link #batch()}
     * @param seed see {@link #seed()}
     * @throws org.xai4j.core.InvalidConfigException if {@code quadrature}, {@code baseline} or {@code batch} is null,
     *     or {@code steps} is below the quadrature's {@link Quadrature#minSteps() minimum} */
    public IntegratedGradientsConfig {
        Checks.requireNonNull(quadrature, "quadrature");
        Checks.requireAtLeast(steps, quadrature.minSteps(), "steps (" + quadrature + ")");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch");
    }
}
