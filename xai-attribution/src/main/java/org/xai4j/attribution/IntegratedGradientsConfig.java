package org.xai4j.attribution;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link IntegratedGradients}. Defaults follow Captum's {@code IntegratedGradients}: 50 steps,
 * Gauss–Legendre, zero baseline, attributions multiplied by (x − baseline). Differences from Captum: the
 * points of the path are always sent to the model in batches of at most {@code batchPolicy.maxRows()} rows
 * (Captum's {@code internal_batch_size} defaults to all points at once), and the convergence delta is
 * always reported (it costs one forward pass of the baselines).
 *
 * @param steps            number of points on the path (Captum's {@code n_steps}), ≥ 1 (≥ 2 for the trapezoid)
 * @param quadrature       the rule that places and weights the points (Captum's {@code method})
 * @param baseline         the reference input (Captum's {@code baselines})
 * @param multiplyByInputs multiply the averaged gradient by (x − baseline) (Captum's
 *                         {@code multiply_by_inputs}); without it the result is the path-averaged gradient
 * @param batchPolicy      how many path points one model call takes
 * @param seed             seed for random baselines (each row draws from this seed alone)
 */
public record IntegratedGradientsConfig(int steps, Quadrature quadrature, Baseline baseline, boolean multiplyByInputs,
                                        BatchPolicy batchPolicy, long seed) implements ExplainerConfig {
    public IntegratedGradientsConfig {
        Checks.requireNonNull(quadrature, "quadrature");
        Checks.requireAtLeast(steps, quadrature.minSteps(), "steps (" + quadrature + ")");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batchPolicy, "batchPolicy");
    }

    /** Captum's defaults. */
    public static IntegratedGradientsConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder().steps(steps).quadrature(quadrature).baseline(baseline).multiplyByInputs(multiplyByInputs)
                .batchPolicy(batchPolicy).seed(seed);
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("steps", Integer.toString(steps));
        m.put("quadrature", quadrature.name());
        m.put("baseline", baseline.describe());
        m.put("multiplyByInputs", Boolean.toString(multiplyByInputs));
        Configs.putBatch(m, batchPolicy);
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** Builder with Captum's defaults. */
    public static final class Builder {
        private int steps = 50;
        private Quadrature quadrature = Quadrature.GAUSS_LEGENDRE;
        private Baseline baseline = Baseline.zeros();
        private boolean multiplyByInputs = true;
        private BatchPolicy batchPolicy = BatchPolicy.DEFAULT;
        private long seed;

        private Builder() {
        }

        public Builder steps(int steps) {
            this.steps = steps;
            return this;
        }

        public Builder quadrature(Quadrature quadrature) {
            this.quadrature = quadrature;
            return this;
        }

        public Builder baseline(Baseline baseline) {
            this.baseline = baseline;
            return this;
        }

        public Builder multiplyByInputs(boolean multiplyByInputs) {
            this.multiplyByInputs = multiplyByInputs;
            return this;
        }

        public Builder batchPolicy(BatchPolicy batchPolicy) {
            this.batchPolicy = batchPolicy;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public IntegratedGradientsConfig build() {
            return new IntegratedGradientsConfig(steps, quadrature, baseline, multiplyByInputs, batchPolicy, seed);
        }
    }
}
