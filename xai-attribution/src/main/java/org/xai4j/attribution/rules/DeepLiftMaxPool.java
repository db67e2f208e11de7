package org.xai4j.attribution.rules;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.node.MaxPoolNode;
import org.xai4j.core.graph.node.Window2d;
import org.xai4j.core.util.HostArrays;

/**
 * DeepLIFT at a 2-D max pool, Captum's cross-maximum rule: for every window with input maximum y (at
 * position p) and reference maximum y′ (at p′), the change y − y′ is split into max(y, y′) − y′, routed to
 * p, and y − max(y, y′), routed to p′; at each input position the routed change (times the upstream
 * multiplier) divided by the position's own change x − x′ is the multiplier, or the plain max-pool gradient
 * where |x − x′| &lt; ε. If a window's change is routed to a position, that position's change is non-zero,
 * so nothing is lost there.
 *
 * <p>Where windows overlap, {@link RuleVariant#EXACT} adds the changes of all windows a position wins, which conserves
 * exactly; otherwise each position keeps the last window's value (row-major), as Captum's max-unpooling does
 * on the CPU. The arg-max of a window is its first largest value in row-major order, padding never winning
 * (PyTorch's convention). Runs in double precision.
 */
public final class DeepLiftMaxPool extends VariantRule<MaxPoolNode> {
    /**
     * The rule in the given variant.
     *
     * @param variant {@link RuleVariant#CAPTUM} (Captum's max-unpooling) or {@link RuleVariant#EXACT}
     *                (conserving where windows overlap); not null
     * @throws org.xai4j.core.InvalidConfigException if {@code variant} is null
     */
    public DeepLiftMaxPool(RuleVariant variant) {
        super(MaxPoolNode.class, "deeplift-max-pool", variant);
    }

    @Override
    INDArray multipliers(BackwardContext c, MaxPoolNode node, boolean exact) {
        long[] in = c.inputShape(0);
        long[] out = c.outputShape();
        int planes = Math.toIntExact(in[0] * in[1]);
        int h = (int) in[2];
        int w = (int) in[3];
        int oh = (int) out[2];
        int ow = (int) out[3];
        double[] x = HostArrays.doubles(c.input(0));
        double[] xr = HostArrays.doubles(c.referenceInput(0));
        double[] g = HostArrays.doubles(c.upstream());
        Window2d win = node.window();
        int plane = h * w;
        int outPlane = oh * ow;
        double[] routed = new double[x.length];
        double[] plain = new double[x.length];
        double[] toInput = exact ? routed : new double[x.length];
        double[] toReference = exact ? routed : new double[x.length];
        for (int p = 0; p < planes; p++) {
            int base = p * plane;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int q = p * outPlane + i * ow + j;
                    int px = base + argmax(x, base, w, h, i, j, win);
                    int pr = base + argmax(xr, base, w, h, i, j, win);
                    double y = x[px];
                    double yr = xr[pr];
                    double top = Math.max(y, yr);
                    if (exact) {
                        routed[px] += g[q] * (top - yr);
                        routed[pr] += g[q] * (y - top);
                    } else {
                        toInput[px] = g[q] * (top - yr);
                        toReference[pr] = g[q] * (y - top);
                    }
                    plain[px] += g[q];
                }
            }
        }
        double[] m = new double[x.length];
        for (int e = 0; e < m.length; e++) {
            double dx = x[e] - xr[e];
            double r = exact ? routed[e] : toInput[e] + toReference[e];
            m[e] = Math.abs(dx) < Rescale.EPS ? plain[e] : r / dx;
        }
        return HostArrays.array(m, in, c.dataType());
    }

    /** The plane offset of window (i, j)'s first largest value. */
    private static int argmax(double[] v, int base, int w, int h, int i, int j, Window2d win) {
        int y0 = i * win.strideH() - win.padTop();
        int x0 = j * win.strideW() - win.padLeft();
        int best = -1;
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < win.kernelH(); a++) {
            int y = y0 + a * win.dilationH();
            if (y < 0 || y >= h) {
                continue;
            }
            for (int b = 0; b < win.kernelW(); b++) {
                int x = x0 + b * win.dilationW();
                if (x < 0 || x >= w) {
                    continue;
                }
                double val = v[base + y * w + x];
                if (best < 0 || val > max || Double.isNaN(val)) {
                    best = y * w + x;
                    max = val;
                }
            }
        }
        return best;
    }
}
