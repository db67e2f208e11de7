package org.xai4j.attribution;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link Saliency}. Defaults follow Captum's {@code Saliency.attribute}: {@code abs = true}
 * (the magnitude of the gradient, as in Simonyan et al.) and no reduction over channels.
 *
 * @param abs             take the absolute value of the gradient (Captum's {@code abs}); {@code false} gives
 *                        the signed gradient
 * @param maxOverChannels reduce an N×C×H×W result to N×1×H×W by the maximum over channels (Simonyan et
 *                        al.'s display map; with {@code abs} it is max_c |∂f/∂x_c|). Captum has no such option.
 * @param batchPolicy     how many rows one model call takes
 */
public record SaliencyConfig(boolean abs, boolean maxOverChannels, BatchPolicy batchPolicy) implements ExplainerConfig {
    public SaliencyConfig {
        Checks.requireNonNull(batchPolicy, "batchPolicy");
    }

    /** Captum's defaults: absolute gradient, all channels, 64 rows per call. */
    public static SaliencyConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("abs", Boolean.toString(abs));
        m.put("maxOverChannels", Boolean.toString(maxOverChannels));
        Configs.putBatch(m, batchPolicy);
        return m;
    }

    /** Builder with Captum's defaults. */
    public static final class Builder {
        private boolean abs = true;
        private boolean maxOverChannels;
        private BatchPolicy batchPolicy = BatchPolicy.DEFAULT;

        private Builder() {
        }

        public Builder abs(boolean abs) {
            this.abs = abs;
            return this;
        }

        public Builder maxOverChannels(boolean maxOverChannels) {
            this.maxOverChannels = maxOverChannels;
            return this;
        }

        public Builder batchPolicy(BatchPolicy batchPolicy) {
            this.batchPolicy = batchPolicy;
            return this;
        }

        public SaliencyConfig build() {
            return new SaliencyConfig(abs, maxOverChannels, batchPolicy);
        }
    }
}
