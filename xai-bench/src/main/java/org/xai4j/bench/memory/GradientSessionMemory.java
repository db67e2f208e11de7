package org.xai4j.bench.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.bench.support.BenchModels;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;
import org.xai4j.models.ort.BenchGradientSession;

/**
 * The resident memory (Linux {@code VmRSS}) that ONNX Runtime gradient sessions add, one after another. Mode
 * {@code engine}: the graph's own engine, through {@code Graph.gradients}: a pass for fixed classes and one for the
 * predicted class, each a new cached session (the small CNN also at BIG's first value, whose passes run on the pool,
 * not on the caller's thread: four sessions for its one row shape; ResNet-18's passes always run on the pool and its
 * file fixes the row shape, so it has two), every key once more (no new session), then the first key again with
 * each of BIG's row counts (a session's arena grows to its largest pass and keeps it). Mode {@code compile}: four
 * sessions made directly, without a pass (the weights and ONNX Runtime's prepacked copies), for ResNet-18 of rows of
 * 224, 192, 160 and 128 pixels (as a graph with free spatial sizes would make them), then one pass of ROWS rows on
 * each, then all closed (mode {@code engine} ends by dropping the graph: its cleaner closes its sessions).
 * Between readings: two {@code System.gc()} with pauses; run with a pre-touched fixed heap
 * ({@code -Xms1g -Xmx1g -XX:+AlwaysPreTouch}) so that the Java heap does not grow into the readings:
 * <pre>
 *   java -Xms1g -Xmx1g -XX:+AlwaysPreTouch [-Dxai.bench.resnet18=FILE] -cp $CP \
 *       org.xai4j.bench.memory.GradientSessionMemory engine|compile fashion-cnn|resnet18 ROWS BIG[,BIG...]
 * </pre>
 */
public final class GradientSessionMemory {
    private GradientSessionMemory() {
    }

    /** One engine key: the row's side in pixels, and whether the target is the predicted class. */
    private record Key(int side, boolean predicted, String label) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: GradientSessionMemory engine|compile fashion-cnn|resnet18 ROWS BIG");
            System.exit(2);
        }
        String mode = args[0];
        String model = args[1];
        int rows = Integer.parseInt(args[2]);
        int[] big = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
        Graph g = BenchModels.graph(model);
        boolean resnet = model.equals("resnet18");
        List<Key> keys = new ArrayList<>();
        int side = resnet ? 224 : 28;
        keys.add(new Key(side, false, "classes"));
        keys.add(new Key(side, true, "predicted"));
        // inputs, a forward pass and the step engine's kernels first: the baseline holds all but the sessions
        g.predict(input(model, keys.get(0).side(), 1)).close();
        long base = settledRss();
        System.out.printf(Locale.ROOT, "%s %s, %d rows (big %s): baseline RSS %.1f MB%n", mode, model, rows, args[3],
                base / 1024.0);
        long last = base;
        if (mode.equals("engine")) {
            List<Integer> sizes = resnet ? List.of(rows) : List.of(rows, big[0]);
            for (Key k : keys) {
                for (int n : sizes) {
                    pass(g, model, k, n);
                    long rss = settledRss();
                    System.out.printf(Locale.ROOT, "new key %s, %d rows: sessions %d, RSS +%.1f MB (total +%.1f MB)"
                                    + "%n", k.label(), n, BenchGradientSession.cachedSessions(g),
                            (rss - last) / 1024.0, (rss - base) / 1024.0);
                    last = rss;
                }
            }
            for (Key k : keys) {
                pass(g, model, k, rows);
            }
            long rss = settledRss();
            System.out.printf(Locale.ROOT, "every key again, %d rows: sessions %d, RSS +%.1f MB (total +%.1f MB)%n",
                    rows, BenchGradientSession.cachedSessions(g), (rss - last) / 1024.0, (rss - base) / 1024.0);
            last = rss;
            Key first = keys.get(0);
            for (int n : big) {
                pass(g, model, first, n);
                rss = settledRss();
                System.out.printf(Locale.ROOT, "key %s again, %d rows: sessions %d, RSS +%.1f MB (total +%.1f MB)"
                        + "%n", first.label(), n, BenchGradientSession.cachedSessions(g), (rss - last) / 1024.0,
                        (rss - base) / 1024.0);
                last = rss;
            }
            g = null; // the engine's cleaner closes its sessions once the graph is unreachable
            rss = settledRss();
            System.out.printf(Locale.ROOT, "graph dropped: RSS %.1f MB (total +%.1f MB)%n", (rss - last) / 1024.0,
                    (rss - base) / 1024.0);
        } else if (mode.equals("compile")) {
            List<BenchGradientSession> made = new ArrayList<>();
            int[] sides = resnet ? new int[] {224, 192, 160, 128} : new int[] {28, 28, 28, 28};
            for (int sd : sides) {
                made.add(new BenchGradientSession(g, new long[] {resnet ? 3 : 1, sd, sd}, false));
                long rss = settledRss();
                System.out.printf(Locale.ROOT, "compiled rows of %d² (no pass yet): %d sessions, RSS +%.1f MB "
                        + "(total +%.1f MB)%n", sd, made.size(), (rss - last) / 1024.0, (rss - base) / 1024.0);
                last = rss;
            }
            for (int i = 0; i < made.size(); i++) {
                made.get(i).inputGradient(input(model, sides[i], rows), 3).close();
                long rss = settledRss();
                System.out.printf(Locale.ROOT, "first pass of %d rows on session %d: RSS +%.1f MB (total +%.1f MB)"
                        + "%n", rows, i + 1, (rss - last) / 1024.0, (rss - base) / 1024.0);
                last = rss;
            }
            for (BenchGradientSession s : made) {
                s.close();
            }
            long rss = settledRss();
            System.out.printf(Locale.ROOT, "all %d closed: RSS %.1f MB (total +%.1f MB)%n", made.size(),
                    (rss - last) / 1024.0, (rss - base) / 1024.0);
        } else {
            throw new IllegalArgumentException("mode is engine or compile, not '" + mode + "'");
        }
        System.out.printf(Locale.ROOT, "peak RSS of the run (VmHWM) %.1f MB%n", status("VmHWM:") / 1024.0);
    }

    private static void pass(Graph g, String model, Key k, int rows) {
        INDArray x = input(model, k.side(), rows);
        Gradients r = g.gradients(x, k.predicted() ? Target.predicted() : Target.classIndex(3));
        r.output().close();
        r.inputGradient().close();
        x.close();
    }

    /** ROWS seeded rows of {@code side}² pixels (3 channels for ResNet-18, 1 for the small CNN). */
    private static INDArray input(String model, int side, int rows) {
        int channels = model.equals("resnet18") ? 3 : 1;
        return Rng.seeded(21).gaussian(DataType.FLOAT, 1.0, rows, channels, side, side);
    }

    /** VmRSS in kB after two collections and a pause (native memory freed by cleaners is returned meanwhile). */
    private static long settledRss() throws InterruptedException, IOException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return status("VmRSS:");
    }

    private static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(field + " not in /proc/self/status");
    }
}
