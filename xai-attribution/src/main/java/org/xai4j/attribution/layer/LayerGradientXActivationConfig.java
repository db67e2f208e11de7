package org.xai4j.attribution.layer;

import org.xai4j.core.Help;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithLayer;
import org.xai4j.core.Withers;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link LayerGradientXActivation}. Defaults follow Captum's {@code LayerGradientXActivation} (the
 * gradient multiplied by the activation); the layer has no default: {@link #at}. */
@Withers
public record LayerGradientXActivationConfig(
        @Help("the layer (graph node) whose output is attributed") String layer,
        @Help("multiply the gradient by the activation (Captum's multiply_by_inputs); false gives the layer gradient")
        boolean multiplyByActivations,
        @Help("rows per model call") BatchPolicy batch
        ) implements WithBatch, WithLayer, LayerGradientXActivationConfigWithers {
    /** @param layer see {@link #layer()}
     * @param multiplyByActivations see {@link #multiplyByActivations()}
     * @param batch see {@link #batch()}
     * @throws org.xai4j.core.InvalidConfigException if {@code layer} is null or blank or {@code batch} is null */
    public LayerGradientXActivationConfig {
        Checks.requireLayerName(layer, "a layer method");
        Checks.requireNonNull(batch, "batch");
    }
    /** {@return Captum's defaults at {@code layer}: the gradient multiplied by the activation}
     * @param layer the layer (graph node) whose output is attributed; not null or blank */
    public static LayerGradientXActivationConfig at(String layer) {
        return new LayerGradientXActivationConfig(layer, true, BatchPolicy.DEFAULT);
    }
}
