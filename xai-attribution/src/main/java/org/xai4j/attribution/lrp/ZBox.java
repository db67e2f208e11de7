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

    /**
     * LRP-z<sup>B</sup> with the same bounds for every input value and the default stabiliser
     * {@link Epsilon#DEFAULT_EPSILON}.
     *
     * @param low  the smallest value an input can take (e.g. the normalised value of a black pixel); finite
     * @param high the largest value an input can take; finite, ≥ {@code low}
     * @throws InvalidConfigException if a bound is infinite or NaN, or {@code low > high}
     */
    public ZBox(double low, double high) {
        this(Nd4j.scalar(low), Nd4j.scalar(high), Epsilon.DEFAULT_EPSILON);
    }

    /**
     * LRP-z<sup>B</sup> with the same bounds for every input value and the given stabiliser.
     *
     * @param low        the smallest value an input can take; finite
     * @param high       the largest value an input can take; finite, ≥ {@code low}
     * @param stabilizer the ε that turns {@code z} into {@code z̃} ({@link Relevance#stabilize}); finite, ≥ 0
     * @throws InvalidConfigException if a bound or {@code stabilizer} is infinite or NaN, {@code low > high},
     *                                or {@code stabilizer} is negative
     */
    public ZBox(double low, double high, double stabilizer) {
        this(Nd4j.scalar(low), Nd4j.scalar(high), stabilizer);
    }

    /**
     * LRP-z<sup>B</sup> with bounds as arrays and the default stabiliser {@link Epsilon#DEFAULT_EPSILON}. Each
     * bound is a scalar, a per-channel vector {@code [C]}, or an array that broadcasts to one input row
     * ({@code C×H×W}, {@code 1×C×1×1}); both are copied (to double precision). Whether a bound fits the layer's
     * input is checked when the rule runs.
     *
     * @param low  the smallest value each input can take; finite entries
     * @param high the largest value each input can take; finite entries, each ≥ the matching entry of {@code low}
     * @throws InvalidConfigException if a bound is null or has an infinite or NaN entry, or an entry of
     *                                {@code low} exceeds the matching entry of {@code high} (compared where the two
     *                                have the same number of entries or one of them has a single entry)
     */
    public ZBox(INDArray low, INDArray high) {
        this(low, high, Epsilon.DEFAULT_EPSILON);
    }

    /**
     * LRP-z<sup>B</sup> with bounds as arrays (as {@link #ZBox(INDArray, INDArray)}) and the given stabiliser.
     *
     * @param low        the smallest value each input can take; finite entries
     * @param high       the largest value each input can take; finite entries, each ≥ the matching entry of
     *                   {@code low}
     * @param stabilizer the ε that turns {@code z} into {@code z̃} ({@link Relevance#stabilize}); finite, ≥ 0
     * @throws InvalidConfigException if a bound is null or has an infinite or NaN entry, an entry of {@code low}
     *                                exceeds the matching entry of {@code high}, or {@code stabilizer} is
     *                                negative, infinite or NaN
     */
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

    /**
     * The lower bound.
     *
     * @return a copy of the lower bound, in double precision, of the shape it was given in
     */
    public INDArray low() {
        return low.dup();
    }

    /**
     * The upper bound.
     *
     * @return a copy of the upper bound, in double precision, of the shape it was given in
     */
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
