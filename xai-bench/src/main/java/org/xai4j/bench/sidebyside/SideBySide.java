package org.xai4j.bench.sidebyside;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.gradient.IntegratedGradients;
import org.xai4j.attribution.gradient.Saliency;
import org.xai4j.bench.support.BenchModels;
import org.xai4j.bench.support.Interleaved;
import org.xai4j.cam.CamConfig;
import org.xai4j.cam.GradCam;
import org.xai4j.cam.ScoreCam;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.models.io.Npy;
import org.xai4j.models.onnx.OnnxImporter;
import org.xai4j.perturbation.lime.Lime;
import org.xai4j.perturbation.lime.LimeConfig;
import org.xai4j.perturbation.occlusion.Occlusion;
import org.xai4j.perturbation.occlusion.OcclusionConfig;

/**
 * xai4j against the Python anchors, side by side, at the user's defaults: the models are read with
 * {@link OnnxImporter#read(Path)} (what the CLI does with an {@code .onnx} file) and the explainers are built as a
 * user builds them, with their default configurations and no system properties (whatever the JVM was started with
 * is printed in the settings column, so tuned runs give extra rows). The anchors run in a long-lived Python process
 * ({@link AnchorServer}, {@code anchor_server.py}: torch 1.13 on 2 threads, Captum 0.6.0, pytorch-grad-cam 084273b,
 * lime 0.2.0.0) on the same ONNX models (the small CNN rebuilt in torch from the file's initializers, ResNet-18 from
 * the script that wrote the file) and the same input rows (written here as {@code .npy}); both sides' logits of those
 * rows are compared before any timing.
 *
 * <p>Per row: one warm-up call per side, then alternating warm-up pairs for {@code --warmup-seconds} (default 10:
 * the JIT needs seconds, see {@link Interleaved}); then {@code --rounds} rounds (default 5), each timing a block of
 * calls on both sides back to back, which side goes first alternating ({@link Interleaved#compareNanos}). A block is
 * as many calls as make the slower side last {@code --round-seconds} (default 0.5 s; one call for slow methods).
 * The anchor's time is measured inside the Python process around the call alone. Cases (target class 3 for every
 * row):
 * <ul>
 *   <li>small CNN (the CLI demo's fashion-cnn.onnx), 8 Fashion-MNIST test images (LIME: the first);</li>
 *   <li>ResNet-18 224² (make_resnet18.py), seeded N(0, 1) rows: 2 rows for forward, saliency, Integrated
 *       Gradients and Grad-CAM, 1 for occlusion, Score-CAM and LIME;</li>
 *   <li>methods: forward ({@link Graph#predict} against torch under no_grad), {@link Saliency},
 *       {@link IntegratedGradients} (default: 50 steps Gauss–Legendre, Captum's default rule), {@link Occlusion}
 *       (4×4 stride 2 on the small CNN, 32×32 stride 16 on ResNet-18, zero baseline), {@link GradCam} and
 *       {@link ScoreCam} at the last convolution block's ReLU ({@code /Relu_1}, {@code /layer4/layer4.1/relu_1/Relu}),
 *       {@link Lime} with {@link LimeConfig#DEFAULTS} (1000 samples, SLIC with 50 regions; lime's own default
 *       segmentation is quickshift).</li>
 * </ul>
 * Run from the repository root (after {@code mvn -B -o -q -pl xai-bench -am package -DskipTests} and
 * {@code /usr/bin/python3 xai-bench/src/main/python/make_resnet18.py}):
 * <pre>
 *   java -cp xai-bench/target/benchmarks.jar org.xai4j.bench.sidebyside.SideBySide [--models fashion-cnn,resnet18]
 *        [--methods forward,saliency,ig,occlusion,gradcam,scorecam,lime] [--rounds 5] [--torch-threads 2]
 *        [--warmup-seconds 10] [--round-seconds 0.5] [--anchors /tmp/anchors]
 * </pre>
 * Prints the Markdown table and one line for the per-commit list, and appends both to
 * {@code xai-bench/target/sidebyside/results.md}.
 */
public final class SideBySide {
    static final List<String> MODELS = List.of("fashion-cnn", "resnet18");
    static final List<String> METHODS = List.of("forward", "saliency", "ig", "occlusion", "gradcam", "scorecam",
            "lime");
    static final Path DIR = Path.of("xai-bench/target/sidebyside");
    static final int TARGET = 3;

