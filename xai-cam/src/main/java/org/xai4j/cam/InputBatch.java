package org.xai4j.cam;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.HostArrays;

/**
 * A batch of model inputs copied from the rows of one input batch, collected in the input's data type: Ablation-CAM's
 * inputs, whose edit happens inside the model call. (Score-CAM writes its masked inputs itself:
 * {@link ScoreCamMasks}.)
 */
final class InputBatch {
    private final int rowLength;
    private final long[] rowShape;
    private final DataType type;
    private final float[] xf;
    private final double[] xd;
    private final float[] bf;
    private final double[] bd;
    private final int[] sources;
    private int size;

    /**
     * An empty batch of at most {@code capacity} rows of {@code x}'s row shape and type.
     *
     * @param x        the input, N × (any row shape)
     * @param capacity the most rows a batch holds
     */
    InputBatch(INDArray x, int capacity) {
        long[] shape = x.shape();
        this.rowShape = Arrays.copyOfRange(shape, 1, shape.length);
        this.rowLength = (int) (x.length() / shape[0]);
        this.type = x.dataType();
        boolean floats = type == DataType.FLOAT;
        this.xf = floats ? HostArrays.floats(x) : null;
        this.xd = floats ? null : HostArrays.doubles(x);
        this.bf = floats ? new float[capacity * rowLength] : null;
        this.bd = floats ? null : new double[capacity * rowLength];
        this.sources = new int[capacity];
    }

    /**
     * Appends row {@code row} of the input.
     *
     * @param row the input row copied
     */
    void addCopy(int row) {
        int dst = size * rowLength;
        if (xf != null) {
            System.arraycopy(xf, row * rowLength, bf, dst, rowLength);
        } else {
            System.arraycopy(xd, row * rowLength, bd, dst, rowLength);
        }
        sources[size++] = row;
    }

    /** Whether the batch holds its capacity. */
    boolean full() {
        return size == sources.length;
    }

    /** The number of rows held. */
    int size() {
        return size;
    }

    /** The input row each held row was built from, in order. */
    int[] sourceRows() {
        return Arrays.copyOf(sources, size);
    }

    /**
     * The held rows as a fresh array of the input's type (size × row shape, the caller's to close); the batch is
     * then empty.
     *
     * @return the batch
     */
    INDArray take() {
        long[] shape = new long[rowShape.length + 1];
        shape[0] = size;
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        int length = size * rowLength;
        size = 0;
        if (bf != null) {
            return HostArrays.floatArray(length == bf.length ? bf : Arrays.copyOf(bf, length), shape);
        }
        return MapOps.array(bd, length, shape, type);
    }
}
