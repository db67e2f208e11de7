package org.xai4j.attribution.rules;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.util.NativeBuffers;

/**
 * DeepLIFT at a quotient a / b ({@code Div}): the two-player Shapley split of the change,
 * m_a = m (1/b + 1/b′)/2 and m_b = −m (a + a′)/(2 b b′), each summed back to its operand's shape where it was
 * broadcast. Conserves exactly: m_a Δa + m_b Δb = m Δ(a/b).
 */
public final class ShapleyQuotient implements BackwardRule {
    /** The one instance (the rule is stateless). */
    public static final ShapleyQuotient INSTANCE = new ShapleyQuotient();

    private ShapleyQuotient() {
    }

    @Override
    public INDArray[] backward(BackwardContext c) {
        Temporaries.requireReference(c, describe());
        INDArray g = c.upstream();
        INDArray a = c.input(0);
        INDArray ar = c.referenceInput(0);
        INDArray b = c.input(1);
        INDArray br = c.referenceInput(1);
        INDArray[] out = new INDArray[2];
        if (c.needsGradient(0)) {
            INDArray inv = Transforms.pow(b, -1, true);
            INDArray invRef = Transforms.pow(br, -1, true);
            INDArray p = inv.addi(invRef).muli(0.5);
            INDArray pb = aligned(p, g.shape());
            INDArray full = g.mul(pb);
            out[0] = Broadcasts.sumTo(full, c.inputShape(0));
            NativeBuffers.release(pb, p);
            NativeBuffers.release(full, out[0]);
            Temporaries.free(p, invRef);
        }
        if (c.needsGradient(1)) {
            INDArray sum = a.add(ar);
            INDArray prod = b.mul(br);
            INDArray sumB = aligned(sum, g.shape());
            INDArray prodB = aligned(prod, g.shape());
            INDArray q = sumB.div(prodB).muli(-0.5);
            INDArray full = g.mul(q);
            out[1] = Broadcasts.sumTo(full, c.inputShape(1));
            NativeBuffers.release(sumB, sum);
            NativeBuffers.release(prodB, prod);
            NativeBuffers.release(full, out[1]);
            Temporaries.free(sum, prod, q);
        }
        return out;
    }

    /** {@code a} broadcast to {@code shape} (a copy when it has to grow). */
    private static INDArray aligned(INDArray a, long[] shape) {
        if (Arrays.equals(a.shape(), shape)) {
            return a;
        }
        INDArray r = a;
        if (r.rank() < shape.length) {
            long[] s = new long[shape.length];
            Arrays.fill(s, 1);
            System.arraycopy(a.shape(), 0, s, shape.length - a.rank(), a.rank());
            r = r.reshape(s);
        }
        return r.broadcast(shape);
    }

    @Override
    public String describe() {
        return "shapley-quotient";
    }
}
