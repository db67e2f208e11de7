package org.xai4j.attribution;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.baseline.BackgroundBaseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link GradientShap}. Defaults follow Captum's {@code GradientShap.attribute}: 5 samples per
 * row, no input noise ({@code stdevs = 0}), attributions multiplied by (x − baseline), no convergence delta.
 * The background set has no default (Captum's {@code baselines} is required too).
 *
 * @param background       the reference rows baselines are drawn from (Captum's {@code baselines})
 * @param samples          draws per input row (Captum's {@code n_samples}), ≥ 1
 * @param noiseSd          standard deviation of the Gaussian noise added to the input before each draw
 *                         (Captum's {@code stdevs}), ≥ 0
 * @param multiplyByInputs multiply each gradient by (x + noise − baseline) (Captum's {@code multiply_by_inputs})
 * @param convergenceDelta also report Σ attribution − mean over draws of (f(x + noise) − f(baseline)) per row
 *                         (Captum's {@code return_convergence_delta}); costs forward passes
 * @param batchPolicy      how many draws one model call takes
 * @param seed             the seed every row draws from
 */
public record GradientShapConfig(BackgroundBaseline background, int samples, double noiseSd, boolean multiplyByInputs,
                                 boolean convergenceDelta, BatchPolicy batchPolicy, long seed) implements ExplainerConfig {
    public GradientShapConfig {
        if (background == null) {
            throw new InvalidConfigException("GradientShap needs a background set of baselines (Baseline.background(rows))");
        }
        Checks.requireAtLeast(samples, 1, "samples");
        Checks.requireNonNegative(noiseSd, "noiseSd");
        Checks.requireNonNull(batchPolicy, "batchPolicy");
    }

    /** A builder with Captum's defaults over {@code background}. */
    public static Builder builder(BackgroundBaseline background) {
        return new Builder(background);
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("baseline", background.describe());
        m.put("samples", Integer.toString(samples));
        m.put("noiseSd", Double.toString(noiseSd));
        m.put("multiplyByInputs", Boolean.toString(multiplyByInputs));
        m.put("convergenceDelta", Boolean.toString(convergenceDelta));
        Configs.putBatch(m, batchPolicy);
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** Builder with Captum's defaults. */
    public static final class Builder {
        private final BackgroundBaseline background;
        private int samples = 5;
        private double noiseSd;
        private boolean multiplyByInputs = true;
        private boolean convergenceDelta;
        private BatchPolicy batchPolicy = BatchPolicy.DEFAULT;
        private long seed;

        private Builder(BackgroundBaseline background) {
            this.background = background;
        }

        public Builder samples(int samples) {
            this.samples = samples;
            return this;
        }

        public Builder noiseSd(double noiseSd) {
            this.noiseSd = noiseSd;
            return this;
        }

        public Builder multiplyByInputs(boolean multiplyByInputs) {
            this.multiplyByInputs = multiplyByInputs;
            return this;
        }

        public Builder convergenceDelta(boolean convergenceDelta) {
            this.convergenceDelta = convergenceDelta;
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

        public GradientShapConfig build() {
            return new GradientShapConfig(background, samples, noiseSd, multiplyByInputs, convergenceDelta, batchPolicy, seed);
        }
    }
}
