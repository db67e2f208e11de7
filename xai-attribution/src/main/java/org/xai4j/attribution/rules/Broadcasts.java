package org.xai4j.attribution.rules;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Numpy broadcasting in reverse: summing a gradient back to the shape of an operand that was broadcast. */
final class Broadcasts {
    private Broadcasts() {
    }

    /** {@code g} (the broadcast shape) summed over the axes along which {@code shape} was broadcast. */
    static INDArray sumTo(INDArray g, long[] shape) {
        INDArray t = g;
        while (t.rank() > shape.length) {
            t = t.sum(0);
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 1 && t.size(i) != 1) {
                t = t.sum(true, i);
            }
        }
        return java.util.Arrays.equals(t.shape(), shape) ? t : t.reshape(shape);
    }
}
