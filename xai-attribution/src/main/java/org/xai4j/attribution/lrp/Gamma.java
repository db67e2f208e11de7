package org.xai4j.attribution.lrp;

import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.node.LinearNode;

/**
 * LRP-γ (Montavon et al., "Layer-Wise Relevance Propagation: An Overview", 2019), in zennit's generalised form
 * for inputs of either sign (Andéol et al. 2021). With {@code W_a = W + γW⁺, b_a = b + γb⁺} and
 * {@code W_b = W + γW⁻, b_b = b + γb⁻}: where the plain output {@code z = Wx + b} is positive, relevance is
 * distributed by {@code z⁺ = W_a x⁺ + b_a + W_b x⁻}; where it is negative, by {@code z⁻ = W_b x⁺ + b_b + W_a x⁻};
 * where it is exactly zero, none passes. {@code R_i = x⁺_i [W_aᵀ s⁺ + W_bᵀ s⁻]_i + x⁻_i [W_bᵀ s⁺ + W_aᵀ s⁻]_i}
 * with {@code s⁺ = [z > 0] R / z̃⁺}, {@code s⁻ = [z < 0] R / z̃⁻}. γ = 0.25 by default (zennit's).
 */
public final class Gamma extends LinearRule {
    /** zennit's default γ. */
    public static final double DEFAULT_GAMMA = 0.25;
    private final double gamma;
    private final Relevance.Modified parts;

    /** LRP-γ with γ = {@link #DEFAULT_GAMMA} and the default stabiliser {@link Epsilon#DEFAULT_EPSILON}. */
    public Gamma() {
        this(DEFAULT_GAMMA, Epsilon.DEFAULT_EPSILON);
    }

    /**
     * LRP-γ with the given γ and the default stabiliser {@link Epsilon#DEFAULT_EPSILON}.
     *
     * @param gamma how much extra weight the contributions of the output's own sign get; finite, ≥ 0; 0 is LRP-ε
     *              with the same stabiliser, except that no relevance passes where {@code z} is exactly 0
     * @throws InvalidConfigException if {@code gamma} is negative, infinite or NaN
     */
    public Gamma(double gamma) {
        this(gamma, Epsilon.DEFAULT_EPSILON);
    }

    /**
     * LRP-γ with the given γ and stabiliser.
     *
     * @param gamma      how much extra weight the contributions of the output's own sign get; finite, ≥ 0
     * @param stabilizer the ε that turns {@code z⁺}, {@code z⁻} into {@code z̃⁺}, {@code z̃⁻}
     *                   ({@link Relevance#stabilize}); finite, ≥ 0
     * @throws InvalidConfigException if {@code gamma} or {@code stabilizer} is negative, infinite or NaN
     */
    public Gamma(double gamma, double stabilizer) {
        super(stabilizer);
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new InvalidConfigException("gamma: gamma must be finite and ≥ 0 but got " + gamma);
        }
        this.gamma = gamma;
        Function<INDArray, INDArray> up = p -> p.add(Relevance.positive(p).muli(gamma));
        Function<INDArray, INDArray> down = p -> p.add(Relevance.negative(p).muli(gamma));
        parts = new Relevance.Modified(n -> new LinearNode[] {
                Relevance.with(n, up, up), Relevance.with(n, down, null),
                Relevance.with(n, down, down), Relevance.with(n, up, null)});
    }

    /**
     * The weight of the same-sign contributions.
     *
     * @return γ, as given at construction
     */
    public double gamma() {
        return gamma;
    }

    @Override
    INDArray relevance(LinearNode node, INDArray x, INDArray r, BackwardContext context) {
        LinearNode[] m = parts.of(node);
        INDArray z = output(context);
        if (nonNegative(x)) { // x⁻ = 0: two maps instead of four
            INDArray sPos = Relevance.ratio(r, Relevance.forward(m[0], x), stabilizer).muli(z.gt(0).castTo(z.dataType()));
            INDArray sNeg = Relevance.ratio(r, Relevance.forward(m[2], x), stabilizer).muli(z.lt(0).castTo(z.dataType()));
            return x.mul(Relevance.transposed(m[0], x, sPos).addi(Relevance.transposed(m[2], x, sNeg)));
        }
        INDArray xp = Relevance.positive(x);
        INDArray xn = Relevance.negative(x);
        INDArray zPos = Relevance.forward(m[0], xp).addi(Relevance.forward(m[1], xn));
        INDArray zNeg = Relevance.forward(m[2], xp).addi(Relevance.forward(m[3], xn));
        INDArray sPos = Relevance.ratio(r, zPos, stabilizer).muli(z.gt(0).castTo(z.dataType()));
        INDArray sNeg = Relevance.ratio(r, zNeg, stabilizer).muli(z.lt(0).castTo(z.dataType()));
        INDArray out = xp.mul(Relevance.transposed(m[0], xp, sPos));
        out.addi(xn.mul(Relevance.transposed(m[1], xn, sPos)));
        out.addi(xp.mul(Relevance.transposed(m[2], xp, sNeg)));
        out.addi(xn.mul(Relevance.transposed(m[3], xn, sNeg)));
        return out;
    }

    @Override
    boolean readsOutput() {
        return true;
    }

    @Override
    public String describe() {
        return "gamma(" + gamma + ")";
    }
}
