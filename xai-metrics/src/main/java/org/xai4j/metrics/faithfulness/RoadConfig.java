package org.xai4j.metrics.faithfulness;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link Road}.
 *
 * @param order     most relevant first (MoRF, default) or least relevant first (LeRF)
 * @param fractions the fractions of pixels removed, each in (0, 1), increasing (default 0.1, 0.2, …, 0.9)
 * @param noiseSd   σ of the imputation noise (default 0.01, as the ROAD paper)
 * @param seed      seed of the imputation noise (default 0)
 * @param batch     rows per model call
 */
public record RoadConfig(PerturbationOrder order, double[] fractions, double noiseSd, long seed, BatchPolicy batch)
        implements ExplainerConfig {
    public RoadConfig {
        Checks.requireNonNull(order, "order");
        Checks.requireNonNull(fractions, "fractions");
        Checks.requireNonNull(batch, "batch");
        if (fractions.length == 0) {
            throw new InvalidConfigException("ROAD needs at least one fraction of pixels to remove");
        }
        fractions = fractions.clone();
        for (int i = 0; i < fractions.length; i++) {
            if (!(fractions[i] > 0 && fractions[i] < 1)) {
                throw new InvalidConfigException("ROAD fractions must lie in (0, 1) but fraction " + i + " is " + fractions[i]);
            }
            if (i > 0 && fractions[i] <= fractions[i - 1]) {
                throw new InvalidConfigException("ROAD fractions must increase but are " + Arrays.toString(fractions));
            }
        }
        Checks.requireNonNegative(noiseSd, "noiseSd");
    }

    @Override
    public double[] fractions() {
        return fractions.clone();
    }

    public static RoadConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("order", order.name());
        m.put("fractions", Arrays.toString(fractions));
        m.put("noiseSd", Double.toString(noiseSd));
        m.put("seed", Long.toString(seed));
        m.put("maxRows", Integer.toString(batch.maxRows()));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoadConfig c && c.order == order && Arrays.equals(c.fractions, fractions)
                && Double.compare(c.noiseSd, noiseSd) == 0 && c.seed == seed && c.batch.equals(batch);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fractions) * 31 + order.hashCode();
    }

    @Override
    public String toString() {
        return "RoadConfig" + toMap();
    }

    /** Builder with the defaults. */
    public static final class Builder {
        private PerturbationOrder order = PerturbationOrder.MOST_RELEVANT_FIRST;
        private double[] fractions = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        private double noiseSd = 0.01;
        private long seed;
        private BatchPolicy batch = BatchPolicy.DEFAULT;

        private Builder() {
        }

        public Builder order(PerturbationOrder order) {
            this.order = order;
            return this;
        }

        public Builder fractions(double... fractions) {
            this.fractions = fractions.clone();
            return this;
        }

        public Builder noiseSd(double noiseSd) {
            this.noiseSd = noiseSd;
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

        public RoadConfig build() {
            return new RoadConfig(order, fractions, noiseSd, seed, batch);
        }
    }
}
