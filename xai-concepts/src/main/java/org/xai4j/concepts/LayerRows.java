package org.xai4j.concepts;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.HostArrays;

/**
 * Between a convolutional layer's activation A (N × C × h × w) and the matrix V whose rows are its spatial
 * positions ((N·h·w) × C, row index (n·h + y)·w + x): the layout ICE factorises.
 */
public final class LayerRows {
    private LayerRows() {
    }

    /**
     * Fails unless {@code a} is N × C × h × w, naming the layer and its shape.
     *
     * @param a the layer's activation
     * @param layer the layer's name, for the message
     * @param modelId the model's id, for the message
     * @throws InvalidShapeException if {@code a} is not of rank 4
     */
    public static void requireImageLayer(INDArray a, String layer, String modelId) {
        if (a == null || a.rank() != 4) {
            throw new InvalidShapeException("layer '" + layer + "' of model " + modelId + " outputs "
                    + (a == null ? "nothing" : "shape " + Arrays.toString(a.shape()))
                    + ", but concepts need an N×C×h×w activation (rank 4); choose a convolutional layer (a ReLU output)");
        }
    }

    /**
     * V = the rows of A (N×C×h×w) as a new c-ordered (N·h·w) × C array of {@code type}.
     *
     * @param a the activation, N×C×h×w (not modified)
     * @param type the data type of the result
     * @return a new (N·h·w) × C array, row (n, y, x) holding the C channel values at that position
     */
    public static INDArray toRows(INDArray a, DataType type) {
        INDArray p = a.permute(0, 2, 3, 1).castTo(type).dup('c');
        return p.reshape('c', a.size(0) * a.size(2) * a.size(3), a.size(1));
    }

    /**
     * The flat row-major values of A (N×C×h×w) rearranged as (N·h·w) × C.
     *
     * @param a the activation, N×C×h×w row-major
     * @param n N
     * @param c C
     * @param hw h · w
     * @return a new (N·h·w) × C row-major array
     */
    public static double[] toRows(double[] a, int n, int c, int hw) {
        double[] v = new double[a.length];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                int src = (i * c + ch) * hw;
                for (int q = 0; q < hw; q++) {
                    v[(i * hw + q) * c + ch] = a[src + q];
                }
            }
        }
        return v;
    }

    /**
     * The inverse of {@link #toRows(double[], int, int, int)}: (N·h·w) × K rows back to N × K × h × w.
     *
     * @param rows (N·h·w) × K row-major values
     * @param n N
     * @param k K
     * @param hw h · w
     * @return a new N × K × h × w row-major array
     */
    public static double[] toPlanes(double[] rows, int n, int k, int hw) {
        double[] out = new double[rows.length];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < hw; q++) {
                int src = (i * hw + q) * k;
                for (int j = 0; j < k; j++) {
                    out[(i * k + j) * hw + q] = rows[src + j];
                }
            }
        }
        return out;
    }

    /**
     * A new array of {@code type} holding {@code v} in {@code shape}.
     *
     * @param v the values, row-major (not kept)
     * @param type the data type of the result
     * @param shape the shape; its product must equal {@code v.length}
     * @return a new array
     */
    public static INDArray array(double[] v, DataType type, long... shape) {
        return HostArrays.array(v, shape, type);
    }
}
