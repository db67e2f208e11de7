package org.xai4j.attribution;

import java.util.Map;
import org.xai4j.core.util.BatchPolicy;

/** Shared pieces of the config records' {@code toMap()}. */
final class Configs {
    private Configs() {
    }

    /** Adds the batch policy's two settings. */
    static void putBatch(Map<String, String> m, BatchPolicy p) {
        m.put("batchRows", Integer.toString(p.maxRows()));
        m.put("batchMemoryBytes", Long.toString(p.memoryBudgetBytes()));
    }
}
