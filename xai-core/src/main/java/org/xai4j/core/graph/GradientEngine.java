package org.xai4j.core.graph;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.target.Target;

/**
 * Another engine for a graph's plain gradient passes — the model's output and the plain gradient of a target's score
 * with respect to the input, nothing else: no layer read, no backward rule but the gradient, no edit, no reference
 * pass. Saliency, gradient × input, Integrated Gradients and the other plain-gradient methods spend nearly all their
 * time in such passes, and a whole-model runtime (ONNX Runtime running the forward pass and its backward pass
 * written as one model) runs them without the graph's per-node dispatch. Attached with
 * {@link Graph#withGradientEngine}; only {@link Graph#gradients} uses it, and it falls back to the graph's own pass
 * whenever the engine declines.
 */
public interface GradientEngine {
    /**
     * The engine's name, recorded in provenance (e.g. {@code onnxruntime}); a graph reads it once, when it is made.
     *
     * @return the name
     */
    String name();

    /**
     * Whether the engine can run here (its runtime loads, the backend suits it); when not, the graph runs its
     * gradient passes itself.
     *
     * @return true when {@link #gradients} may be called
     */
    boolean available();

    /**
     * Whether the engine can make the seed of {@code target} itself (e.g. fixed classes, or the predicted class).
     *
     * @param target the target of a pass
     * @return true when {@link #gradients} may be asked for it
     */
    boolean supports(Target target);

    /**
     * The graph's output and the plain gradient of {@code target}'s score with respect to the input, for one batch
     * of the graph's batch policy, the input already checked by the graph (shape, finiteness, its data type). The
     * graph checks the target against the returned output.
     *
     * @param input N rows of the graph's input (not modified)
     * @param target a target the engine {@link #supports}, for these rows
     * @return the output (N rows) and the input gradient (the input's shape), or null when the engine cannot run this
     *         input (the graph then runs the pass itself)
     */
    Gradients gradients(INDArray input, Target target);
}
