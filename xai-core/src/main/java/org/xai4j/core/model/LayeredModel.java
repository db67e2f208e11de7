package org.xai4j.core.model;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.target.Target;

/**
 * A differentiable model whose intermediate layers (graph nodes) can be read by name: activations and
 * the gradients of a target with respect to them. Enough for the CAM family, layer attributions, TCAV
 * and concept extraction. Asking for a name the model does not have raises
 * {@link org.xai4j.core.UnknownLayerException} listing close matches.
 */
public interface LayeredModel extends DifferentiableModel {
    /**
     * The names of the layers that can be read, in execution order.
     *
     * @return the layer names
     */
    List<String> layerNames();

    /**
     * A forward pass that also returns the activations of {@code layers}.
     *
     * @param input N rows (not modified)
     * @param layers the layers to return, from {@link #layerNames()}
     * @return the output and the activations
     */
    LayerPass forward(INDArray input, Collection<String> layers);

    /**
     * A forward and backward pass that returns the output, the input gradient and, for each of
     * {@code layers}, its activation and the gradient of each row's target score with respect to it.
     *
     * @param input N rows (not modified)
     * @param target the resolved target
     * @param layers the layers to return, from {@link #layerNames()}
     * @return the output, input gradient, activations and layer gradients
     */
    LayerPass backward(INDArray input, Target target, Collection<String> layers);

    /**
     * Like {@link #backward}, for callers that need only the layers' gradients (Grad-CAM, layer attributions):
     * a model may stop its backward pass at the earliest of {@code layers} and return a {@code null} input
     * gradient. The default runs {@link #backward}.
     *
     * @param input N rows (not modified)
     * @param target the resolved target
     * @param layers the layers whose gradients are needed
     * @return the output, the activations and gradients of {@code layers}, and the input gradient or null
     */
    default LayerPass layerGradients(INDArray input, Target target, Collection<String> layers) {
        return backward(input, target, layers);
    }

    /**
     * A forward pass in which the activation of {@code layer} is replaced by {@code edit} applied to it
     * (ablating channels, scaling by a mask) before the rest of the model runs. {@code edit} may return a
     * new array or modify the one it is given.
     *
     * @param input N rows (not modified)
     * @param layer the layer whose activation is edited
     * @param edit the edit, applied to the layer's N×… activation
     * @return the model output after the edit
     */
    INDArray predictWithEdit(INDArray input, String layer, UnaryOperator<INDArray> edit);

    /**
     * A forward pass in which the activation of {@code layer} is replaced by {@code activation} (row i of it
     * for row i of {@code input}; the shape of the layer's own activation for {@code input}), then a backward
     * pass from {@code target}: the output, and for each of {@code layers} (which may include {@code layer})
     * its activation and the gradient of each row's target score with respect to it, all of the replaced
     * pass. Layer Integrated Gradients needs this: gradients at points between two activations. The input
     * gradient may be {@code null}. Neither array is modified. Models that cannot do this keep the default,
     * which throws {@link org.xai4j.core.UnsupportedModelException}.
     *
     * @param input N rows (not modified)
     * @param target the resolved target
     * @param layer the layer whose activation is replaced
     * @param activation the activation to use instead
     * @param layers the layers to return activations and gradients of
     * @return the output and, for each of {@code layers}, its activation and gradient
     */
    default LayerPass backwardReplacing(INDArray input, Target target, String layer, INDArray activation,
                                        Collection<String> layers) {
        throw new org.xai4j.core.UnsupportedModelException("model " + id() + " cannot backpropagate from a replaced"
                + " activation of layer '" + layer + "' (LayeredModel.backwardReplacing is not implemented)");
    }

    /**
     * Convenience: the activations of {@code layers} keyed by name.
     *
     * @param input N rows (not modified)
     * @param layers the layers to return
     * @return an insertion-ordered map of layer name → activation
     */
    default Map<String, INDArray> activations(INDArray input, Collection<String> layers) {
        return forward(input, layers).activations();
    }
}
