package org.xai4j.attribution.lrp;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.LinearNode;
import org.xai4j.core.util.NativeBuffers;

/**
 * LRP-z⁺ (Bach et al. 2015; Montavon et al., "Explaining nonlinear classification decisions with deep Taylor
 * decomposition", Pattern Recognition 2017) in zennit's form for inputs of either sign (α = 1, β = 0): with
 * {@code z = W⁺x⁺ + b⁺ + W⁻x⁻}, {@code R_i = x⁺_i Σ_j w⁺_ji R_j / z̃_j + x⁻_i Σ_j w⁻_ji R_j / z̃_j}, z̃ the
 * stabilised z. Conserves relevance where {@code b⁺ = 0}.
 */
public final class ZPlus extends LinearRule {
    private final Relevance.Modified parts = new Relevance.Modified(n -> new LinearNode[] {
            Relevance.with(n, Relevance::positive, Relevance::positive),
            Relevance.with(n, Relevance::negative, null)});
    /**
     * For a non-negative input: W⁺ with bias {@code b⁺ + ε}, whose output is {@code z̃ = z + ε} at once (z ≥ 0
     * there); {@code null} for a node without bias (then ε is added to the output).
     */
    private final Relevance.Modified shifted = new Relevance.Modified(n -> new LinearNode[] {
            n.bias() == null ? null
                    : Relevance.with(n, Relevance::positive, b -> Relevance.positive(b).addi(stabilizer))});

    /** LRP-z⁺ with the default stabiliser {@link Epsilon#DEFAULT_EPSILON}. */
    public ZPlus() {
        this(Epsilon.DEFAULT_EPSILON);
    }

    /**
     * LRP-z⁺ with the given stabiliser.
     *
     * @param stabilizer the ε that turns {@code z} into {@code z̃} ({@link Relevance#stabilize}); finite, ≥ 0
     * @throws org.xai4j.core.InvalidConfigException if {@code stabilizer} is negative, infinite or NaN
     */
    public ZPlus(double stabilizer) {
        super(stabilizer);
    }

    @Override
    INDArray relevance(LinearNode node, INDArray x, INDArray r, BackwardContext context) {
        if (nonNegative(x)) { // x⁻ = 0: one map instead of two, and z = W⁺x + b⁺ ≥ 0, so z̃ = z + ε
            LinearNode plus = shifted.of(node)[0];
            INDArray s;
            if (plus instanceof ConvNode conv) {
                // the four steps below (forward, ratio, transposed map, product) as one call of the convolution's
                // engine, where it offers that: the same values without the two intermediate arrays
                INDArray fused = conv.redistribute(x, r);
                if (fused != null) {
                    return fused;
                }
            }
            if (plus != null) {
                INDArray zs = Relevance.forward(plus, x); // already z + ε
                s = Fused.divideInto(r, zs); // r / z̃ in z̃'s own buffer: one pass, no fresh array
                if (s == null) {
                    s = r.div(zs);
                    NativeBuffers.release(zs, s, x, r);
                }
            } else {
                plus = parts.of(node)[0];
                INDArray z = Relevance.forward(plus, x);
                s = Relevance.ratioOfNonNegative(r, z, stabilizer);
                NativeBuffers.release(z, s, x, r);
            }
            INDArray t = Relevance.transposed(plus, x, s);
            NativeBuffers.release(s, t, x, r);
            return Relevance.timesInput(x, t);
        }
        LinearNode[] m = parts.of(node);
        INDArray xp = Relevance.positive(x);
        INDArray xn = Relevance.negative(x);
        INDArray z = Relevance.forward(m[0], xp).addi(Relevance.forward(m[1], xn));
        INDArray s = Relevance.ratio(r, z, stabilizer);
        return xp.mul(Relevance.transposed(m[0], xp, s)).addi(xn.mul(Relevance.transposed(m[1], xn, s)));
    }

    @Override
    public String describe() {
        return "z-plus";
    }
}
