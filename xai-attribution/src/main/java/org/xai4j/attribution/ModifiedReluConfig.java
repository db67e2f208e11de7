package org.xai4j.attribution;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link GuidedBackprop} and {@link Deconvolution}; Captum's classes have none beyond the target.
 *
 * @param batchPolicy how many rows one backward pass takes
 */
public record ModifiedReluConfig(BatchPolicy batchPolicy) implements ExplainerConfig {
    public ModifiedReluConfig {
        Checks.requireNonNull(batchPolicy, "batchPolicy");
    }

    /** 64 rows per pass. */
    public static ModifiedReluConfig defaults() {
        return new ModifiedReluConfig(BatchPolicy.DEFAULT);
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

        public ModifiedReluConfig build() {
            return new ModifiedReluConfig(batchPolicy);
        }
    }
}
