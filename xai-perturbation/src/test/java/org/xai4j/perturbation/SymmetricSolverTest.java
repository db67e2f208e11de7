package org.xai4j.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Cholesky solver on systems solved by hand and by its residual A·x − b. {@code WeightedSolversTest} and
 * {@code KernelShapTest} use it for their bit-for-bit references, so it is checked here on its own.
 */
class SymmetricSolverTest {
    @Test
    void solvesSystemsWorkedByHand() {
        // A = [[4, 2], [2, 3]], det 8, A⁻¹ = [[3, −2], [−2, 4]] / 8; b = (2, 1): x = (6 − 2, −4 + 4) / 8 = (0.5, 0)
        assertThat(SymmetricSolver.solve(new double[][] {{4, 2}, {2, 3}}, new double[] {2, 1}))
                .containsExactly(new double[] {0.5, 0}, within(1e-15));
        // A = [[4, 2, 0], [2, 5, 1], [0, 1, 3]], x = (1, −1, 2): b = A·x = (4 − 2, 2 − 5 + 2, −1 + 6) = (2, −1, 5)
        assertThat(SymmetricSolver.solve(new double[][] {{4, 2, 0}, {2, 5, 1}, {0, 1, 3}}, new double[] {2, -1, 5}))
                .containsExactly(new double[] {1, -1, 2}, within(1e-14));
        assertThat(SymmetricSolver.solve(new double[0][0], new double[0])).isEmpty();
    }

    @Test
    void leavesASmallResidualAndItsArgumentsUntouched() {
        Random r = new Random(3);
        int n = 7;
        double[][] m = new double[n][n];
        for (double[] row : m) {
            for (int j = 0; j < n; j++) {
                row[j] = r.nextGaussian();
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += m[k][i] * m[k][j]; // MᵀM + I: symmetric positive definite
                }
            }
            a[i][i] += 1;
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = r.nextGaussian();
        }
        double[][] aBefore = new double[n][];
        for (int i = 0; i < n; i++) {
            aBefore[i] = a[i].clone();
        }
        double[] bBefore = b.clone();
        double[] x = SymmetricSolver.solve(a, b);
        for (int i = 0; i < n; i++) {
            double ax = 0;
            for (int j = 0; j < n; j++) {
                ax += a[i][j] * x[j];
            }
            assertThat(ax).as("row %d of A·x", i).isCloseTo(b[i], within(1e-10));
            assertThat(a[i]).containsExactly(aBefore[i]);
        }
        assertThat(b).containsExactly(bBefore);
    }

    @Test
    void aSingularSystemGetsCloseToTheMinimumNormSolution() {
        // A = [[1, 1], [1, 1]] (rank 1), b = (2, 2): every x with x₀ + x₁ = 2 solves it; the minimum-norm one is (1, 1)
        assertThat(SymmetricSolver.solve(new double[][] {{1, 1}, {1, 1}}, new double[] {2, 2}))
                .containsExactly(new double[] {1, 1}, within(1e-3));
    }
}
