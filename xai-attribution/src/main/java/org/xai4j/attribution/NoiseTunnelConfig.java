package org.xai4j.attribution;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link NoiseTunnel}. Defaults follow Captum's {@code NoiseTunnel.attribute}: SmoothGrad,
 * 5 samples, absolute standard deviation 1.0 ({@code stdevs = 1.0}). Captum's
 * {@code draw_baseline_from_distrib} has no counterpart here.
 *
 * @param type        how the noisy attributions are combined
 * @param samples     noisy copies per input row (Captum's {@code nt_samples}), ≥ 1
 * @param noise       the standard deviation, or a fraction of each row's range (see {@code scale}), ≥ 0
 * @param scale       what {@code noise} measures
 * @param batchPolicy how many noisy rows one call of the wrapped method takes
 * @param seed        the seed every row draws its noise from
 */
public record NoiseTunnelConfig(NoiseTunnelType type, int samples, double noise, NoiseScale scale, BatchPolicy batchPolicy,
                                long seed) implements ExplainerConfig {
    public NoiseTunnelConfig {
        Checks.requireNonNull(type, "type");
        Checks.requireAtLeast(samples, 1, "samples");
        Checks.requireNonNegative(noise, "noise");
        Checks.requireNonNull(scale, "scale");
        Checks.requireNonNull(batchPolicy, "batchPolicy");
    }

    /** Captum's defaults. */
    public static NoiseTunnelConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("type", type.name());
        m.put("samples", Integer.toString(samples));
        m.put("noise", Double.toString(noise));
        m.put("scale", scale.name());
        Configs.putBatch(m, batchPolicy);
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** Builder with Captum's defaults. */
    public static final class Builder {
        private NoiseTunnelType type = NoiseTunnelType.SMOOTHGRAD;
        private int samples = 5;
        private double noise = 1.0;
        private NoiseScale scale = NoiseScale.ABSOLUTE;
        private BatchPolicy batchPolicy = BatchPolicy.DEFAULT;
        private long seed;

        private Builder() {
        }

        public Builder type(NoiseTunnelType type) {
            this.type = type;
            return this;
        }

        public Builder samples(int samples) {
            this.samples = samples;
            return this;
        }

        /** An absolute standard deviation. */
        public Builder sd(double sd) {
            this.noise = sd;
            this.scale = NoiseScale.ABSOLUTE;
            return this;
        }

        /** A standard deviation of {@code fraction} × each row's range. */
        public Builder fractionOfRange(double fraction) {
            this.noise = fraction;
            this.scale = NoiseScale.FRACTION_OF_RANGE;
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

        public NoiseTunnelConfig build() {
            return new NoiseTunnelConfig(type, samples, noise, scale, batchPolicy, seed);
        }
    }
}
