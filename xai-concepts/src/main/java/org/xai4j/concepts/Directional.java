package org.xai4j.concepts;

/**
 * Directional derivatives of a target's score along concept directions, the quantity TCAV counts (Kim et al.,
 * "Interpretability Beyond Feature Attribution: Quantitative Testing with Concept Activation Vectors (TCAV)",
 * ICML 2018, eq. 1: S_{C,k,l}(x) = ∇h_{l,k}(f_l(x)) · v_C^l), and the two TCAV scores over a set of inputs.
 */
public final class Directional {
    private Directional() {
    }

    /**
     * For each row n and direction k: Σ_d G[n,d]·D[k,d], with G the gradient flattened to N × d and D K × d (a
     * CAV in the flattened layer space).
     *
     * @param g the gradient, N × d row-major
     * @param n N
     * @param d the flattened layer size
     * @param dirs the directions, K × d row-major
     * @param k K
     * @return a new N × K row-major array of directional derivatives
     */
    public static double[] flat(double[] g, int n, int d, double[] dirs, int k) {
        double[] out = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int q = 0; q < d; q++) {
                    s += g[i * d + q] * dirs[j * d + q];
                }
                out[i * k + j] = s;
            }
        }
        return out;
    }

    /**
     * For each row n and channel direction k (K × C): Σ_{c,y,x} G[n,c,y,x]·D[k,c], the derivative when the direction
     * is added at every spatial position of an N × C × h × w layer (ICE's concept directions).
     *
     * @param g the gradient, N × C × h × w row-major
     * @param n N
     * @param c C
     * @param hw h · w
     * @param dirs the channel directions, K × C row-major
     * @param k K
     * @return a new N × K row-major array of directional derivatives
     */
    public static double[] perChannel(double[] g, int n, int c, int hw, double[] dirs, int k) {
        double[] sums = new double[n * c];
        for (int i = 0; i < n * c; i++) {
            double s = 0;
            for (int q = 0; q < hw; q++) {
                s += g[i * hw + q];
            }
            sums[i] = s;
        }
        return flat(sums, n, c, dirs, k);
    }

    /**
     * TCAV's score: the fraction of {@code derivatives} that are positive.
     *
     * @param derivatives the directional derivatives of the inputs
     * @return the fraction, in [0, 1]; NaN for an empty array
     */
    public static double positiveFraction(double[] derivatives) {
        if (derivatives.length == 0) {
            return Double.NaN;
        }
        int pos = 0;
        for (double d : derivatives) {
            if (d > 0) {
                pos++;
            }
        }
        return (double) pos / derivatives.length;
    }

    /**
     * The signed-magnitude variant (Captum's {@code magnitude}): Σ max(d, 0) / Σ |d| (0 when all are 0).
     *
     * @param derivatives the directional derivatives of the inputs
     * @return the ratio, in [0, 1]
     */
    public static double magnitude(double[] derivatives) {
        double pos = 0;
        double abs = 0;
        for (double d : derivatives) {
            if (d > 0) {
                pos += d;
            }
            abs += Math.abs(d);
        }
        return abs == 0 ? 0 : pos / abs;
    }
}