    private SideBySide() {
    }

    /** Options with their defaults. */
    static final class Options {
        List<String> models = MODELS;
        List<String> methods = METHODS;
        int rounds = 5;
        int torchThreads = 2;
        double warmupSeconds = 10;
        double roundSeconds = 0.5;
        Path anchors = Path.of(System.getenv().getOrDefault("XAI4J_ANCHORS", "/tmp/anchors"));

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--models" -> o.models = pick(v, MODELS, "model");
                    case "--methods" -> o.methods = pick(v, METHODS, "method");
                    case "--rounds" -> o.rounds = atLeast(Integer.parseInt(v), 1, a);
                    case "--torch-threads" -> o.torchThreads = atLeast(Integer.parseInt(v), 1, a);
                    case "--warmup-seconds" -> o.warmupSeconds = Double.parseDouble(v);
                    case "--round-seconds" -> o.roundSeconds = Double.parseDouble(v);
                    case "--anchors" -> o.anchors = Path.of(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            return o;
        }

        private static List<String> pick(String csv, List<String> known, String what) {
            List<String> out = new ArrayList<>();
            for (String s : csv.split(",")) {
                if (!known.contains(s.trim())) {
                    throw new IllegalArgumentException("unknown " + what + " '" + s + "' (expected one of " + known + ")");
                }
                out.add(s.trim());
            }
            return out;
        }

