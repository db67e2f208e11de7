package org.xai4j.core;

/** What a method can report or needs, stated up front (Captum's {@code has_convergence_delta} and kin). */
public enum Capability {
    /** Reports a convergence (completeness) delta per row. */
    CONVERGENCE_DELTA,
    /** Draws random numbers: results depend on the seed. */
    STOCHASTIC,
    /** Needs input gradients ({@link org.xai4j.core.model.DifferentiableModel}). */
    GRADIENTS,
    /** Needs named intermediate layers ({@link org.xai4j.core.model.LayeredModel}). */
    LAYERS,
    /** Needs per-node backward rules (the explanation graph). */
    BACKWARD_RULES,
    /** Needs only forward passes ({@link org.xai4j.core.model.PredictionFunction}). */
    BLACK_BOX,
    /** Uses a baseline / reference input. */
    BASELINE
}
