package org.xai4j.bench.graph;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.bench.support.BenchModels;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;

/**
 * What the convolution thread pool costs the rest of the process: the process's CPU time per wall time while
 * ResNet-18 forward+input-gradient passes run back to back, while the process sleeps after them, and while passes
 * alternate with 20 ms of single-threaded busy work (a caller's own code). Run with the thread settings to
 * compare, e.g. {@code OMP_NUM_THREADS=1 java -Dxai4j.conv.threads=2 -Dxai4j.conv.spinning=true -cp … ThreadPoolCpu}.
 */
public final class ThreadPoolCpu {
    private ThreadPoolCpu() {
    }

    public static void main(String[] args) throws InterruptedException {
        Graph g = BenchModels.graph("resnet18");
        INDArray x = BenchModels.input("resnet18", 1);
        Target t = Target.classIndex(3);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < 10; i++) {
            g.gradients(x, t);
        }
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            g.gradients(x, t);
        }
        long c1 = os.getProcessCpuTime();
        long t1 = System.nanoTime();
        Thread.sleep(5000);
        long c2 = os.getProcessCpuTime();
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "passes: %.0f ms wall, %.2f cores; sleeping: %.0f ms wall, %.0f ms CPU%n",
                (t1 - t0) / 1e6, (double) (c1 - c0) / (t1 - t0), (t2 - t1) / 1e6, (c2 - c1) / 1e6);
        long c3 = os.getProcessCpuTime();
        long t3 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            g.gradients(x, t);
            long end = System.nanoTime() + 20_000_000;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }
        long c4 = os.getProcessCpuTime();
        long t4 = System.nanoTime();
        System.out.printf(Locale.ROOT, "passes with 20 ms single-threaded gaps: %.0f ms wall, %.2f cores%n",
                (t4 - t3) / 1e6, (double) (c4 - c3) / (t4 - t3));
    }
}
