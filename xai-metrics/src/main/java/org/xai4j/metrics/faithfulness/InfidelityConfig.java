package org.xai4j.metrics.faithfulness;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link Infidelity}.
 *
 * @param samples   perturbations per row (default 10, Captum's {@code n_perturb_samples})
 * @param noiseSd   σ of the Gaussian perturbation I ~ N(0, σ²) per input element (default 0.1)
 * @param normalize whether to rescale the attributions by the optimal factor β first (Captum's
 *                  {@code normalize}; default false)
 * @param seed      seed of the perturbations (default 0)
 * @param batch     rows per model call
 */
public record InfidelityConfig(int samples, double noiseSd, boolean normalize, long seed, BatchPolicy batch)
        implements ExplainerConfig {
    public InfidelityConfig {
        Checks.requireAtLeast(samples, 1, "samples");
        Checks.requirePositive(noiseSd, "noiseSd");
        Checks.requireNonNull(batch, "batch");
    }

    public static InfidelityConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("samples", Integer.toString(samples));
        m.put("noiseSd", Double.toString(noiseSd));
        m.put("normalize", Boolean.toString(normalize));
        m.put("seed", Long.toString(seed));
        m.put("maxRows", Integer.toString(batch.maxRows()));
        return m;
    }

    /** Builder with the defaults. */
    public static final class Builder {
        private int samples = 10;
        private double noiseSd = 0.1;
        private boolean normalize;
        private long seed;
        private BatchPolicy batch = BatchPolicy.DEFAULT;

        private Builder() {
        }

        public Builder samples(int samples) {
            this.samples = samples;
            return this;
        }

        public Builder noiseSd(double noiseSd) {
            this.noiseSd = noiseSd;
            return this;
        }

        public Builder normalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder batch(BatchPolicy batch) {
            this.batch = batch;
            return this;
        }

        public InfidelityConfig build() {
            return new InfidelityConfig(samples, noiseSd, normalize, seed, batch);
        }
    }
}
