package org.xai4j.core.graph.node;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Retention;

/**
 * Matrix product {@code A · B} (ONNX MatMul) of two inputs, either of which may be a graph constant:
 * {@code A} of rank ≥ 2 with a matrix {@code B} (applied to the last axis of A), or two arrays of the same
 * rank with equal leading (batch) axes. Backward: {@code gA = g·Bᵀ}, {@code gB = Aᵀ·g} (summed over A's
 * leading axes when B is a matrix).
 */
public final class MatMulNode extends AbstractNode {
    /**
     * The matrix product {@code a · b}.
     *
     * @param name the node's name, not empty
     * @param a the name of the first operand
     * @param b the name of the second operand
     * @param output the name of the value it writes
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public MatMulNode(String name, String a, String b, String output) {
        super(name, List.of(a, b), output);
    }

    @Override
    public String opType() {
        return "MatMul";
    }

    @Override
    public Retention retention() {
        return Retention.INPUTS;
    }

    private void check(INDArray a, INDArray b) {
        boolean ok = a.rank() >= 2 && b.rank() >= 2 && a.size(a.rank() - 1) == b.size(b.rank() - 2);
        if (ok && b.rank() != 2) {
            ok = a.rank() == b.rank();
            for (int i = 0; ok && i < a.rank() - 2; i++) {
                ok = a.size(i) == b.size(i);
            }
        }
        if (!ok) {
            throw new InvalidShapeException("matmul '" + name() + "': shapes " + Arrays.toString(a.shape()) + " and "
                    + Arrays.toString(b.shape()) + " are not supported (A of rank ≥ 2 with a matrix B, or equal batch axes)");
        }
    }

    private static long[] withLast(long[] s, long last) {
        long[] out = s.clone();
        out[out.length - 1] = last;
        return out;
    }

    @Override
    public INDArray forward(INDArray... inputs) {
        requireInputs(inputs, 2);
        INDArray a = inputs[0];
        INDArray b = inputs[1];
        check(a, b);
        if (b.rank() == 2) {
            long k = a.size(a.rank() - 1);
            INDArray a2 = a.reshape('c', -1, k);
            INDArray y = Ops.mmul(a2, b);
            Ops.release(a2, y, a, b);
            return y.reshape(withLast(a.shape(), b.size(1)));
        }
        return Ops.exec("matmul", new int[0], a, b);
    }

    @Override
    public INDArray[] backward(BackwardContext context, INDArray g) {
        INDArray a = context.input(0);
        INDArray b = context.input(1);
        INDArray ga = null;
        INDArray gb = null;
        if (b.rank() == 2) {
            INDArray g2 = g.reshape('c', -1, b.size(1));
            if (context.needsGradient(0)) {
                ga = Ops.mmul(g2, b.transpose()).reshape(a.shape());
            }
            if (context.needsGradient(1)) {
                INDArray a2 = a.reshape('c', -1, b.size(0));
                gb = Ops.mmul(a2.transpose(), g2);
                Ops.release(a2, gb, ga, a, b, g, context.upstream());
            }
            Ops.release(g2, ga, gb, a, b, g, context.upstream());
        } else {
            if (context.needsGradient(0)) {
                ga = Ops.exec("matmul", new int[] {0, 1}, g, b);
            }
            if (context.needsGradient(1)) {
                gb = Ops.exec("matmul", new int[] {1, 0}, a, g);
            }
        }
        return new INDArray[] {ga, gb};
    }
}
