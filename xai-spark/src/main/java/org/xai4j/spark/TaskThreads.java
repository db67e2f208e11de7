package org.xai4j.spark;

import org.apache.spark.TaskContext;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * OpenMP's thread count on the threads that run explainers in Spark tasks: the task's cores
 * ({@code spark.task.cpus}, one by default), because Spark already runs one task per core. Left alone, OpenMP gives
 * every thread that enters a native op a team of one thread per core, and the team's idle threads spin between
 * ops: on a 2-core machine two task threads then had two more threads busy beside them, and
 * {@code local[2]} explained no more rows per second than {@code local[1]} (docs/benchmarks.md, "xai-spark
 * throughput"). ND4J's own thread setting does not reach OpenMP, and OpenMP keeps the count per thread, so it is
 * set on each task thread. Nothing changes where {@code OMP_NUM_THREADS} or {@code -Dxai4j.nd4j.threads} is set
 * (the user chose), or off ND4J's CPU backend.
 */
final class TaskThreads {
    /** The count this thread was given, null before. */
    private static final ThreadLocal<Integer> GIVEN = new ThreadLocal<>();

    private TaskThreads() {
    }

    /** Sets OpenMP's thread count for the calling task thread (once per thread and count); ND4J must be loaded. */
    static void limit() {
        String omp = System.getenv("OMP_NUM_THREADS");
        if (omp != null && !omp.isBlank() || System.getProperty("xai4j.nd4j.threads") != null) {
            return;
        }
        TaskContext task = TaskContext.get();
        int cores = task == null ? 1 : Math.max(1, task.cpus());
        if (Integer.valueOf(cores).equals(GIVEN.get())
                || Nd4j.getExecutioner().type() != OpExecutioner.ExecutionerType.NATIVE_CPU) {
            return;
        }
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(cores);
        GIVEN.set(cores);
    }
}
