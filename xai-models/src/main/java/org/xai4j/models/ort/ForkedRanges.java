package org.xai4j.models.ort;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntPredicate;

/**
 * Work cut into ranges that run side by side on the common fork-join pool, for host and ONNX Runtime work the library
 * splits itself ({@link OnnxRuntimeGradients}' row ranges, {@link MaxPoolGradient}'s planes): unlike a parallel
 * stream, which lets an exception out while other parts still run, it ends only when every part has ended, so no part
 * still writes into native buffers that the caller frees once it returns or throws.
 */
final class ForkedRanges {
    private ForkedRanges() {
    }

    /**
     * {@code task} for 0 … {@code parts} − 1, the first on the caller's thread and the others forked to the common
     * fork-join pool (one part: the caller's thread alone, nothing forked); whether every one returned true. Returns
     * or throws only after every task has ended, so none still writes into buffers (or runs on a session) that the
     * caller lets go once this returns; the first failure is thrown, later ones suppressed into it.
     */
    static boolean all(int parts, IntPredicate task) {
        boolean[] each = new boolean[parts];
        List<ForkJoinTask<?>> others = new ArrayList<>();
        for (int k = 1; k < parts; k++) {
            int range = k;
            others.add(ForkJoinTask.adapt(() -> {
                each[range] = task.test(range);
            }).fork());
        }
        Throwable failure = null;
        try {
            each[0] = task.test(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (ForkJoinTask<?> t : others) {
            try {
                t.join();
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        } else if (failure != null) {
            throw (Error) failure;
        }
        boolean all = true;
        for (boolean b : each) {
            all &= b;
        }
        return all;
    }
}
