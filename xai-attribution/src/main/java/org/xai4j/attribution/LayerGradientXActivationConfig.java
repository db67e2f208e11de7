package org.xai4j.attribution;

import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Help;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link LayerGradientXActivation}. Defaults follow Captum's {@code LayerGradientXActivation}
 * (the gradient multiplied by the activation); the layer has no default: {@link #at}.
 */
public record LayerGradientXActivationConfig(
        @Help("the layer (graph node) whose output is attributed") String layer,
        @Help("multiply the gradient by the activation (Captum's multiply_by_inputs); false gives the layer gradient")
        boolean multiplyByActivations,
        @Help("rows per model call") BatchPolicy batch) implements ExplainerConfig {
    /**
     * Checks the settings.
     *
     * @param layer                 the layer (graph node) whose output is attributed; not null or blank
     * @param multiplyByActivations multiply the gradient by the activation; false gives the layer gradient
     * @param batch                 how many rows go through the model per call
     * @throws org.xai4j.core.InvalidConfigException if {@code layer} is null or blank or {@code batch} is null
     */
    public LayerGradientXActivationConfig {
        Checks.requireLayerName(layer, "a layer method");
        Checks.requireNonNull(batch, "batch");
    }

    /**
     * Captum's defaults at {@code layer}: the gradient multiplied by the activation, the default batch policy.
     *
     * @param layer the layer (graph node) whose output is attributed; not null or blank
     * @return the settings
     * @throws org.xai4j.core.InvalidConfigException if {@code layer} is null or blank
     */
    public static LayerGradientXActivationConfig at(String layer) {
        return new LayerGradientXActivationConfig(layer, true, BatchPolicy.DEFAULT);
    }

    /**
     * A copy at another layer.
     *
     * @param layer the layer (graph node) whose output is attributed; not null or blank
     * @return new settings, the other components unchanged
     * @throws org.xai4j.core.InvalidConfigException if {@code layer} is null or blank
     */
    public LayerGradientXActivationConfig withLayer(String layer) {
        return new LayerGradientXActivationConfig(layer, multiplyByActivations, batch);
    }

    /**
     * A copy that multiplies the gradient by the activation, or reports the layer gradient alone.
     *
     * @param multiplyByActivations true for gradient ⊙ activation (Captum's default), false for the gradient
     * @return new settings, the other components unchanged
     */
    public LayerGradientXActivationConfig withMultiplyByActivations(boolean multiplyByActivations) {
        return new LayerGradientXActivationConfig(layer, multiplyByActivations, batch);
    }

    /**
     * A copy with another batch policy.
     *
     * @param batch how many rows go through the model per call; not null
     * @return new settings, the other components unchanged
     * @throws org.xai4j.core.InvalidConfigException if {@code batch} is null
     */
    public LayerGradientXActivationConfig withBatch(BatchPolicy batch) {
        return new LayerGradientXActivationConfig(layer, multiplyByActivations, batch);
    }
}
