package org.xai4j.attribution;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link InputXGradient}; Captum's {@code InputXGradient} has none beyond the target.
 *
 * @param batchPolicy how many rows one model call takes
 */
public record InputXGradientConfig(BatchPolicy batchPolicy) implements ExplainerConfig {
    public InputXGradientConfig {
        Checks.requireNonNull(batchPolicy, "batchPolicy");
    }

    /** 64 rows per model call. */
    public static InputXGradientConfig defaults() {
        return new InputXGradientConfig(BatchPolicy.DEFAULT);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        Configs.putBatch(m, batchPolicy);
        return m;
    }

    /** Builder with the defaults. */
    public static final class Builder {
        private BatchPolicy batchPolicy = BatchPolicy.DEFAULT;

        private Builder() {
        }

        public Builder batchPolicy(BatchPolicy batchPolicy) {
            this.batchPolicy = batchPolicy;
            return this;
        }

        public InputXGradientConfig build() {
            return new InputXGradientConfig(batchPolicy);
        }
    }
}
