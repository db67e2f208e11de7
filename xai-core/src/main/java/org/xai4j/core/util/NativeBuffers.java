package org.xai4j.core.util;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Freeing native memory now rather than at the next garbage collection, for arrays a method made itself. Views
 * (reshapes, permutes, slices) share their base's buffer, so everything here works on the root buffer.
 */
public final class NativeBuffers {
    private NativeBuffers() {
    }

    /**
     * The buffer that owns {@code a}'s memory (a view's chain of underlying buffers ends there).
     *
     * @param a any array
     * @return the owning buffer
     */
    public static DataBuffer root(INDArray a) {
        return root(a.data());
    }

    /**
     * The buffer that owns {@code d}'s memory (the end of its chain of underlying buffers).
     *
     * @param d any buffer
     * @return the owning buffer
     */
    public static DataBuffer root(DataBuffer d) {
        while (d.underlyingDataBuffer() != null && d.underlyingDataBuffer() != d) {
            d = d.underlyingDataBuffer();
        }
        return d;
    }

    /**
     * Frees the memory of {@code temp}, an intermediate the caller created (or a view of one), unless it is
     * shared with any of {@code keep}: the caller's result and every array the caller does not own (its
     * inputs, an upstream gradient, parameters, and views of any of them). Pass all of them: a freed buffer that
     * is still read crashes the process. Arrays in a workspace are never freed here.
     *
     * @param temp the intermediate to free; null is ignored
     * @param keep the arrays that must stay valid
     */
    public static void release(INDArray temp, INDArray... keep) {
        if (temp == null || temp.isAttached()) {
            return;
        }
        DataBuffer r = root(temp);
        for (INDArray k : keep) {
            if (k != null && (k == temp || root(k) == r)) {
                return;
            }
        }
        if (r.closeable() && !r.wasClosed()) {
            r.close();
        }
    }
}