        private static int atLeast(int v, int min, String name) {
            if (v < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", got " + v);
            }
            return v;
        }
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: SideBySide [--models fashion-cnn,resnet18] [--methods " + String.join(",", METHODS)
                    + "] [--rounds 5] [--torch-threads 2] [--warmup-seconds 10] [--round-seconds 0.5] [--anchors DIR]");
            System.exit(2);
            return;
        }
        Files.createDirectories(DIR);
        String commit = commit();
        String settings = settings();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<RatioRow> table = new ArrayList<>();
        try (AnchorServer anchors = new AnchorServer(o.anchors, o.torchThreads, DIR.resolve("anchor_server.log"))) {
            String banner = anchors.banner();
            System.out.printf(Locale.ROOT, "side by side at %s, commit %s, %d cores, Java %s; xai4j settings: %s; "
                            + "anchors: %s; %d rounds, warm-up %.0f s, rounds of ≥ %.2f s%n", started, commit,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), settings, banner,
                    o.rounds, o.warmupSeconds, o.roundSeconds);
            for (String model : o.models) {
                Path onnx = modelFile(model);
                Graph graph = OnnxImporter.read(onnx);
                int maxRows = o.methods.stream().mapToInt(m -> rows(model, m)).max().orElse(1);
                INDArray x = BenchModels.input(model, maxRows);
                Path inputNpy = DIR.resolve(model + "-input.npy");
                Path logitsNpy = DIR.resolve(model + "-torch-logits.npy");
                Npy.write(x, inputNpy);
                String loaded = anchors.load(model, onnx, inputNpy, logitsNpy);
                System.out.println(model + ": " + sameModel(graph, x, Npy.read(logitsNpy)) + "; torch rebuild vs numpy "
                        + "ONNX forward (small CNN only): " + loaded.split(" ")[1]);
                for (String method : o.methods) {
                    int n = rows(model, method);
                    INDArray xn = n == maxRows ? x : Batching.rows(x, 0, n).dup();
                    Supplier<?> call = explainer(graph, model, method, xn);
                    LongSupplier mine = () -> {
                        long t0 = System.nanoTime();
                        Object out = call.get();
                        long t = System.nanoTime() - t0;
                        if (out == null) {
                            throw new IllegalStateException(method + " returned null");
                        }
                        return t;
                    };
                    LongSupplier theirs = () -> anchors.callNanos(method, model, n);
                    RatioRow row = measure(model, method, n, anchorName(method, banner), settings, mine, theirs, o);
                    table.add(row);
                    System.out.println(row.markdown());
                }
            }
        }
        StringBuilder report = new StringBuilder();
        report.append("\nSide by side, commit ").append(commit).append(", ").append(started).append(":\n\n")
                .append(RatioRow.header()).append('\n');
        table.forEach(r -> report.append(r.markdown()).append('\n'));
        String threads = "torch " + o.torchThreads + (o.torchThreads == 1 ? " thread" : " threads");
        report.append("\nratios per commit:\n").append(guardLine(commit, started, settings + ", " + threads, table))
                .append('\n');
        System.out.print(report);
        Files.writeString(DIR.resolve("results.md"), report, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Warm-up, block size, then the alternating rounds of one row. */
    static RatioRow measure(String model, String method, int rows, String anchor, String settings, LongSupplier mine,
                            LongSupplier theirs, Options o) {
        long lastMine = mine.getAsLong();
        long lastTheirs = theirs.getAsLong();
        long end = System.nanoTime() + (long) (o.warmupSeconds * 1e9);
        while (System.nanoTime() < end) {
            lastTheirs = theirs.getAsLong();
            lastMine = mine.getAsLong();
        }
        int block = blockSize(o.roundSeconds, Math.max(lastMine, lastTheirs));
        Interleaved.Result r = Interleaved.compareNanos(perCall(theirs, block), perCall(mine, block), o.rounds);
        return new RatioRow(modelName(model), method, methodName(model, method), rows, block, anchor, settings, r);
    }

    /** Calls per side and round so that the slower side lasts about {@code roundSeconds}: 1 to 1000. */
    static int blockSize(double roundSeconds, long slowerNanos) {
        double calls = Math.ceil(roundSeconds * 1e9 / Math.max(1, slowerNanos));
        return (int) Math.max(1, Math.min(1000, calls));
    }

    private static LongSupplier perCall(LongSupplier one, int block) {
        return () -> {
            long sum = 0;
            for (int i = 0; i < block; i++) {
                sum += one.getAsLong();
            }
            return Math.round((double) sum / block);
        };
    }

    /** One xai4j call of {@code method} on {@code x}, the explainer built once as a user builds it. */
    static Supplier<?> explainer(Graph graph, String model, String method, INDArray x) {
        Target t = Target.classIndex(TARGET);
        boolean small = "fashion-cnn".equals(model);
        String layer = BenchModels.lastRelu(model);
        return switch (method) {
            case "forward" -> () -> graph.predict(x);
            case "saliency" -> {
                Saliency s = new Saliency(graph);
                yield () -> s.explain(x, t);
            }
            case "ig" -> {
                IntegratedGradients ig = new IntegratedGradients(graph);
                yield () -> ig.explain(x, t);
            }
            case "occlusion" -> {
                Occlusion occ = new Occlusion(graph, small ? OcclusionConfig.of(4, 4).withStrides(2, 2)
                        : OcclusionConfig.of(32, 32).withStrides(16, 16));
                yield () -> occ.explain(x, t);
            }
            case "gradcam" -> {
                GradCam cam = new GradCam(graph, CamConfig.of(layer));
                yield () -> cam.explain(x, t);
            }
            case "scorecam" -> {
                ScoreCam cam = new ScoreCam(graph, CamConfig.of(layer));
                yield () -> cam.explain(x, t);
            }
            case "lime" -> {
                Lime lime = new Lime(graph, LimeConfig.DEFAULTS);
                yield () -> lime.explain(x, t);
            }
            default -> throw new IllegalArgumentException("unknown method " + method);
        };
    }

    /** Input rows per call. */
    static int rows(String model, String method) {
        if ("lime".equals(method)) {
            return 1;
        }
        if ("fashion-cnn".equals(model)) {
            return 8;
        }
        return switch (method) {
            case "forward", "saliency", "ig", "gradcam" -> 2;
            default -> 1;
        };
    }

    static String modelName(String model) {
        return "fashion-cnn".equals(model) ? "small CNN" : "ResNet-18 224²";
    }

    static String methodName(String model, String method) {
        boolean small = "fashion-cnn".equals(model);
        return switch (method) {
            case "forward" -> "forward";
            case "saliency" -> "saliency";
            case "ig" -> "Integrated Gradients, 50 steps";
            case "occlusion" -> small ? "occlusion 4×4 stride 2" : "occlusion 32×32 stride 16";
            case "gradcam" -> "Grad-CAM";
            case "scorecam" -> "Score-CAM";
            case "lime" -> "LIME, 1000 samples";
            default -> method;
        };
    }

    /** The anchor's name and version, from the server's banner ("torch V threads N captum V"). */
    static String anchorName(String method, String banner) {
        Map<String, String> b = new LinkedHashMap<>();
        String[] w = banner.split(" ");
        for (int i = 0; i + 1 < w.length; i += 2) {
            b.put(w[i], w[i + 1]);
        }
        return switch (method) {
            case "forward" -> "torch " + b.get("torch") + ", " + b.get("threads")
                    + ("1".equals(b.get("threads")) ? " thread" : " threads");
            case "saliency", "ig", "occlusion" -> "Captum " + b.get("captum");
            case "gradcam", "scorecam" -> "pytorch-grad-cam 084273b";
            case "lime" -> "lime 0.2.0.0 (quickshift)";
            default -> method;
        };
    }

    /** The ONNX file both sides load: the demo's model copied out of the class path, or ResNet-18's file. */
    static Path modelFile(String model) throws IOException {
        if ("resnet18".equals(model)) {
            Path p = Path.of(System.getProperty("xai.bench.resnet18", "xai-bench/target/resnet18.onnx"));
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("no ResNet-18 model at " + p.toAbsolutePath() + ": run /usr/bin/python3 "
                        + "xai-bench/src/main/python/make_resnet18.py from the repository root");
            }
            return p;
        }
        Path p = DIR.resolve("fashion-cnn.onnx");
        try (InputStream in = SideBySide.class.getResourceAsStream("/org/xai4j/cli/demo/fashion-cnn.onnx")) {
            if (in == null) {
                throw new IllegalStateException("fashion-cnn.onnx is not on the class path (module xai-cli)");
            }
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    /** Both sides' logits of the same rows agree (else the comparison would be of different models). */
    static String sameModel(Graph graph, INDArray x, INDArray torchLogits) {
        double[] mine = graph.predict(x).castTo(DataType.DOUBLE).data().asDouble();
        double[] theirs = torchLogits.castTo(DataType.DOUBLE).data().asDouble();
        if (mine.length != theirs.length) {
            throw new IllegalStateException("xai4j gives " + mine.length + " logits, torch " + theirs.length);
        }
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < mine.length; i++) {
            diff = Math.max(diff, Math.abs(mine[i] - theirs[i]));
            scale = Math.max(scale, Math.abs(theirs[i]));
        }
        if (!(diff <= 1e-3 * Math.max(1, scale))) {
            throw new IllegalStateException("xai4j's and torch's logits differ by " + diff + " (largest logit " + scale
                    + "): not the same model");
        }
        return String.format(Locale.ROOT, "max |xai4j − torch| logits %.2g (largest |logit| %.3g)", diff, scale);
    }

    /** "OMP_NUM_THREADS=… -Dxai4j.…=…" as the JVM was started, or "defaults". */
    static String settings() {
        List<String> s = new ArrayList<>();
        for (String env : List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS")) {
            String v = System.getenv(env);
            if (v != null) {
                s.add(env + "=" + v);
            }
        }
        for (String k : new TreeSet<>(System.getProperties().stringPropertyNames())) {
            if ((k.startsWith("xai4j.") && !k.startsWith("xai4j.bench.")) || k.startsWith("org.bytedeco.")
                    || k.startsWith("org.nd4j.")) {
                s.add("-D" + k + "=" + System.getProperty(k));
            }
        }
        return s.isEmpty() ? "defaults" : String.join(" ", s);
    }

    /** The per-commit line: commit, date, settings, then each model's "method ratio" list. */
    static String guardLine(String commit, Instant when, String settings, List<RatioRow> rows) {
        Map<String, List<String>> byModel = new LinkedHashMap<>();
        for (RatioRow r : rows) {
            byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r.guard());
        }
        StringBuilder b = new StringBuilder("- ").append(commit).append(" (").append(when.toString(), 0, 10)
                .append(", ").append(settings).append("):");
        byModel.forEach((m, list) -> b.append(' ').append(m).append(": ").append(String.join(", ", list)).append(';'));
        b.setLength(b.length() - 1);
        return b.toString();
    }

    /** The checked-out commit, "+changes" when tracked files differ from it. */
    static String commit() {
        try {
            String head = run("git", "rev-parse", "--short=7", "HEAD");
            String dirty = run("git", "status", "--porcelain", "--untracked-files=no");
            return head + (dirty.isEmpty() ? "" : "+changes");
        } catch (IOException | InterruptedException | UncheckedIOException e) {
            return "unknown";
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IOException(Arrays.toString(command) + " failed: " + out);
        }
        return out;
    }
}
