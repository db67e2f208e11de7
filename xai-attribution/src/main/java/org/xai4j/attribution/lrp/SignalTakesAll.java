package org.xai4j.attribution.lrp;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.graph.BackwardContext;

/**
 * The "signal-take-all" rule for a gate × signal product (Arras, Montavon, Müller &amp; Samek, "Explaining Recurrent
 * Neural Network Predictions in Sentiment Analysis", WASSA 2017): in {@code z = gate ⊙ signal} the gate only
 * scales the signal, so all relevance of the product goes to the signal and none to the gate:
 * {@code R_signal = R_z}, {@code R_gate = 0}. This is how LRP passes a squeeze-and-excitation block's channel
 * rescaling ({@code x ⊙ σ(…)}), an LSTM's gated cell input, or any attention weighting of a value. Conserves
 * relevance: the signal's relevance sums to the product's.
 *
 * <p>Where the signal was broadcast to the product's shape (a gate of full shape times a signal with size-1 axes),
 * the relevance is summed over the broadcast axes, so it still conserves. The node must have exactly two inputs;
 * which one is the signal is said at construction (the node's input order).
 */
public final class SignalTakesAll implements UpstreamOnly {
    private final int signal;

    /**
     * The rule for a product node whose input number {@code signal} is the signal.
     *
     * @param signal the position of the signal among the product node's two inputs (0 or 1); the other is the gate
     * @throws InvalidConfigException if {@code signal} is neither 0 nor 1
     */
    public SignalTakesAll(int signal) {
        if (signal != 0 && signal != 1) {
            throw new InvalidConfigException("signal-takes-all: the signal must be input 0 or 1 of the product but got "
                    + signal);
        }
        this.signal = signal;
    }

    /**
     * Which input of the product is the signal.
     *
     * @return the position of the signal among the node's inputs, 0 or 1
     */
    public int signal() {
        return signal;
    }

    @Override
    public INDArray[] backward(BackwardContext context) {
        if (context.inputCount() != 2) {
            throw new InvalidConfigException("signal-takes-all: node '" + context.node().name() + "' ("
                    + context.node().opType() + ") has " + context.inputCount() + " inputs; the rule is for a product "
                    + "of a gate and a signal (two inputs)");
        }
        INDArray[] out = new INDArray[2];
        if (context.needsGradient(signal)) {
            out[signal] = sumTo(context.upstream(), context.inputShape(signal));
        }
        int gate = 1 - signal;
        if (context.needsGradient(gate)) {
            out[gate] = Nd4j.zeros(context.upstream().dataType(), context.inputShape(gate));
        }
        return out;
    }

    /** {@code r} summed over the axes on which {@code shape} was broadcast to r's shape (numpy's rules). */
    static INDArray sumTo(INDArray r, long[] shape) {
        long[] rs = r.shape();
        if (Arrays.equals(rs, shape)) {
            return r;
        }
        int lead = rs.length - shape.length;
        int[] axes = new int[rs.length];
        int k = 0;
        for (int d = 0; d < rs.length; d++) {
            long s = d < lead ? 1 : shape[d - lead];
            if (d < lead || (s == 1 && rs[d] != 1)) {
                axes[k++] = d;
            }
        }
        INDArray summed = k == 0 ? r : r.sum(true, Arrays.copyOf(axes, k));
        return summed.reshape(shape);
    }

    @Override
    public String describe() {
        return "signal-takes-all(input " + signal + ")";
    }
}
