package org.xai4j.concepts.nmf;

/**
 * Non-negative least squares in Gram form: minimise ½·sᵀGs − bᵀs over s ≥ 0 for a symmetric positive
 * (semi-)definite K × K matrix G. For min ‖Aᵀs − v‖² with A = P (K × C) this is G = P·Pᵀ, b = P·v, which is how
 * {@link Nmf#transform} scores new rows with P fixed. The algorithm is Lawson and Hanson's active-set method
 * ("Solving Least Squares Problems", 1974, ch. 23) written on G and b, so each row costs O(K³) at most and never
 * touches the C columns again. The result is exact up to the linear solves (Gaussian elimination with partial
 * pivoting on the passive set).
 */
public final class Nnls {
    private Nnls() {
    }

    /**
     * The minimiser s ≥ 0 of ½·sᵀGs − bᵀs.
     *
     * @param g   G, K × K row-major (not modified)
     * @param b   b, length K (not modified)
     * @param k   K
     * @param tol the dual-feasibility tolerance: stop when no inactive gradient component exceeds it
     * @return s, length K
     */
    public static double[] solve(double[] g, double[] b, int k, double tol) {
        double[] s = new double[k];
        boolean[] passive = new boolean[k];
        double[] w = new double[k];
        double[] z = new double[k];
        int outer = 0;
        int maxOuter = 3 * k + 10;
        while (outer++ < maxOuter) {
            gradient(g, b, s, k, w);
            int j = -1;
            double best = tol;
            for (int i = 0; i < k; i++) {
                if (!passive[i] && w[i] > best) {
                    best = w[i];
                    j = i;
                }
            }
            if (j < 0) {
                break;
            }
            passive[j] = true;
            int inner = 0;
            while (inner++ < 3 * k + 10) {
                if (!solvePassive(g, b, passive, k, z)) {
                    passive[j] = false; // G restricted to the passive set is singular: j adds nothing
                    break;
                }
                boolean feasible = true;
                for (int i = 0; i < k; i++) {
                    if (passive[i] && z[i] <= 0) {
                        feasible = false;
                        break;
                    }
                }
                if (feasible) {
                    System.arraycopy(z, 0, s, 0, k);
                    break;
                }
                double alpha = Double.POSITIVE_INFINITY;
                for (int i = 0; i < k; i++) {
                    if (passive[i] && z[i] <= 0) {
                        alpha = Math.min(alpha, s[i] / (s[i] - z[i]));
                    }
                }
                for (int i = 0; i < k; i++) {
                    s[i] += alpha * (z[i] - s[i]);
                    if (passive[i] && s[i] <= 1e-15 * (1 + Math.abs(z[i]))) {
                        passive[i] = false;
                        s[i] = 0;
                    }
                }
            }
        }
        for (int i = 0; i < k; i++) {
            if (s[i] < 0) {
                s[i] = 0;
            }
        }
        return s;
    }

    /** w = b − G·s. */
    private static void gradient(double[] g, double[] b, double[] s, int k, double[] w) {
        for (int i = 0; i < k; i++) {
            double v = b[i];
            for (int j = 0; j < k; j++) {
                v -= g[i * k + j] * s[j];
            }
            w[i] = v;
        }
    }

    /** Solves G[P,P]·z[P] = b[P], z = 0 elsewhere; false when the passive block is singular. */
    private static boolean solvePassive(double[] g, double[] b, boolean[] passive, int k, double[] z) {
        int m = 0;
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) {
            if (passive[i]) {
                idx[m++] = i;
            }
            z[i] = 0;
        }
        double[][] a = new double[m][m + 1];
        double scale = 0;
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                a[r][c] = g[idx[r] * k + idx[c]];
                scale = Math.max(scale, Math.abs(a[r][c]));
            }
            a[r][m] = b[idx[r]];
        }
        for (int col = 0; col < m; col++) {
            int piv = col;
            for (int r = col + 1; r < m; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            if (Math.abs(a[piv][col]) <= 1e-14 * scale || scale == 0) {
                return false;
            }
            double[] t = a[piv];
            a[piv] = a[col];
            a[col] = t;
            for (int r = col + 1; r < m; r++) {
                double f = a[r][col] / a[col][col];
                if (f != 0) {
                    for (int c = col; c <= m; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        for (int r = m - 1; r >= 0; r--) {
            double v = a[r][m];
            for (int c = r + 1; c < m; c++) {
                v -= a[r][c] * z[idx[c]];
            }
            z[idx[r]] = v / a[r][r];
        }
        return true;
    }
}
