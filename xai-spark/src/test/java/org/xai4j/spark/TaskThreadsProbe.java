package org.xai4j.spark;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Run by {@link TaskThreadsTest} in a JVM without {@code OMP_NUM_THREADS}: prints OpenMP's thread count on a
 * thread before and after {@link TaskThreads#limit()}, and on another thread that did not call it.
 */
public final class TaskThreadsProbe {
    private TaskThreadsProbe() {
    }

    public static void main(String[] args) throws Exception {
        Nd4j.create(1); // loads the backend
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int[] seen = new int[3];
        Thread task = new Thread(() -> {
            seen[0] = ops.ompGetMaxThreads();
            TaskThreads.limit();
            seen[1] = ops.ompGetMaxThreads();
        });
        task.start();
        task.join();
        Thread other = new Thread(() -> seen[2] = ops.ompGetMaxThreads());
        other.start();
        other.join();
        System.out.printf("before=%d after=%d other=%d%n", seen[0], seen[1], seen[2]);
    }
}
