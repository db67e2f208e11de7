package org.xai4j.attribution.rules;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.node.SoftmaxNode;
import org.xai4j.core.util.HostArrays;

/**
 * DeepLIFT at a softmax, in double precision, one softmax vector at a time.
 *
 * <ul>
 *   <li>{@link RuleVariant#CAPTUM}: u = g ⊙ (y − y′)/(x − x′), or the softmax vector–Jacobian product y ⊙ (g − Σ g ⊙ y)
 *       where |x − x′| &lt; ε; the multiplier is u minus its mean over the vector. Not conserving.</li>
 *   <li>{@link RuleVariant#EXACT}: with c = max(max x, max x′), e = exp(x − c), S = Σ e and y = e/S, the quotient's Shapley split
 *       gives m_e = g (1/S + 1/S′)/2 − Σ_k g_k (e_k + e′_k)/(2 S S′), and the rescale at exp gives
 *       m_x = m_e ⊙ (e − e′)/(x − x′) (or m_e ⊙ e where |x − x′| &lt; ε). Conserves exactly.</li>
 * </ul>
 * The vectors are found without reading the node's settings: the softmax of zeros is 1/K on each vector of
 * K elements, which tells whether the node normalises along its axis alone or (ONNX before opset 13) over
 * every axis from it on.
 */
public final class DeepLiftSoftmax extends VariantRule<SoftmaxNode> {
    /**
     * The rule in the given variant.
     *
     * @param variant {@link RuleVariant#CAPTUM} (Captum's rescale minus its mean) or {@link RuleVariant#EXACT}
     *                (the conserving split above); not null
     * @throws org.xai4j.core.InvalidConfigException if {@code variant} is null
     */
    public DeepLiftSoftmax(RuleVariant variant) {
        super(SoftmaxNode.class, "deeplift-softmax", variant);
    }

    @Override
    INDArray multipliers(BackwardContext c, SoftmaxNode node, boolean exact) {
        long[] shape = c.inputShape(0);
        int rank = shape.length;
        int axis = node.axis() < 0 ? node.axis() + rank : node.axis();
        long total = 1;
        for (long s : shape) {
            total *= s;
        }
        INDArray zeros = Nd4j.zeros(c.dataType(), shape);
        INDArray probe = node.forward(zeros);
        double uniform = probe.getDouble(0);
        Temporaries.free(zeros, probe);
        long k = Math.round(1 / uniform);
        long inner = 1;
        for (int i = axis + 1; i < rank; i++) {
            inner *= shape[i];
        }
        if (k != shape[axis]) {
            inner = 1; // normalised over every axis from `axis` on: contiguous vectors of k elements
        }
        long outer = total / (k * inner);
        double[] x = HostArrays.doubles(c.input(0));
        double[] xr = HostArrays.doubles(c.referenceInput(0));
        double[] g = HostArrays.doubles(c.upstream());
        double[] m = new double[x.length];
        int n = (int) k;
        double[] vx = new double[n];
        double[] vr = new double[n];
        double[] vg = new double[n];
        double[] vm = new double[n];
        for (long o = 0; o < outer; o++) {
            for (long i = 0; i < inner; i++) {
                long first = o * k * inner + i;
                for (int a = 0; a < n; a++) {
                    int e = (int) (first + a * inner);
                    vx[a] = x[e];
                    vr[a] = xr[e];
                    vg[a] = g[e];
                }
                if (exact) {
                    exact(vx, vr, vg, vm);
                } else {
                    captum(vx, vr, vg, vm);
                }
                for (int a = 0; a < n; a++) {
                    m[(int) (first + a * inner)] = vm[a];
                }
            }
        }
        return HostArrays.array(m, shape, c.dataType());
    }

    private static double[] softmax(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            max = Math.max(max, d);
        }
        double[] y = new double[v.length];
        double s = 0;
        for (int a = 0; a < v.length; a++) {
            y[a] = Math.exp(v[a] - max);
            s += y[a];
        }
        for (int a = 0; a < v.length; a++) {
            y[a] /= s;
        }
        return y;
    }

    private static void captum(double[] x, double[] xr, double[] g, double[] out) {
        double[] y = softmax(x);
        double[] yr = softmax(xr);
        double gy = 0;
        for (int a = 0; a < x.length; a++) {
            gy += g[a] * y[a];
        }
        double mean = 0;
        for (int a = 0; a < x.length; a++) {
            double dx = x[a] - xr[a];
            out[a] = Math.abs(dx) < Rescale.EPS ? y[a] * (g[a] - gy) : g[a] * (y[a] - yr[a]) / dx;
            mean += out[a];
        }
        mean /= x.length;
        for (int a = 0; a < x.length; a++) {
            out[a] -= mean;
        }
    }

    private static void exact(double[] x, double[] xr, double[] g, double[] out) {
        double c = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < x.length; a++) {
            c = Math.max(c, Math.max(x[a], xr[a]));
        }
        double[] e = new double[x.length];
        double[] er = new double[x.length];
        double s = 0;
        double sr = 0;
        for (int a = 0; a < x.length; a++) {
            e[a] = Math.exp(x[a] - c);
            er[a] = Math.exp(xr[a] - c);
            s += e[a];
            sr += er[a];
        }
        double toSum = 0;
        for (int a = 0; a < x.length; a++) {
            toSum += g[a] * (e[a] + er[a]);
        }
        toSum /= 2 * s * sr;
        double half = (1 / s + 1 / sr) / 2;
        for (int a = 0; a < x.length; a++) {
            double me = g[a] * half - toSum;
            double dx = x[a] - xr[a];
            out[a] = me * (Math.abs(dx) < Rescale.EPS ? e[a] : (e[a] - er[a]) / dx);
        }
    }
}
