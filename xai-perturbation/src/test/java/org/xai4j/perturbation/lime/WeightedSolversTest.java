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

    /**
     * The ridge adds several samples per sweep of its normal matrix; every sum must still be taken one sample at a
     * time, in sample order, so its coefficients equal, bit for bit, those of the textbook one-sample-at-a-time
     * accumulation below, whatever the sample count (full blocks, a partial block, fewer samples than a block).
     */
    @Test
    void ridgeSumsSamplesInOrderWhateverTheirCount() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int n = 1; n <= 13; n++) {
            for (boolean binary : new boolean[] {true, false}) {
                int p = 5;
                double[][] x = new double[n][p];
                double[] y = new double[n];
                double[] w = new double[n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < p; j++) {
                        x[i][j] = binary ? rnd.nextInt(2) : rnd.nextDouble(-2, 2);
                    }
                    y[i] = rnd.nextDouble(-1, 1);
                    w[i] = rnd.nextDouble(0.1, 1);
                }
                double[] expected = oneSampleAtATime(x, y, w, 0.7);
                double[] got = WeightedRidge.fit(x, y, w, 0.7).coefficients();
                for (int j = 0; j < p; j++) {
                    assertThat(Double.doubleToRawLongBits(got[j])).as("n=%d binary=%s j=%d", n, binary, j)
                            .isEqualTo(Double.doubleToRawLongBits(expected[j]));
                }
            }
        }
    }

    /** (Xcᵀ W Xc + α I) β = Xcᵀ W yc, each entry summed over the samples in order, then solved. */
    private static double[] oneSampleAtATime(double[][] x, double[] y, double[] w, double alpha) {
        int n = y.length;
        int p = x[0].length;
        double sw = 0;
        double my = 0;
        double[] mx = new double[p];
        for (int i = 0; i < n; i++) {
            sw += w[i];
            my += w[i] * y[i];
            for (int j = 0; j < p; j++) {
                mx[j] += w[i] * x[i][j];
            }
        }
        my /= sw;
        for (int j = 0; j < p; j++) {
            mx[j] /= sw;
        }
        double[][] a = new double[p][p];
        double[] b = new double[p];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < p; r++) {
                double wr = w[i] * (x[i][r] - mx[r]);
                b[r] += wr * (y[i] - my);
                for (int c = 0; c <= r; c++) {
                    a[r][c] += wr * (x[i][c] - mx[c]);
                }
            }
        }
        for (int r = 0; r < p; r++) {
            a[r][r] += alpha;
            for (int c = 0; c < r; c++) {
                a[c][r] = a[r][c];
            }
        }
        return org.xai4j.perturbation.SymmetricSolver.solve(a, b);
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
