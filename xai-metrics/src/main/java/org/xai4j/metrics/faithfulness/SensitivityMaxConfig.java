package org.xai4j.metrics.faithfulness;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link SensitivityMax}; defaults as Captum's {@code sensitivity_max}.
 *
 * @param samples   perturbations per row (default 10)
 * @param radius    the perturbations are uniform in the L∞ ball of this radius around the input (default 0.02)
 * @param norm      the norm of the change of the map (default {@link Norm#L2}, the Frobenius norm)
 * @param normalize whether to divide by the norm of the unperturbed map (default true; a map of norm 0
 *                  is divided by 1, as Captum)
 * @param seed      seed of the perturbations
 * @param batch     rows per explainer call
 */
public record SensitivityMaxConfig(int samples, double radius, Norm norm, boolean normalize, long seed, BatchPolicy batch)
        implements ExplainerConfig {
    /** The norm applied to the flattened difference of maps. */
    public enum Norm {
        /** Euclidean (Frobenius) norm. */
        L2,
        /** Largest absolute element. */
        LINF
    }

    public SensitivityMaxConfig {
        Checks.requireAtLeast(samples, 1, "samples");
        Checks.requirePositive(radius, "radius");
        Checks.requireNonNull(norm, "norm");
        Checks.requireNonNull(batch, "batch");
    }

    public static SensitivityMaxConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("samples", Integer.toString(samples));
        m.put("radius", Double.toString(radius));
        m.put("norm", norm.name());
        m.put("normalize", Boolean.toString(normalize));
        m.put("seed", Long.toString(seed));
        m.put("maxRows", Integer.toString(batch.maxRows()));
        return m;
    }

    /** Builder with the defaults. */
    public static final class Builder {
        private int samples = 10;
        private double radius = 0.02;
        private Norm norm = Norm.L2;
        private boolean normalize = true;
        private long seed;
        private BatchPolicy batch = BatchPolicy.DEFAULT;

        private Builder() {
        }

        public Builder samples(int samples) {
            this.samples = samples;
            return this;
        }

        public Builder radius(double radius) {
            this.radius = radius;
            return this;
        }

        public Builder norm(Norm norm) {
            this.norm = norm;
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

        public SensitivityMaxConfig build() {
            return new SensitivityMaxConfig(samples, radius, norm, normalize, seed, batch);
        }
    }
}
