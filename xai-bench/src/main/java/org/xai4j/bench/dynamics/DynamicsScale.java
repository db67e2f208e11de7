package org.xai4j.bench.dynamics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.xai4j.cli.DynamicsReport;
import org.xai4j.core.util.Json;
import org.xai4j.metrics.dynamics.PredictionRecorder;
import org.xai4j.metrics.dynamics.TrainingDynamics;
import org.xai4j.metrics.dynamics.TrainingHistory;

/**
 * Records E epochs of N instances' K-class probabilities with a {@link PredictionRecorder} that keeps only the
 * classes (the listener's path without the model), then summarises ({@link TrainingDynamics}), writes the JSON,
 * saves the {@code .npy} history and draws the whole report ({@link DynamicsReport}); prints each phase's wall
 * time, the heap in use after it (after a GC) and the peak resident set ({@code VmHWM}):
 * <pre>
 *   java -Xmx1g -cp xai-bench/target/benchmarks.jar org.xai4j.bench.dynamics.DynamicsScale [E=100] [N=100000] [K=10] [outDir]
 * </pre>
 * The synthetic probabilities drift: each epoch keeps an instance's favoured class with probability 0.8,
 * else moves it to the label (0.1) or to a random class (0.1); the favoured class gets probability 0.6.
 */
public final class DynamicsScale {
    private DynamicsScale() {
    }

    public static void main(String[] args) throws IOException {
        int e = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path out = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("dynamics-scale");
        System.out.printf(Locale.ROOT, "E=%d N=%d K=%d, max heap %d MB, %d processors%n", e, n, k,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        SplittableRandom r = new SplittableRandom(42);
        int[] labels = new int[n];
        int[] favoured = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(k);
            favoured[i] = r.nextInt(k);
        }
        PredictionRecorder rec = new PredictionRecorder(labels, k, false);
        float[] p = new float[n * k];
        long generate = 0;
        long record = 0;
        for (int t = 0; t < e; t++) {
            long g0 = System.nanoTime();
            float rest = 0.4f / (k - 1);
            for (int i = 0; i < n; i++) {
                double u = r.nextDouble();
                if (u >= 0.8) {
                    favoured[i] = u < 0.9 ? labels[i] : r.nextInt(k);
                }
                for (int c = 0; c < k; c++) {
                    p[i * k + c] = c == favoured[i] ? 0.6f : rest;
                }
            }
            long g1 = System.nanoTime();
            rec.recordEpoch(p);
            rec.recordValue(TrainingHistory.TRAIN_LOSS, 1.0 / (t + 1));
            long g2 = System.nanoTime();
            generate += g1 - g0;
            record += g2 - g1;
        }
        phase("record " + e + " epochs (excluding " + ms(generate) + " to generate the probabilities)", record);
        long t0 = System.nanoTime();
        TrainingHistory h = rec.history();
        phase("history() (copies and validates)", System.nanoTime() - t0);
        t0 = System.nanoTime();
        TrainingDynamics d = TrainingDynamics.of(h);
        phase("TrainingDynamics.of", System.nanoTime() - t0);
        t0 = System.nanoTime();
        String json = Json.write(d.toMap());
        phase("summary as JSON (" + (json.length() >> 10) + " KiB)", System.nanoTime() - t0);
        t0 = System.nanoTime();
        h.save(out.resolve("history"));
        phase("save .npy + curves.json (" + (Files.size(out.resolve("history").resolve(TrainingHistory.PREDICTIONS)) >> 20) + " MiB)",
                System.nanoTime() - t0);
        t0 = System.nanoTime();
        TrainingHistory back = TrainingHistory.load(out.resolve("history"));
        phase("load .npy", System.nanoTime() - t0);
        t0 = System.nanoTime();
        DynamicsReport.write(back, null, DynamicsReport.Settings.DEFAULTS, out.resolve("report"));
        phase("DynamicsReport.write (JSON, 2 PNG, 2 SVG, HTML " + (Files.size(out.resolve("report").resolve(DynamicsReport.HTML)) >> 10)
                + " KiB)", System.nanoTime() - t0);
        System.out.printf(Locale.ROOT, "accuracy first %.4f last %.4f; unstable %d; never learned %d; out %s%n", d.epochAccuracy()[0],
                d.epochAccuracy()[e - 1], d.unstable().length, d.neverLearned().length, out);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private static void phase(String what, long nanos) throws IOException {
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM")).findFirst()
                .map(l -> l.replaceAll("\\s+", " ")).orElse("VmHWM ?");
        System.out.printf(Locale.ROOT, "%-90s %8s  heap in use %5d MB  %s%n", what, ms(nanos), used >> 20, hwm);
    }
}
