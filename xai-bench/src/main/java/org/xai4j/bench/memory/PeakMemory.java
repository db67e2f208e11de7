package org.xai4j.bench.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.gradient.IntegratedGradients;
import org.xai4j.attribution.gradient.IntegratedGradientsConfig;
import org.xai4j.bench.support.BenchModels;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;

/**
 * Peak resident memory of one workload, read from {@code /proc/self/status} ({@code VmHWM}, the high-water
 * mark of the resident set since the JVM started). One workload per JVM, since the mark never goes down:
 * <pre>
 *   java -cp xai-bench/target/benchmarks.jar org.xai4j.bench.memory.PeakMemory graph resnet18 16 [repeats]
 *   java -cp xai-bench/target/benchmarks.jar org.xai4j.bench.memory.PeakMemory ig resnet18 16|256 [maxRows]
 * </pre>
 * {@code graph}: forward+input-gradient passes of a batch; {@code ig}: Integrated Gradients on one row with
 * the given number of steps and rows per model call (default 64, the library's default policy). Prints the
 * high-water mark after loading the model and input, and after the workload, plus JavaCPP's own count of
 * the physical bytes at the end.
 */
public final class PeakMemory {
    private PeakMemory() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: PeakMemory graph <model> <batch> [repeats] | ig <model> <steps> [maxRows]");
            System.exit(2);
        }
        String mode = args[0];
        String model = args[1];
        int n = Integer.parseInt(args[2]);
        Graph graph = BenchModels.graph(model);
        long t0 = System.nanoTime();
        String label;
        double loadedMb;
        if ("graph".equals(mode)) {
            int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 5;
            INDArray x = BenchModels.input(model, n);
            int[] classes = new int[n];
            for (int i = 0; i < n; i++) {
                classes[i] = (7 * i + 3) % BenchModels.classes(model);
            }
            loadedMb = hwmMb();
            for (int r = 0; r < repeats; r++) {
                graph.gradients(x, Target.perRow(classes)).inputGradient();
                if (Boolean.getBoolean("xai4j.bench.gc")) {
                    System.gc();
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (Boolean.getBoolean("xai4j.bench.trace")) {
                    System.out.printf(Locale.ROOT, "pass %d: VmRSS %.0f MB, heap committed %.0f MB, physical %.0f MB%n",
                            r + 1, rssMb(), Runtime.getRuntime().totalMemory() / 1048576.0, Pointer.physicalBytes() / 1048576.0);
                }
            }
            label = String.format(Locale.ROOT, "forward+input-gradient, %s, batch %d, %d passes", model, n, repeats);
        } else if ("ig".equals(mode)) {
            int maxRows = args.length > 3 ? Integer.parseInt(args[3]) : BatchPolicy.DEFAULT.maxRows();
            INDArray x = BenchModels.input(model, 1);
            loadedMb = hwmMb();
            new IntegratedGradients(graph, IntegratedGradientsConfig.DEFAULTS.withSteps(n)
                    .withBatch(BatchPolicy.ofRows(maxRows))).explain(x, Target.classIndex(3));
            label = String.format(Locale.ROOT, "integrated gradients, %s, 1 row, %d steps, %d rows per call", model, n, maxRows);
        } else {
            throw new IllegalArgumentException("unknown mode " + mode + " (graph or ig)");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "PEAK %s: VmHWM %.0f MB (%.0f MB after loading), JavaCPP physical %.0f MB, "
                        + "heap used %.0f MB of %.0f MB committed, %.1f s%n", label, hwmMb(), loadedMb,
                Pointer.physicalBytes() / 1048576.0,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576.0,
                Runtime.getRuntime().totalMemory() / 1048576.0, seconds);
    }

    /** The current resident set of this process in MB, from /proc/self/status. */
    static double rssMb() throws IOException {
        return statusMb("VmRSS:");
    }

    /** The resident-set high-water mark of this process in MB, from /proc/self/status. */
    static double hwmMb() throws IOException {
        return statusMb("VmHWM:");
    }

    private static double statusMb(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no " + key + " in /proc/self/status");
    }
}
