package org.xai4j.perturbation;

import org.xai4j.core.XaiException;

/**
 * Solves A·x = b for a symmetric positive (semi-)definite A by Cholesky factorisation, in plain Java so
 * the result is the same bits everywhere. A matrix that is singular (too few distinct samples for a
 * least-squares fit) is retried with a growing multiple of the identity added, starting at 1e-12 of the
 * largest diagonal entry: the answer then approaches the minimum-norm solution.
 */
public final class SymmetricSolver {
    private SymmetricSolver() {
    }

    /**
     * The solution of A·x = b; neither argument is modified.
     *
     * @param a the n × n symmetric positive semi-definite matrix, row-major (only its lower triangle is read by
     *          the factorisation)
     * @param b the right-hand side, length n
     * @return x, length n (empty when n = 0)
     * @throws XaiException if the factorisation fails even with the largest added multiple of the identity
     */
    public static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        if (n == 0) {
            return new double[0];
        }
        double maxDiag = 0;
        for (int i = 0; i < n; i++) {
            maxDiag = Math.max(maxDiag, Math.abs(a[i][i]));
        }
        double scale = maxDiag > 0 ? maxDiag : 1.0;
        double jitter = 0;
        for (int attempt = 0; attempt < 12; attempt++) {
            double[][] l = cholesky(a, jitter, 1e-13 * scale);
            if (l != null) {
                return substitute(l, b);
            }
            jitter = jitter == 0 ? 1e-12 * scale : jitter * 100;
        }
        throw new XaiException("the least-squares system of size " + n + " could not be solved (matrix not positive definite)");
    }

    private static double[][] cholesky(double[][] a, double jitter, double tolerance) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j] + (i == j ? jitter : 0.0);
                double[] li = l[i];
                double[] lj = l[j];
                for (int k = 0; k < j; k++) {
                    s -= li[k] * lj[k];
                }
                if (i == j) {
                    if (!(s > tolerance)) {
                        return null;
                    }
                    li[i] = Math.sqrt(s);
                } else {
                    li[j] = s / lj[j];
                }
            }
        }
        return l;
    }

    private static double[] substitute(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }
}
