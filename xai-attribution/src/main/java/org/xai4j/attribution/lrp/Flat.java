package org.xai4j.attribution.lrp;

import org.nd4j.linalg.factory.Nd4j;

/**
 * LRP-flat (Lapuschkin et al., "Unmasking Clever Hans predictors and assessing what machines really learn", Nature
 * Communications 2019): every input in an output's receptive field gets an equal share, whatever the weights and
 * the input: {@code R_i = Σ_j 1[i ∈ field(j)] R_j / ñ_j} with {@code n = 1ᵀ·1} the number of inputs feeding output j
 * (the map with all weights one and no bias applied to ones), as zennit's {@code Flat}. Conserves relevance.
 */
public final class Flat extends InputFreeRule {
    /** LRP-flat with the default stabiliser {@link Epsilon#DEFAULT_EPSILON}. */
    public Flat() {
        this(Epsilon.DEFAULT_EPSILON);
    }

    /**
     * LRP-flat with the given stabiliser.
     *
     * @param stabilizer the ε added to each receptive-field size {@code n_j} ({@link Relevance#stabilize});
     *                   finite, ≥ 0
     * @throws org.xai4j.core.InvalidConfigException if {@code stabilizer} is negative, infinite or NaN
     */
    public Flat(double stabilizer) {
        super(stabilizer, n -> Relevance.with(n, w -> Nd4j.onesLike(w), null));
    }

    @Override
    public String describe() {
        return "flat";
    }
}
