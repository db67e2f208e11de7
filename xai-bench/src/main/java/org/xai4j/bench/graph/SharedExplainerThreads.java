package org.xai4j.bench.graph;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.gradient.Saliency;
import org.xai4j.bench.support.BenchModels;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.target.Target;

/**
 * One {@link Saliency} explainer shared by 1 and then by T threads (issue 21, "Threads"): each thread explains
 * the same input {@code calls} times; the probe prints the median time of one call and the process's CPU time per
 * wall time for each thread count. The convolution engine is the one {@code -Dxai4j.conv} picks, e.g.
 * <pre>
 * java -Dxai4j.conv=openblas -cp xai-bench/target/benchmarks.jar org.xai4j.bench.graph.SharedExplainerThreads \
 *     fashion-cnn 1 8 20
 * </pre>
 * Arguments: model ({@code fashion-cnn} or {@code resnet18}, see {@link BenchModels}), rows per call, the
 * largest thread count T, calls per thread (defaults: fashion-cnn, 1, 8, 20).
 */
public final class SharedExplainerThreads {
    private SharedExplainerThreads() {
    }

    /**
     * Runs the probe.
     *
     * @param args model, rows, threads, calls per thread (all optional)
     * @throws Exception if a thread fails
     */
    public static void main(String[] args) throws Exception {
        String model = args.length > 0 ? args[0] : "fashion-cnn";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int calls = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        Graph g = BenchModels.graph(model);
        String engine = g.nodes().stream().filter(n -> n instanceof ConvNode).map(n -> ((ConvNode) n).engine())
                .distinct().toList().toString();
        INDArray x = BenchModels.input(model, rows);
        Target t = Target.classIndex(3);
        Saliency explainer = new Saliency(g);
        for (int i = 0; i < 10; i++) {
            explainer.explain(x, t);
        }
        System.out.printf(Locale.ROOT, "model %s, %d row(s), engine %s, %d cores, OMP_NUM_THREADS=%s, OpenBLAS threads %d,"
                        + " xai4j.conv.openblasConcurrency=%s%n", model, rows, engine,
                Runtime.getRuntime().availableProcessors(), System.getenv("OMP_NUM_THREADS"),
                org.bytedeco.openblas.global.openblas_nolapack.blas_get_num_threads(),
                System.getProperty("xai4j.conv.openblasConcurrency", "single"));
        for (int n : new int[] {1, threads}) {
            measure(explainer, x, t, n, calls);
        }
    }

    private static void measure(Saliency explainer, INDArray x, Target t, int threads, int calls) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[][] times = new long[threads][calls];
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        List<Thread> all = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int k = 0; k < threads; k++) {
            int id = k;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < calls; i++) {
                        long t0 = System.nanoTime();
                        explainer.explain(x, t);
                        times[id][i] = System.nanoTime() - t0;
                    }
                } catch (Exception | Error e) {
                    failure[0] = e;
                }
            }, "explainer-" + k);
            th.start();
            all.add(th);
        }
        start.await();
        long c0 = os.getProcessCpuTime();
        long w0 = System.nanoTime();
        for (Thread th : all) {
            th.join();
        }
        long wall = System.nanoTime() - w0;
        long cpu = os.getProcessCpuTime() - c0;
        if (failure[0] != null) {
            throw new IllegalStateException("a thread failed", failure[0]);
        }
        long[] flat = Arrays.stream(times).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(Locale.ROOT, "threads %d: median call %.1f ms (p90 %.1f), wall %.0f ms for %d calls, "
                        + "%.1f calls/s, %.2f cores busy%n", threads, flat[flat.length / 2] / 1e6,
                flat[flat.length * 9 / 10] / 1e6, wall / 1e6, flat.length, flat.length / (wall / 1e9),
                (double) cpu / wall);
    }
}
