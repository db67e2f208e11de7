package org.xai4j.attribution.lrp;

/**
 * LRP-w² (Montavon et al. 2017, deep Taylor decomposition for unbounded inputs): {@code R_i = Σ_j w_ji² R_j / z̃_j}
 * with {@code z = W²·1 + b²} (zennit's {@code WSquare} squares every parameter, the bias included); independent of
 * the input's values. Conserves relevance where the bias is zero.
 */
public final class WSquare extends InputFreeRule {
    /** LRP-w² with the default stabiliser {@link Epsilon#DEFAULT_EPSILON}. */
    public WSquare() {
        this(Epsilon.DEFAULT_EPSILON);
    }

    /**
     * LRP-w² with the given stabiliser.
     *
     * @param stabilizer the ε added to each {@code z_j = Σ_i w_ji² + b_j²} ({@link Relevance#stabilize}); finite,
     *                   ≥ 0
     * @throws org.xai4j.core.InvalidConfigException if {@code stabilizer} is negative, infinite or NaN
     */
    public WSquare(double stabilizer) {
        super(stabilizer, n -> Relevance.with(n, w -> w.mul(w), b -> b.mul(b)));
    }

    @Override
    public String describe() {
        return "w-square";
    }
}
