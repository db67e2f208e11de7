package org.xai4j.attribution.lrp;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.node.LinearNode;

/**
 * LRP-z<sup>B</sup> (Montavon et al. 2017), for an input known to lie in a box {@code [l, h]} (the first layer on
 * pixels): with {@code z = (Wx + b) − (W⁺l + b⁺) − (W⁻h + b⁻)},
 * {@code R_i = x_i [Wᵀs]_i − l_i [W⁺ᵀs]_i − h_i [W⁻ᵀs]_i}, {@code s = R / z̃}, as zennit's {@code ZBox} (whose three
 * modified outputs each keep their clamped bias, so the biases cancel in z). The bounds are scalars, per-channel
 * vectors {@code [C]}, or arrays that broadcast to one input row ({@code C×H×W}, {@code 1×C×1×1}). Conserves
 * relevance.
 */
public final class ZBox extends LinearRule {
    private final INDArray low;
    private final INDArray high;
    private final Relevance.Modified parts = new Relevance.Modified(n -> new LinearNode[] {
            Relevance.with(n, Relevance::positive, Relevance::positive),
            Relevance.with(n, Relevance::negative, Relevance::negative)});

    /** Scalar bounds {@code low ≤ high}. */
    public ZBox(double low, double high) {
        this(Nd4j.scalar(low), Nd4j.scalar(high), Epsilon.DEFAULT_EPSILON);
    }

    /** Scalar bounds {@code low ≤ high} with another stabiliser. */
    public ZBox(double low, double high, double stabilizer) {
        this(Nd4j.scalar(low), Nd4j.scalar(high), stabilizer);
    }

    /** Bounds as arrays: scalars, per-channel {@code [C]}, or broadcastable to one input row; copied. */
    public ZBox(INDArray low, INDArray high) {
        this(low, high, Epsilon.DEFAULT_EPSILON);
    }

    public ZBox(INDArray low, INDArray high, double stabilizer) {
        super(stabilizer);
        if (low == null || high == null) {
            throw new InvalidConfigException("z-box: low and high must not be null");
        }
        this.low = low.dup().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        this.high = high.dup().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        double[] l = this.low.dup().data().asDouble();
        double[] h = this.high.dup().data().asDouble();
        for (double v : l) {
            if (!Double.isFinite(v)) {
                throw new InvalidConfigException("z-box: low must be finite but contains " + v);
            }
        }
        for (double v : h) {
            if (!Double.isFinite(v)) {
                throw new InvalidConfigException("z-box: high must be finite but contains " + v);
            }
        }
        if (l.length == h.length || l.length == 1 || h.length == 1) {
            for (int i = 0; i < Math.max(l.length, h.length); i++) {
                double a = l[l.length == 1 ? 0 : i];
                double b = h[h.length == 1 ? 0 : i];
                if (a > b) {
                    throw new InvalidConfigException("z-box: low must not exceed high but low=" + a + " > high=" + b
                            + (l.length > 1 || h.length > 1 ? " at entry " + i : ""));
                }
            }
        }
    }

    /** A copy of the lower bound. */
    public INDArray low() {
        return low.dup();
    }

    /** A copy of the upper bound. */
    public INDArray high() {
        return high.dup();
    }

    /** {@code bound} as an array of {@code x}'s shape. */
    static INDArray expand(INDArray bound, INDArray x, String what) {
        long[] xs = x.shape();
        INDArray b = bound.castTo(x.dataType());
        if (b.length() == 1) {
            return Nd4j.valueArrayOf(xs, b.getDouble(0), x.dataType());
        }
        if (b.rank() == 1 && xs.length >= 2 && b.length() == xs[1]) {
            long[] s = new long[xs.length];
            Arrays.fill(s, 1);
            s[1] = xs[1];
            b = b.reshape(s);
        } else if (b.rank() == xs.length - 1) {
            long[] s = new long[xs.length];
            s[0] = 1;
            System.arraycopy(b.shape(), 0, s, 1, b.rank());
            b = b.reshape(s);
        }
        boolean ok = b.rank() == xs.length && b.size(0) == 1;
        for (int i = 1; ok && i < xs.length; i++) {
            ok = b.size(i) == 1 || b.size(i) == xs[i];
        }
        if (!ok) {
            throw new InvalidShapeException("z-box: the " + what + " bound of shape " + Arrays.toString(bound.shape())
                    + " does not broadcast to the layer input of shape " + Arrays.toString(xs)
                    + " (give a scalar, one value per channel, or one input row)");
        }
        return Nd4j.zeros(x.dataType(), xs).addi(b);
    }

    @Override
    INDArray relevance(LinearNode node, INDArray x, INDArray r, BackwardContext context) {
        LinearNode[] m = parts.of(node);
        INDArray l = expand(low, x, "low");
        INDArray h = expand(high, x, "high");
        INDArray z = output(context).sub(Relevance.forward(m[0], l)).subi(Relevance.forward(m[1], h));
        INDArray s = Relevance.ratio(r, z, stabilizer);
        INDArray out = x.mul(Relevance.transposed(node, x, s));
        out.subi(l.mul(Relevance.transposed(m[0], l, s)));
        out.subi(h.mul(Relevance.transposed(m[1], h, s)));
        return out;
    }

    @Override
    boolean readsOutput() {
        return true;
    }

    @Override
    public String describe() {
        return low.length() == 1 && high.length() == 1 ? "z-box(" + low.getDouble(0) + ", " + high.getDouble(0) + ")"
                : "z-box(per-channel)";
    }
}
