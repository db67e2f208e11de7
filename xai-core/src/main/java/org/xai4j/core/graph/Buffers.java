package org.xai4j.core.graph;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.NativeBuffers;

/**
 * Per-call bookkeeping of which native buffers the engine still holds, so that an intermediate is freed
 * the moment its last holder lets go. Views (reshapes, slices, permutes) share their base's buffer, so
 * counts are kept per root buffer. Buffers of arrays that leave the call (input, output, requested layers,
 * user-supplied arrays) are protected and never freed here.
 */
final class Buffers {
    private final Map<DataBuffer, Integer> counts = new IdentityHashMap<>();
    private final Set<DataBuffer> protectedRoots = Collections.newSetFromMap(new IdentityHashMap<>());
    private long freedBytes;

    static DataBuffer root(INDArray a) {
        return NativeBuffers.root(a);
    }

    /** One more holder of {@code a}'s buffer. */
    void hold(INDArray a) {
        if (a != null) {
            counts.merge(root(a), 1, Integer::sum);
        }
    }

    /** Never free {@code a}'s buffer in this call. */
    void protect(INDArray a) {
        if (a != null) {
            protectedRoots.add(root(a));
        }
    }

    /** One holder fewer; frees the buffer when none is left and it is not protected. */
    void release(INDArray a) {
        if (a == null) {
            return;
        }
        DataBuffer r = root(a);
        Integer c = counts.get(r);
        if (c == null) {
            return;
        }
        if (c > 1) {
            counts.put(r, c - 1);
            return;
        }
        counts.remove(r);
        if (!protectedRoots.contains(r) && r.closeable() && !r.wasClosed()) {
            freedBytes += r.length() * r.getElementSize();
            r.close();
        }
    }

    /** Bytes freed early so far (for tests of the memory behaviour). */
    long freedBytes() {
        return freedBytes;
    }
}
