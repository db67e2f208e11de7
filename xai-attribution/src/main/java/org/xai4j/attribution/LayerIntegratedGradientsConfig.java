package org.xai4j.attribution;

import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Help;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link LayerIntegratedGradients}: the layer and the path integral's settings
 * ({@link IntegratedGradientsConfig}, Captum's defaults). The baseline is an input; the path runs between its
 * activation and the input's activation at {@code layer}. The layer has no default: {@link #at}.
 */
public record LayerIntegratedGradientsConfig(
        @Help("the layer (graph node) whose output is attributed") String layer,
        @Help("the path integral's settings") IntegratedGradientsConfig integration) implements ExplainerConfig {
    public LayerIntegratedGradientsConfig {
        Checks.requireLayerName(layer, "a layer method");
        Checks.requireNonNull(integration, "integration");
    }

    /** Captum's defaults at {@code layer}. */
    public static LayerIntegratedGradientsConfig at(String layer) {
        return new LayerIntegratedGradientsConfig(layer, IntegratedGradientsConfig.DEFAULTS);
    }

    public LayerIntegratedGradientsConfig withLayer(String layer) { return new LayerIntegratedGradientsConfig(layer, integration); }
    public LayerIntegratedGradientsConfig withIntegration(IntegratedGradientsConfig integration) {
        return new LayerIntegratedGradientsConfig(layer, integration);
    }
}
