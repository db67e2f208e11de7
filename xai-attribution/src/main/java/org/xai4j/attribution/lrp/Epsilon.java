package org.xai4j.attribution.lrp;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.node.LinearNode;

/**
 * LRP-ε (Bach et al., "On Pixel-Wise Explanations for Non-Linear Classifier Decisions by Layer-Wise Relevance
 * Propagation", PLoS ONE 2015): {@code R_i = x_i Σ_j w_ji R_j / (z_j + ε·sign(z_j))} with {@code z = Wx + b} the
 * node's own output (bias included) and sign(0) = +1, as zennit's {@code Epsilon}. ε = 0 is LRP-0. Conserves
 * relevance exactly only in the limit ε → 0 and without bias.
 */
public final class Epsilon extends LinearRule {
    /** zennit's default ε. */
    public static final double DEFAULT_EPSILON = 1e-6;

    /** LRP-ε with zennit's default ε, {@link #DEFAULT_EPSILON}. */
    public Epsilon() {
        this(DEFAULT_EPSILON);
    }

    /**
     * LRP-ε with the given ε.
     *
     * @param epsilon the ε added to each output {@code z_j} away from zero ({@link Relevance#stabilize}); finite,
     *                ≥ 0; 0 gives LRP-0
     * @throws org.xai4j.core.InvalidConfigException if {@code epsilon} is negative, infinite or NaN
     */
    public Epsilon(double epsilon) {
        super(epsilon, "epsilon");
    }

    /**
     * The stabiliser of this rule.
     *
     * @return ε, as given at construction
     */
    public double epsilon() {
        return stabilizer;
    }

    @Override
    INDArray relevance(LinearNode node, INDArray x, INDArray r, BackwardContext context) {
        return Relevance.redistribute(node, x, r, output(context), stabilizer);
    }

    @Override
    boolean readsOutput() {
        return true;
    }

    @Override
    public String describe() {
        return "epsilon(" + stabilizer + ")";
    }
}
