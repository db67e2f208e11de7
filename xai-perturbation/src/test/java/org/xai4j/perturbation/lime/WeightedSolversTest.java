package org.xai4j.perturbation.lime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Optimality conditions of the surrogates, checked from their definitions. */
class WeightedSolversTest {
    static final int N = 80;
    static final int P = 5;
    static final double[][] X = new double[N][P];
    static final double[] Y = new double[N];
    static final double[] W = new double[N];

    static {
        SplittableRandom r = new SplittableRandom(12);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < P; j++) {
                X[i][j] = r.nextInt(2);
            }
            Y[i] = 0.5 + 2 * X[i][0] - X[i][1] + 0.3 * X[i][3] + 0.2 * r.nextGaussian();
            W[i] = 0.1 + r.nextDouble();
        }
    }

    /** ∂/∂β_j of Σ w (y − b − xβ)² / 2, and ∂/∂b. */
    static double[] lossGradient(double[] beta, double b) {
        double[] g = new double[P + 1];
        for (int i = 0; i < N; i++) {
            double r = Y[i] - b;
            for (int j = 0; j < P; j++) {
                r -= beta[j] * X[i][j];
            }
            for (int j = 0; j < P; j++) {
                g[j] -= W[i] * r * X[i][j];
            }
            g[P] -= W[i] * r;
        }
        return g;
    }

    @Test
    void ridgeSatisfiesItsNormalEquations() {
        for (double alpha : new double[] {0.0, 1.0, 25.0}) {
            LinearFit fit = WeightedRidge.fit(X, Y, W, alpha);
            double[] g = lossGradient(fit.coefficients(), fit.intercept());
            // Σ w (y − ŷ)² + α‖β‖²: gradient 2·g + 2αβ = 0; the intercept is unpenalised.
            for (int j = 0; j < P; j++) {
                assertThat(g[j] + alpha * fit.coefficients()[j]).isCloseTo(0, within(1e-9));
            }
            assertThat(g[P]).isCloseTo(0, within(1e-9));
        }
    }

    @Test
    void lassoSatisfiesItsSubgradientConditions() {
        double sw = 0;
        for (double w : W) {
            sw += w;
        }
        for (double alpha : new double[] {0.001, 0.05, 0.3, 10}) {
            LinearFit fit = WeightedLasso.fit(X, Y, W, alpha);
            double[] beta = fit.coefficients();
            double[] g = lossGradient(beta, fit.intercept());
            int zeros = 0;
            for (int j = 0; j < P; j++) {
                double gj = g[j] / sw;
                if (beta[j] != 0) {
                    assertThat(gj).isCloseTo(-alpha * Math.signum(beta[j]), within(1e-8));
                } else {
                    zeros++;
                    assertThat(Math.abs(gj)).isLessThanOrEqualTo(alpha + 1e-8);
                }
            }
            assertThat(g[P]).isCloseTo(0, within(1e-8));
            if (alpha == 10) {
                assertThat(zeros).isEqualTo(P);
            }
            if (alpha == 0.3) {
                assertThat(zeros).isGreaterThan(0).isLessThan(P);
            }
        }
    }
}
