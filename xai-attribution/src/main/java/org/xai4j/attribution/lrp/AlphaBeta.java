package org.xai4j.attribution.lrp;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.node.LinearNode;

/**
 * LRP-αβ (Bach et al. 2015) in zennit's form for inputs of either sign: the positive contributions
 * {@code z⁺ = W⁺x⁺ + b⁺ + W⁻x⁻} and the negative ones {@code z⁻ = W⁻x⁺ + b⁻ + W⁺x⁻} are normalised separately,
 * {@code R_i = α (x⁺_i [W⁺ᵀ s⁺]_i + x⁻_i [W⁻ᵀ s⁺]_i) − β (x⁺_i [W⁻ᵀ s⁻]_i + x⁻_i [W⁺ᵀ s⁻]_i)} with
 * {@code s^± = R / z̃^±}. Requires α, β ≥ 0 and α − β = 1 (zennit checks the same), which makes it conserve
 * relevance where the biases vanish.
 */
public final class AlphaBeta extends LinearRule {
    private final double alpha;
    private final double beta;
    private final Relevance.Modified parts = new Relevance.Modified(n -> new LinearNode[] {
            Relevance.with(n, Relevance::positive, Relevance::positive),
            Relevance.with(n, Relevance::negative, null),
            Relevance.with(n, Relevance::negative, Relevance::negative),
            Relevance.with(n, Relevance::positive, null)});

    /** α = 2, β = 1 (zennit's defaults), stabiliser {@link Epsilon#DEFAULT_EPSILON}. */
    public AlphaBeta() {
        this(2, 1, Epsilon.DEFAULT_EPSILON);
    }

    /**
     * LRP-αβ with the given weights and the default stabiliser {@link Epsilon#DEFAULT_EPSILON}.
     *
     * @param alpha the weight of the positive contributions; finite, ≥ 0
     * @param beta  the weight of the negative contributions; finite, ≥ 0, with {@code alpha − beta = 1}
     * @throws InvalidConfigException if {@code alpha} or {@code beta} is negative, infinite or NaN, or
     *                                {@code alpha − beta ≠ 1}
     */
    public AlphaBeta(double alpha, double beta) {
        this(alpha, beta, Epsilon.DEFAULT_EPSILON);
    }

    /**
     * LRP-αβ with the given weights and stabiliser.
     *
     * @param alpha      the weight of the positive contributions; finite, ≥ 0
     * @param beta       the weight of the negative contributions; finite, ≥ 0, with {@code alpha − beta = 1}
     * @param stabilizer the ε added to each of {@code z⁺} and {@code z⁻} away from zero
     *                   ({@link Relevance#stabilize}); finite, ≥ 0
     * @throws InvalidConfigException if {@code alpha} or {@code beta} is negative, infinite or NaN,
     *                                {@code alpha − beta ≠ 1}, or {@code stabilizer} is negative, infinite or NaN
     */
    public AlphaBeta(double alpha, double beta, double stabilizer) {
        super(stabilizer);
        if (!(alpha >= 0) || !(beta >= 0) || Double.isInfinite(alpha) || Double.isInfinite(beta)) {
            throw new InvalidConfigException("alpha-beta: alpha and beta must be finite and ≥ 0 but got alpha=" + alpha
                    + ", beta=" + beta);
        }
        if (alpha - beta != 1) {
            throw new InvalidConfigException("alpha-beta: alpha − beta must equal 1 but got alpha=" + alpha + ", beta="
                    + beta + " (difference " + (alpha - beta) + ")");
        }
        this.alpha = alpha;
        this.beta = beta;
    }

    /**
     * The weight of the positive contributions.
     *
     * @return α, as given at construction
     */
    public double alpha() {
        return alpha;
    }

    /**
     * The weight of the negative contributions.
     *
     * @return β, as given at construction
     */
    public double beta() {
        return beta;
    }

    @Override
    INDArray relevance(LinearNode node, INDArray x, INDArray r, BackwardContext context) {
        LinearNode[] m = parts.of(node);
        if (nonNegative(x)) { // x⁻ = 0: two maps instead of four
            INDArray sPos = Relevance.ratio(r, Relevance.forward(m[0], x), stabilizer);
            INDArray sNeg = Relevance.ratio(r, Relevance.forward(m[2], x), stabilizer);
            INDArray pos = x.mul(Relevance.transposed(m[0], x, sPos));
            INDArray neg = x.mul(Relevance.transposed(m[2], x, sNeg));
            return pos.muli(alpha).subi(neg.muli(beta));
        }
        INDArray xp = Relevance.positive(x);
        INDArray xn = Relevance.negative(x);
        INDArray zPos = Relevance.forward(m[0], xp).addi(Relevance.forward(m[1], xn));
        INDArray zNeg = Relevance.forward(m[2], xp).addi(Relevance.forward(m[3], xn));
        INDArray sPos = Relevance.ratio(r, zPos, stabilizer);
        INDArray sNeg = Relevance.ratio(r, zNeg, stabilizer);
        INDArray pos = xp.mul(Relevance.transposed(m[0], xp, sPos)).addi(xn.mul(Relevance.transposed(m[1], xn, sPos)));
        INDArray neg = xp.mul(Relevance.transposed(m[2], xp, sNeg)).addi(xn.mul(Relevance.transposed(m[3], xn, sNeg)));
        return pos.muli(alpha).subi(neg.muli(beta));
    }

    @Override
    public String describe() {
        return "alpha" + fmt(alpha) + "-beta" + fmt(beta);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
