package org.xai4j.core.graph;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Another engine for a graph's plain forward pass — the model's output and nothing else: no layer read, no
 * gradient, no edit. The forward-only methods (occlusion, LIME, the Shapley estimators, Score-CAM's masked
 * passes) spend nearly all their time in such passes, and a whole-model runtime (ONNX Runtime for a graph read
 * from an ONNX file) runs them without the graph's per-node dispatch. Attached with
 * {@link Graph#withForwardEngine}; every other pass of the graph ignores it.
 */
public interface ForwardEngine {
    /**
     * The engine's name, recorded in provenance (e.g. {@code onnxruntime}); a graph reads it once, when it is made.
     *
     * @return the name
     */
    String name();

    /**
     * Whether the engine can run here (its runtime loads, the backend suits it); when not, the graph runs its
     * forward passes itself.
     *
     * @return true when {@link #predict} may be called
     */
    boolean available();

    /**
     * The graph's output for one batch of its batch policy, already checked by the graph (shape, finiteness, its
     * data type).
     *
     * @param input N rows of the graph's input
     * @return the output, N rows
     */
    INDArray predict(INDArray input);
}
