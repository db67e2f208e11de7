package org.xai4j.attribution.gradient;

import org.xai4j.core.InvalidConfigException;

/**
 * Points α_s in [0, 1] and weights w_s with Σ_s w_s g(α_s) ≈ ∫₀¹ g(α) dα. Arrays are copied in and out.
 */
public final class QuadratureRule {
    private final double[] alphas;
    private final double[] weights;

    /**
     * A rule from its points and weights, both copied.
     *
     * @param alphas the points α_s, normally in [0, 1] and ascending (not checked)
     * @param weights the weight of each point, as many as {@code alphas}
     * @throws InvalidConfigException if an array is null or empty, or their lengths differ
     */
    public QuadratureRule(double[] alphas, double[] weights) {
        if (alphas == null || weights == null || alphas.length == 0 || alphas.length != weights.length) {
            throw new InvalidConfigException("a quadrature rule needs as many weights as points (at least one) but got "
                    + (alphas == null ? "null" : alphas.length) + " points and "
                    + (weights == null ? "null" : weights.length) + " weights");
        }
        this.alphas = alphas.clone();
        this.weights = weights.clone();
    }

    /**
     * The number of points.
     *
     * @return n, ≥ 1
     */
    public int size() {
        return alphas.length;
    }

    /**
     * The points.
     *
     * @return a copy of the n points, in the order given (ascending for every {@link Quadrature})
     */
    public double[] alphas() {
        return alphas.clone();
    }

    /**
     * The weights.
     *
     * @return a copy of the n weights, in the order of {@link #alphas()}
     */
    public double[] weights() {
        return weights.clone();
    }

    /**
     * The point α_s, without the copy {@link #alphas()} makes.
     *
     * @param s the index of the point, in [0, n)
     * @return α_s
     */
    public double alpha(int s) {
        return alphas[s];
    }

    /**
     * The weight w_s, without the copy {@link #weights()} makes.
     *
     * @param s the index of the point, in [0, n)
     * @return w_s
     */
    public double weight(int s) {
        return weights[s];
    }
}
