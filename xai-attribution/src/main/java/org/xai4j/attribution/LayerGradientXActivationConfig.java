package org.xai4j.attribution;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link LayerGradientXActivation}. Defaults follow Captum's {@code LayerGradientXActivation}:
 * the gradient is multiplied by the activation.
 *
 * @param layer                 the layer (graph node) whose output is attributed
 * @param multiplyByActivations multiply the gradient by the activation (Captum's {@code multiply_by_inputs});
 *                              without it the result is the layer gradient
 * @param batchPolicy           how many rows one model call takes
 */
public record LayerGradientXActivationConfig(String layer, boolean multiplyByActivations, BatchPolicy batchPolicy)
        implements ExplainerConfig {
    public LayerGradientXActivationConfig {
        if (layer == null || layer.isBlank()) {
            throw new InvalidConfigException("a layer method needs a layer name but got " + (layer == null ? "null" : "'" + layer + "'"));
        }
        Checks.requireNonNull(batchPolicy, "batchPolicy");
    }

    /** Captum's defaults at {@code layer}. */
    public static LayerGradientXActivationConfig at(String layer) {
        return builder(layer).build();
    }

    public static Builder builder(String layer) {
        return new Builder(layer);
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("layer", layer);
        m.put("multiplyByActivations", Boolean.toString(multiplyByActivations));
        Configs.putBatch(m, batchPolicy);
        return m;
    }

    /** Builder with Captum's defaults. */
    public static final class Builder {
        private final String layer;
        private boolean multiplyByActivations = true;
        private BatchPolicy batchPolicy = BatchPolicy.DEFAULT;

        private Builder(String layer) {
            this.layer = layer;
        }

        public Builder multiplyByActivations(boolean multiplyByActivations) {
            this.multiplyByActivations = multiplyByActivations;
            return this;
        }

        public Builder batchPolicy(BatchPolicy batchPolicy) {
            this.batchPolicy = batchPolicy;
            return this;
        }

        public LayerGradientXActivationConfig build() {
            return new LayerGradientXActivationConfig(layer, multiplyByActivations, batchPolicy);
        }
    }
}
