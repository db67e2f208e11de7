package org.xai4j.attribution.gradient;

import org.xai4j.core.InvalidConfigException;

/**
 * How the path integral of Integrated Gradients is discretised: Captum's {@code method} values
 * {@code riemann_left}, {@code riemann_right}, {@code riemann_middle}, {@code riemann_trapezoid} and
 * {@code gausslegendre} (Captum's default), with the same points and weights on [0, 1].
 */
public enum Quadrature {
    /** α_s = s/n, s = 0…n−1, weights 1/n. */
    RIEMANN_LEFT,
    /** α_s = s/n, s = 1…n, weights 1/n. */
    RIEMANN_RIGHT,
    /** α_s = (s + ½)/n, s = 0…n−1, weights 1/n (the midpoint rule). */
    RIEMANN_MIDDLE,
    /** α_s = s/(n−1), s = 0…n−1, weights 1/(n−1) with half weight at both ends; needs n ≥ 2. */
    RIEMANN_TRAPEZOID,
    /**
     * Gauss–Legendre: the n roots of the Legendre polynomial P_n mapped from [−1, 1] to [0, 1], with their
     * weights halved; exact for polynomials of degree ≤ 2n − 1.
     */
    GAUSS_LEGENDRE;

    /**
     * The smallest number of points this rule accepts.
     *
     * @return 2 for {@link #RIEMANN_TRAPEZOID}, 1 for the others
     */
    public int minSteps() {
        return this == RIEMANN_TRAPEZOID ? 2 : 1;
    }

    /**
     * The rule with {@code n} points.
     *
     * @param n the number of points, at least {@link #minSteps()}
     * @return the points on [0, 1], ascending, and their weights, which sum to 1
     * @throws InvalidConfigException if {@code n < minSteps()}
     */
    public QuadratureRule rule(int n) {
        if (n < minSteps()) {
            throw new InvalidConfigException("steps must be at least " + minSteps() + " for " + this + " but was " + n);
        }
        double[] a = new double[n];
        double[] w = new double[n];
        switch (this) {
            case RIEMANN_LEFT, RIEMANN_RIGHT, RIEMANN_MIDDLE -> {
                double shift = this == RIEMANN_LEFT ? 0 : this == RIEMANN_RIGHT ? 1 : 0.5;
                for (int s = 0; s < n; s++) {
                    a[s] = (s + shift) / n;
                    w[s] = 1.0 / n;
                }
            }
            case RIEMANN_TRAPEZOID -> {
                for (int s = 0; s < n; s++) {
                    a[s] = (double) s / (n - 1);
                    w[s] = 1.0 / (n - 1);
                }
                w[0] *= 0.5;
                w[n - 1] *= 0.5;
            }
            case GAUSS_LEGENDRE -> gaussLegendre(n, a, w);
            default -> throw new IllegalStateException(name());
        }
        return new QuadratureRule(a, w);
    }

    /**
     * Roots of P_n by Newton's method from the estimates cos(π(i − ¼)/(n + ½)), P_n and P_n' by the
     * three-term recurrence; weights 2/((1 − z²)·P_n'(z)²). Mapped to [0, 1]: α = (1 + z)/2, w/2.
     */
    private static void gaussLegendre(int n, double[] alpha, double[] weight) {
        int half = (n + 1) / 2;
        for (int i = 1; i <= half; i++) {
            double z = Math.cos(Math.PI * (i - 0.25) / (n + 0.5));
            for (int iter = 0; iter < 100; iter++) {
                double[] p = legendre(n, z);
                double dz = p[0] / p[1];
                z -= dz;
                if (Math.abs(dz) <= 1e-16) {
                    break;
                }
            }
            double dp = legendre(n, z)[1];
            double w = 2.0 / ((1.0 - z * z) * dp * dp);
            // z is the i-th largest root; the nodes are ascending, so it goes near the end.
            alpha[n - i] = 0.5 * (1.0 + z);
            alpha[i - 1] = 0.5 * (1.0 - z);
            weight[n - i] = 0.5 * w;
            weight[i - 1] = 0.5 * w;
        }
        if (n % 2 == 1) {
            alpha[half - 1] = 0.5; // the middle root is exactly 0
        }
    }

    /** {P_n(z), P_n'(z)}. */
    private static double[] legendre(int n, double z) {
        double p1 = 1.0;
        double p0 = 0.0;
        for (int j = 1; j <= n; j++) {
            double pm = p0;
            p0 = p1;
            p1 = ((2.0 * j - 1.0) * z * p0 - (j - 1.0) * pm) / j;
        }
        // p1 = P_n(z), p0 = P_{n-1}(z)
        double dp = n * (z * p1 - p0) / (z * z - 1.0);
        return new double[] {p1, dp};
    }
}
