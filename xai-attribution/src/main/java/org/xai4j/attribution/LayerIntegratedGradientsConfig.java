package org.xai4j.attribution;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link LayerIntegratedGradients}: the layer and the path integral's settings (steps,
 * quadrature, baseline, multiply-by-inputs, batching, seed; Captum's defaults, see
 * {@link IntegratedGradientsConfig}). The baseline is an input; the path runs between its activation and
 * the input's activation at {@code layer}.
 *
 * @param layer       the layer (graph node) whose output is attributed
 * @param integration the path integral's settings
 */
public record LayerIntegratedGradientsConfig(String layer, IntegratedGradientsConfig integration) implements ExplainerConfig {
    public LayerIntegratedGradientsConfig {
        if (layer == null || layer.isBlank()) {
            throw new InvalidConfigException("a layer method needs a layer name but got " + (layer == null ? "null" : "'" + layer + "'"));
        }
        Checks.requireNonNull(integration, "integration");
    }

    /** Captum's defaults at {@code layer}. */
    public static LayerIntegratedGradientsConfig at(String layer) {
        return new LayerIntegratedGradientsConfig(layer, IntegratedGradientsConfig.defaults());
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("layer", layer);
        m.putAll(integration.toMap());
        return m;
    }
}
