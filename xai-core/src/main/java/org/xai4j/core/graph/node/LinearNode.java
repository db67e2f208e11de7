package org.xai4j.core.graph.node;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.Node;

/**
 * A node that is an affine map of its first input with a weight and an optional bias (convolution,
 * transposed convolution, dense, inference batch norm). LRP rules evaluate the same map with modified
 * parameters (W⁺, W + γW⁺, W²) through {@link #withParameters}; because the vector–Jacobian product of
 * an affine map does not depend on the bias, {@code withParameters(w, b).backward(...)} gives the
 * transposed map of {@code w}.
 */
public interface LinearNode extends Node {
    /**
     * A copy of the weight, in the source model's layout (documented by each node type).
     *
     * @return a new array
     */
    INDArray weight();

    /**
     * A copy of the bias, or {@code null} if the node has none.
     *
     * @return a new array, or null
     */
    INDArray bias();

    /**
     * The same operation (name, inputs, output, geometry) with another weight and bias of the same shapes;
     * {@code bias} may be {@code null} for none.
     *
     * @param weight the new weight, the shape of {@link #weight()}
     * @param bias the new bias, the shape of {@link #bias()}, or null
     * @return a new node; this one is unchanged
     */
    LinearNode withParameters(INDArray weight, INDArray bias);
}
