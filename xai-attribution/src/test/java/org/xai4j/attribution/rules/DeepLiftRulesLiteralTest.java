package org.xai4j.attribution.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.node.MaxPoolNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.graph.node.SigmoidNode;
import org.xai4j.core.graph.node.SoftmaxNode;
import org.xai4j.core.graph.node.Window2d;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.Rng;

/**
 * The DeepLIFT rules at max pooling, softmax and element-wise nonlinearities against slow, literal
 * re-implementations written here from the rules' definitions (Shrikumar et al. 2017; Captum's
 * {@code maxpool} and {@code softmax} handlers), on small random inputs through one-node graphs. Each case also
 * checks the axiom the rule promises where it promises one: Σ m ⊙ Δx = Σ g ⊙ Δy.
 */
class DeepLiftRulesLiteralTest {
    private static final double EPS = 1e-10;

    static double[] uniform(long seed, double lo, double hi, int n) {
        return HostArrays.doubles(Rng.seeded(seed).uniform(DataType.DOUBLE, lo, hi, n));
    }

    static INDArray array(double[] v, long... shape) {
        return HostArrays.array(v, shape, DataType.DOUBLE);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    // ---------------------------------------------------------------- max pooling

    static final int N = 2;
    static final int C = 2;
    static final int H = 5;
    static final int W = 6;

    /** The flat index (n, c, y, x) of window (i, j)'s first largest value in row-major order, padding excluded. */
    static int windowArgmax(double[] v, int n, int c, int i, int j, int k, int stride, int pad) {
        int best = -1;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                int y = i * stride - pad + a;
                int x = j * stride - pad + b;
                if (y < 0 || y >= H || x < 0 || x >= W) {
                    continue;
                }
                int e = ((n * C + c) * H + y) * W + x;
                if (best < 0 || v[e] > v[best]) {
                    best = e;
                }
            }
        }
        return best;
    }

    /**
     * DeepLIFT's max-pool multipliers written input position by input position: the change a position receives
     * is max(y, y′) − y′ from each window it is the input's arg-max of and y − max(y, y′) from each window it
     * is the reference's arg-max of, times the window's upstream multiplier; summed over windows ({@code
     * exact}) or, as Captum's max-unpooling writes, the last such window in row-major order for each of the
     * two. Divided by the position's change, or the plain max-pool gradient where the change is below ε.
     */
    static double[] literalMaxPool(double[] x, double[] xr, double[] g, int k, int stride, int pad, boolean exact) {
        int oh = (H + 2 * pad - k) / stride + 1;
        int ow = (W + 2 * pad - k) / stride + 1;
        double[] m = new double[x.length];
        for (int e = 0; e < x.length; e++) {
            int n = e / (C * H * W);
            int c = e / (H * W) % C;
            double fromInput = 0;
            double fromReference = 0;
            double plain = 0;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int px = windowArgmax(x, n, c, i, j, k, stride, pad);
                    int pr = windowArgmax(xr, n, c, i, j, k, stride, pad);
                    double gw = g[((n * C + c) * oh + i) * ow + j];
                    double y = x[px];
                    double yr = xr[pr];
                    double top = Math.max(y, yr);
                    if (px == e) {
                        fromInput = exact ? fromInput + gw * (top - yr) : gw * (top - yr);
                        plain += gw;
                    }
                    if (pr == e) {
                        fromReference = exact ? fromReference + gw * (y - top) : gw * (y - top);
                    }
                }
            }
            double dx = x[e] - xr[e];
            m[e] = Math.abs(dx) < EPS ? plain : (fromInput + fromReference) / dx;
        }
        return m;
    }

    @Test
    void maxPoolRulesEqualTheLiteralLoops() {
        int k = 3;
        int stride = 2;
        int pad = 1;
        int oh = (H + 2 * pad - k) / stride + 1;
        int ow = (W + 2 * pad - k) / stride + 1;
        Graph g = OneNodeGraphs.of(new MaxPoolNode("pool", "x", "y", Window2d.of(k, k).strides(stride, stride).pads(pad),
                false), DataType.DOUBLE, C, H, W);
        for (long seed = 1; seed <= 3; seed++) {
            double[] x = uniform(seed, -1, 1, N * C * H * W);
            double[] xr = uniform(seed + 100, -1, 1, x.length);
            for (int e = 0; e < x.length; e += 7) {
                xr[e] = x[e]; // no change: the plain-gradient fallback
            }
            double[] up = uniform(seed + 200, -1, 1, N * C * oh * ow);
            for (RuleVariant v : RuleVariant.values()) {
                double[] ours = OneNodeGraphs.multipliers(g, RuleTables.deepLift(v, v).composite(),
                        array(x, N, C, H, W), array(xr, N, C, H, W), array(up, N, C, oh, ow));
                double[] literal = literalMaxPool(x, xr, up, k, stride, pad, v == RuleVariant.EXACT);
                assertThat(ours).as("max pool, %s, seed %d", v, seed).containsExactly(literal, within(1e-12));
            }
            double[] exact = OneNodeGraphs.multipliers(g, RuleTables.deepLift(RuleVariant.EXACT, RuleVariant.EXACT)
                    .composite(), array(x, N, C, H, W), array(xr, N, C, H, W), array(up, N, C, oh, ow));
            double[] dy = minus(HostArrays.doubles(g.predict(array(x, N, C, H, W))),
                    HostArrays.doubles(g.predict(array(xr, N, C, H, W))));
            assertThat(dot(exact, minus(x, xr))).as("exact max pool conserves").isCloseTo(dot(up, dy), within(1e-12));
        }
    }

    // ---------------------------------------------------------------- softmax

    static double[] softmaxOf(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            max = Math.max(max, d);
        }
        double s = 0;
        double[] y = new double[v.length];
        for (int a = 0; a < v.length; a++) {
            y[a] = Math.exp(v[a] - max);
            s += y[a];
        }
        for (int a = 0; a < v.length; a++) {
            y[a] /= s;
        }
        return y;
    }

    /**
     * One softmax vector. Captum: u = g ⊙ Δy/Δx (y ⊙ (g − g·y) where Δx is below ε) minus its mean. Exact: the
     * Shapley split of y = e/S between the numerator e = exp(x − c) and the sum S, then Rescale at exp:
     * m_a = (g_a (1/S + 1/S′)/2 − Σ_b g_b (e_b + e′_b)/(2 S S′)) · Δe_a/Δx_a.
     */
    static double[] literalSoftmaxVector(double[] x, double[] xr, double[] g, boolean exact) {
        int k = x.length;
        double[] m = new double[k];
        if (!exact) {
            double[] y = softmaxOf(x);
            double[] yr = softmaxOf(xr);
            double gy = dot(g, y);
            double mean = 0;
            for (int a = 0; a < k; a++) {
                double dx = x[a] - xr[a];
                m[a] = Math.abs(dx) < EPS ? y[a] * (g[a] - gy) : g[a] * (y[a] - yr[a]) / dx;
                mean += m[a] / k;
            }
            for (int a = 0; a < k; a++) {
                m[a] -= mean;
            }
            return m;
        }
        double c = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < k; a++) {
            c = Math.max(c, Math.max(x[a], xr[a]));
        }
        double[] e = new double[k];
        double[] er = new double[k];
        double s = 0;
        double sr = 0;
        for (int a = 0; a < k; a++) {
            e[a] = Math.exp(x[a] - c);
            er[a] = Math.exp(xr[a] - c);
            s += e[a];
            sr += er[a];
        }
        for (int a = 0; a < k; a++) {
            double toSum = 0;
            for (int b = 0; b < k; b++) {
                toSum += g[b] * (e[b] + er[b]) / (2 * s * sr);
            }
            double me = g[a] * (1 / s + 1 / sr) / 2 - toSum;
            double dx = x[a] - xr[a];
            m[a] = me * (Math.abs(dx) < EPS ? e[a] : (e[a] - er[a]) / dx);
        }
        return m;
    }

    @Test
    void softmaxRulesEqualTheLiteralLoopsAlongAMiddleAxis() {
        int n = 2;
        int k = 4;
        int l = 3;
        Graph g = OneNodeGraphs.of(new SoftmaxNode("softmax", "x", "y", 1, false), DataType.DOUBLE, k, l);
        for (long seed = 1; seed <= 3; seed++) {
            double[] x = uniform(seed, -3, 3, n * k * l);
            double[] xr = uniform(seed + 100, -3, 3, x.length);
            xr[5] = x[5];
            double[] up = uniform(seed + 200, -1, 1, x.length);
            for (RuleVariant v : RuleVariant.values()) {
                double[] ours = OneNodeGraphs.multipliers(g, RuleTables.deepLift(v, v).composite(),
                        array(x, n, k, l), array(xr, n, k, l), array(up, n, k, l));
                double[] literal = new double[x.length];
                for (int r = 0; r < n; r++) {
                    for (int j = 0; j < l; j++) {
                        double[] vx = new double[k];
                        double[] vr = new double[k];
                        double[] vg = new double[k];
                        for (int a = 0; a < k; a++) {
                            int e = (r * k + a) * l + j; // element (r, a, j): the vector runs along axis 1
                            vx[a] = x[e];
                            vr[a] = xr[e];
                            vg[a] = up[e];
                        }
                        double[] vm = literalSoftmaxVector(vx, vr, vg, v == RuleVariant.EXACT);
                        for (int a = 0; a < k; a++) {
                            literal[(r * k + a) * l + j] = vm[a];
                        }
                    }
                }
                assertThat(ours).as("softmax, %s, seed %d", v, seed).containsExactly(literal, within(1e-12));
                if (v == RuleVariant.EXACT) {
                    double[] dy = minus(HostArrays.doubles(g.predict(array(x, n, k, l))),
                            HostArrays.doubles(g.predict(array(xr, n, k, l))));
                    assertThat(dot(ours, minus(x, xr))).as("exact softmax conserves").isCloseTo(dot(up, dy),
                            within(1e-12));
                }
            }
        }
    }

    // ---------------------------------------------------------------- Rescale

    static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    @Test
    void rescaleAtSigmoidEqualsTheQuotientOfDifferencesOrTheDerivative() {
        int n = 3;
        int d = 5;
        double[] x = uniform(7, -4, 4, n * d);
        double[] xr = uniform(8, -4, 4, x.length);
        xr[4] = x[4];
        double[] up = uniform(9, -1, 1, x.length);
        double[] literal = new double[x.length];
        for (int e = 0; e < x.length; e++) {
            double dx = x[e] - xr[e];
            double s = sigmoid(x[e]);
            literal[e] = Math.abs(dx) < EPS ? up[e] * s * (1 - s) : up[e] * (s - sigmoid(xr[e])) / dx;
        }
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            Graph g = OneNodeGraphs.of(new SigmoidNode("sigmoid", "x", "y"), type, d);
            // In float, the inputs are the doubles rounded to float; Rescale.SMOOTH evaluates their sigmoids in
            // double, so the result is the literal one of the rounded inputs, rounded once to float.
            double[] xs = type == DataType.FLOAT ? HostArrays.doubles(array(x, n, d).castTo(type)) : x;
            double[] xrs = type == DataType.FLOAT ? HostArrays.doubles(array(xr, n, d).castTo(type)) : xr;
            double[] ups = type == DataType.FLOAT ? HostArrays.doubles(array(up, n, d).castTo(type)) : up;
            double[] expected = new double[x.length];
            for (int e = 0; e < x.length; e++) {
                double dx = xs[e] - xrs[e];
                double s = sigmoid(xs[e]);
                expected[e] = Math.abs(dx) < EPS ? ups[e] * s * (1 - s) : ups[e] * (s - sigmoid(xrs[e])) / dx;
            }
            if (type == DataType.DOUBLE) {
                assertThat(expected).containsExactly(literal, within(0.0));
            }
            double[] ours = OneNodeGraphs.multipliers(g, RuleTables.deepLift(RuleVariant.CAPTUM, RuleVariant.CAPTUM)
                    .composite(), array(xs, n, d).castTo(type), array(xrs, n, d).castTo(type),
                    array(ups, n, d).castTo(type));
            double tol = type == DataType.DOUBLE ? 1e-14 : 1e-6;
            for (int e = 0; e < x.length; e++) {
                assertThat(ours[e]).as("sigmoid %s at %d", type, e).isCloseTo(expected[e],
                        within(tol * Math.max(1, Math.abs(expected[e]))));
            }
        }
    }

    @Test
    void rescaleAtReluEqualsTheQuotientOfDifferencesOrTheStep() {
        int n = 3;
        int d = 6;
        double[] x = uniform(17, -2, 2, n * d);
        double[] xr = uniform(18, -2, 2, x.length);
        xr[2] = x[2];
        xr[9] = x[9];
        double[] up = uniform(19, -1, 1, x.length);
        double[] literal = new double[x.length];
        for (int e = 0; e < x.length; e++) {
            double dx = x[e] - xr[e];
            literal[e] = Math.abs(dx) < EPS ? (x[e] > 0 ? up[e] : 0)
                    : up[e] * (Math.max(x[e], 0) - Math.max(xr[e], 0)) / dx;
        }
        Graph g = OneNodeGraphs.of(new ReluNode("relu", "x", "y"), DataType.DOUBLE, d);
        double[] ours = OneNodeGraphs.multipliers(g, RuleTables.deepLift(RuleVariant.CAPTUM, RuleVariant.CAPTUM)
                .composite(), array(x, n, d), array(xr, n, d), array(up, n, d));
        assertThat(ours).containsExactly(literal, within(1e-14));
    }
}
