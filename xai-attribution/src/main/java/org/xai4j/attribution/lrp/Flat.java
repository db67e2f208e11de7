package org.xai4j.attribution.lrp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.LinearNode;
import org.xai4j.core.graph.node.Window2d;
import org.xai4j.core.util.NativeBuffers;

/**
 * LRP-flat (Lapuschkin et al., "Unmasking Clever Hans predictors and assessing what machines really learn", Nature
 * Communications 2019): every input in an output's receptive field gets an equal share, whatever the weights and
 * the input: {@code R_i = Σ_j 1[i ∈ field(j)] R_j / ñ_j} with {@code n = 1ᵀ·1} the number of inputs feeding output j
 * (the map with all weights one and no bias applied to ones), as zennit's {@code Flat}. Conserves relevance.
 */
public final class Flat extends InputFreeRule {
    /** Per one-group convolution: the one-input, one-output convolution with all weights one (the box). */
    private final Relevance.Modified box = new Relevance.Modified(n -> new LinearNode[] {box((ConvNode) n)});
    /** Per one-group convolution: {@link #boxDenominator}. */
    private final Map<LinearNode, Denominator> boxDenominators = new ConcurrentHashMap<>();

    /** LRP-flat with the default stabiliser {@link Epsilon#DEFAULT_EPSILON}. */
    public Flat() {
        this(Epsilon.DEFAULT_EPSILON);
    }

    /**
     * LRP-flat with the given stabiliser.
     *
     * @param stabilizer the ε added to each receptive-field size {@code n_j} ({@link Relevance#stabilize});
     *                   finite, ≥ 0
     * @throws org.xai4j.core.InvalidConfigException if {@code stabilizer} is negative, infinite or NaN
     */
    public Flat(double stabilizer) {
        super(stabilizer, n -> Relevance.with(n, w -> Nd4j.onesLike(w), null));
    }

    /**
     * For a one-group convolution {@code M} has all weights one, so every output channel has the same
     * {@code n = C_in · (taps of the window inside the input)}, and {@code (Mᵀs)_c} is the same for every input
     * channel c: the relevance summed over channels, divided by the one-channel {@code ñ}, sent back through a
     * one-channel box of the kernel's window and repeated over the input channels (one small transposed map
     * instead of two C_out ↔ C_in ones).
     */
    @Override
    INDArray relevance(LinearNode node, INDArray x, INDArray r, BackwardContext context) {
        if (!(node instanceof ConvNode conv) || conv.groups() != 1) {
            return super.relevance(node, x, r, context);
        }
        LinearNode one = box.of(node)[0];
        long[] shape = x.shape().clone();
        long channels = shape[1];
        shape[0] = 1;
        shape[1] = 1;
        INDArray sum = r.sum(true, 1);
        INDArray s = sum.div(boxDenominator(node, one, shape, channels, x.dataType()));
        NativeBuffers.release(sum, s, x, r);
        shape[0] = s.size(0);
        INDArray t = one.backward(BackwardContext.ofShapes(one, new INDArray[] {x}, new long[][] {shape}, s, s),
                s)[0];
        NativeBuffers.release(s, t, x, r);
        INDArray[] copies = new INDArray[(int) channels];
        java.util.Arrays.fill(copies, t);
        INDArray out = Nd4j.concat(1, copies); // 20× faster than t.repeat(1, channels) for 3 × 224²
        NativeBuffers.release(t, out, x, r);
        return out;
    }

    /** {@code ñ} of one row, one channel: {@code C_in ·} the box applied to ones, stabilised; kept per node. */
    private INDArray boxDenominator(LinearNode node, LinearNode one, long[] row, long channels, DataType type) {
        Denominator d = boxDenominators.get(node);
        if (d == null || !d.fits(row, type)) {
            INDArray ones = Nd4j.ones(type, row);
            INDArray n = Relevance.forward(one, ones).muli(channels);
            d = new Denominator(row.clone(), type, Relevance.stabilize(n, stabilizer));
            NativeBuffers.release(n, d.value());
            NativeBuffers.release(ones, d.value());
            boxDenominators.put(node, d);
        }
        return d.value();
    }

    private static ConvNode box(ConvNode conv) {
        Window2d w = conv.window();
        return ConvNode.builder(conv.name()).input(conv.inputs().get(0)).output(conv.output())
                .weight(Nd4j.ones(conv.weight().dataType(), 1, 1, w.kernelH(), w.kernelW()))
                .strides(w.strideH(), w.strideW()).dilations(w.dilationH(), w.dilationW())
                .pads(w.padTop(), w.padLeft(), w.padBottom(), w.padRight()).build();
    }

    @Override
    public String describe() {
        return "flat";
    }
}
