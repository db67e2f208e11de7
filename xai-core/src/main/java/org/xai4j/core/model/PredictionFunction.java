package org.xai4j.core.model;

import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weakest model capability: a batch in, scores out. Enough for occlusion, feature ablation, LIME,
 * SHAP and Score-CAM's masked forwards.
 *
 * <p>{@link #predict} takes N rows (first axis) and returns N rows of scores, for a classifier N×K, for
 * a segmenter N×K×H×W. Implementations must not modify {@code input} and must give row i's scores from
 * row i alone (no batch statistics). They should be safe to call from several threads.
 */
@FunctionalInterface
public interface PredictionFunction {
    /**
     * Scores for a batch of inputs.
     *
     * @param input N rows (not modified)
     * @return the output, N×… (one row per input row)
     */
    INDArray predict(INDArray input);

    /**
     * The shape of one input row (everything after the batch axis), with -1 for a free size, when the
     * model knows it. Explainers validate inputs against it before any model call, so a wrong shape is an
     * {@link org.xai4j.core.InvalidShapeException} rather than a native crash.
     *
     * @return the row shape, or empty when unknown
     */
    default java.util.Optional<long[]> rowShape() {
        return java.util.Optional.empty();
    }

    /**
     * A stable identifier of the model, recorded in provenance.
     *
     * @return the id; by default the class name
     */
    default String id() {
        return getClass().getSimpleName();
    }

    /**
     * What runs this model's passes, recorded in provenance: e.g. {@code graph} (the explanation graph's own nodes),
     * {@code graph; forward passes: onnxruntime} (a graph whose plain forward passes run on ONNX Runtime's
     * whole-model session), {@code onnxruntime}.
     *
     * @return the engine's description, or null (the default) when the model does not say
     */
    default String engine() {
        return null;
    }

    /**
     * Wraps a function over batches, with an identifier for provenance.
     *
     * @param id the model's id, for provenance
     * @param function the function over batches
     * @return the model
     */
    static PredictionFunction of(String id, UnaryOperator<INDArray> function) {
        return new PredictionFunction() {
            @Override
            public INDArray predict(INDArray input) {
                return function.apply(input);
            }

            @Override
            public String id() {
                return id;
            }
        };
    }
}
