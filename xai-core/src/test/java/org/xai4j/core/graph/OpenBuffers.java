package org.xai4j.core.graph;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.deallocation.DeallocatableReference;
import org.nd4j.linalg.api.memory.deallocation.DeallocatorService;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.util.NativeBuffers;

/**
 * Native buffers created since a snapshot and still open: what a pass leaves for the garbage collector.
 * ND4J registers every buffer with its deallocator service until the collector finds it unreachable; this
 * reads that registry (a private field of ND4J 1.0.0-M2.1). A collection during the measured code can only
 * hide a leak, never invent one, so a failure is always real. Shape descriptors (LONG/INT) are ignored.
 */
public final class OpenBuffers {
    private final Set<String> before;

    private OpenBuffers(Set<String> before) {
        this.before = before;
    }

    /** Remembers which buffers exist now. */
    public static OpenBuffers snapshot() {
        return new OpenBuffers(new HashSet<>(registry().keySet()));
    }

    /** Open floating-point or boolean buffers created since the snapshot, except those under {@code results}. */
    public List<String> since(INDArray... results) {
        return since(1, results);
    }

    /** As {@link #since(INDArray...)}, counting only buffers of at least {@code minLength} elements. */
    public List<String> since(long minLength, INDArray... results) {
        Set<DataBuffer> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        for (INDArray r : results) {
            if (r != null) {
                keep.add(NativeBuffers.root(r));
            }
        }
        List<String> open = new ArrayList<>();
        for (Map.Entry<String, DeallocatableReference> e : new ArrayList<>(registry().entrySet())) {
            Object o = before.contains(e.getKey()) ? null : e.getValue().get();
            if (o instanceof DataBuffer d && !d.wasClosed() && !keep.contains(NativeBuffers.root(d))
                    && d.dataType() != DataType.LONG && d.dataType() != DataType.INT && d.length() >= minLength) {
                open.add(d.dataType() + "[" + d.length() + "]");
            }
        }
        return open;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, DeallocatableReference> registry() {
        try {
            Field f = DeallocatorService.class.getDeclaredField("referenceMap");
            f.setAccessible(true);
            return (Map<String, DeallocatableReference>) f.get(Nd4j.getDeallocatorService());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ND4J's deallocator registry is not readable: " + e, e);
        }
    }
}
