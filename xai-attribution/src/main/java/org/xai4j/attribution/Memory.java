package org.xai4j.attribution;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.NativeBuffers;

/**
 * Frees the off-heap buffers of temporaries as soon as a rule is done with them, as the graph engine does for
 * its intermediates, instead of leaving them to the garbage collector (whose delay lets native memory pile up
 * to JavaCPP's limit, which then forces collections).
 */
final class Memory {
    private Memory() {
    }

    /** The buffer that owns {@code a}'s memory (views chain to it). */
    static DataBuffer root(INDArray a) {
        return NativeBuffers.root(a);
    }

    /** Frees each array made here (never pass an array the engine or the caller owns). */
    static void free(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a == null || a.isAttached()) {
                continue;
            }
            DataBuffer r = root(a);
            if (r.closeable() && !r.wasClosed()) {
                r.close();
            }
        }
    }

    /** Frees {@code temp} unless it shares memory with one of {@code others} (e.g. a cast to the same type). */
    static void freeIfCopy(INDArray temp, INDArray... others) {
        NativeBuffers.release(temp, others);
    }

    /** A row-major double copy of {@code a}'s values, leaving no native temporary ({@link HostArrays#doubles}). */
    static double[] doubles(INDArray a) {
        return HostArrays.doubles(a);
    }

    /** An array of the given shape and type holding {@code v}, leaving no native temporary ({@link HostArrays#array}). */
    static INDArray array(double[] v, long[] shape, DataType type) {
        return HostArrays.array(v, shape, type);
    }
}
