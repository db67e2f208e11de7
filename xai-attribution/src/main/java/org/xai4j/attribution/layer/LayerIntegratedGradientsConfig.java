package org.xai4j.attribution.layer;

import org.xai4j.core.Help;
import org.xai4j.core.WithLayer;
import org.xai4j.core.Withers;
import org.xai4j.core.util.Checks;
import org.xai4j.attribution.gradient.IntegratedGradientsConfig;

/** Settings of {@link LayerIntegratedGradients}: the layer and the path integral's settings ({@link
 * IntegratedGradientsConfig}, Captum's defaults). The baseline is an input; the path runs between its activation and
 * the input's activation at {@code layer}. The layer has no default: {@link #at}. */
@Withers
public record LayerIntegratedGradientsConfig(
        @Help("the layer (graph node) whose output is attributed") String layer,
        @Help("the path integral's settings") IntegratedGradientsConfig integration
        ) implements WithLayer, LayerIntegratedGradientsConfigWithers {
    /** @param layer see {@link #layer()}
     * @param integration see {@link #integration()}
     * @throws org.xai4j.core.InvalidConfigException if {@code layer} is null or blank or {@code integration} is null */
    public LayerIntegratedGradientsConfig {
        Checks.requireLayerName(layer, "a layer method");
        Checks.requireNonNull(integration, "integration");
    }
    /** {@return Captum's defaults ({@link IntegratedGradientsConfig#DEFAULTS}) at {@code layer}}
     * @param layer the layer (graph node) whose output is attributed; not null or blank */
    public static LayerIntegratedGradientsConfig at(String layer) {
        return new LayerIntegratedGradientsConfig(layer, IntegratedGradientsConfig.DEFAULTS);
    }
}
