package org.xai4j.core.model;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.util.Names;

/**
 * What one pass through a {@link LayeredModel} returns.
 *
 * @param output        the model output
 * @param inputGradient the gradient with respect to the input, or {@code null} after a forward-only pass
 * @param activations   the requested layers' activations
 * @param gradients     the gradients of the target with respect to the requested layers (empty after a
 *                      forward-only pass)
 */
public record LayerPass(INDArray output, INDArray inputGradient, Map<String, INDArray> activations,
                        Map<String, INDArray> gradients) {
    /**
     * Copies the maps.
     *
     * @param output the model output
     * @param inputGradient the gradient with respect to the input, or null
     * @param activations the requested layers' activations, by name
     * @param gradients the gradients with respect to the requested layers, by name
     */
    public LayerPass {
        activations = Map.copyOf(activations);
        gradients = Map.copyOf(gradients);
    }

    /**
     * The activation of {@code layer}; fails with close matches if it was not requested.
     *
     * @param layer one of the layers the pass was asked for
     * @return the activation, N×…
     */
    public INDArray activation(String layer) {
        INDArray a = activations.get(layer);
        if (a == null) {
            throw new UnknownLayerException(layer, Names.closest(layer, activations.keySet(), 5));
        }
        return a;
    }

    /**
     * The gradient at {@code layer}; fails with close matches if it was not requested.
     *
     * @param layer one of the layers the pass was asked for
     * @return the gradient, the activation's shape
     */
    public INDArray gradient(String layer) {
        INDArray g = gradients.get(layer);
        if (g == null) {
            throw new UnknownLayerException(layer, Names.closest(layer, gradients.keySet(), 5));
        }
        return g;
    }
}
