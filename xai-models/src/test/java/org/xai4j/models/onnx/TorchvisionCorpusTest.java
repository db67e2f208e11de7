package org.xai4j.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xai4j.models.onnx.TestModels.relErr;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.target.Target;
import org.xai4j.models.io.Npy;

/**
 * The importer on architectures nobody here designed: every torchvision classification and segmentation
 * architecture that Debian's torch 1.13 exports, made by {@code src/test/python/torchvision_corpus.py} (seeded
 * random weights) into {@code target/torchvision-corpus}. Each one must either import and match torch's output
 * (1e-4 relative) and torch autograd's input gradient of class 0 (1e-3 relative, max|a−b| / max|b|), or be refused
 * with an {@link UnsupportedModelException} naming what is missing. ResNet-50, MobileNetV3-Small, EfficientNet-B0
 * and the U-Net must match. Where only the float32 gradient misses, the architecture passes when the float64
 * graph matches torch to 1e-6 and the float32 gradient is no further off than twice torch's own float32 gradient,
 * or twice torch's float32 spread on inputs one ulp away ({@code NAME_spread.npy}): a ReLU whose pre-activation
 * lies within float32 rounding of zero switches with the rounding (docs/models.md, VGG-11).
 *
 * <p>Each architecture runs in its own JVM (the same JVM options and class path as this one), so that one large
 * net's memory never counts against the next and an out-of-memory error is that architecture's row.
 *
 * <p>{@code -Dxai4j.corpus.only=resnet50,unet} restricts the run; {@code -Dxai4j.corpus.updateDocs=true} rewrites
 * the table in {@code docs/models.md} between its {@code torchvision-corpus} markers. Needs {@code /usr/bin/python3}
 * with torch and torchvision; fails (does not skip) without them.
 */
@Tag("slow")
class TorchvisionCorpusTest {
    private static final Path DIR = Path.of("target", "torchvision-corpus");
    private static final Path DOC = Path.of("..", "docs", "models.md");
    private static final String BEGIN = "<!-- torchvision-corpus:begin -->";
    private static final String END = "<!-- torchvision-corpus:end -->";
    private static final double OUTPUT_TOLERANCE = 1e-4;
    private static final double GRADIENT_TOLERANCE = 1e-3;
    private static final double FLOAT64_TOLERANCE = 1e-6;
    private static final Set<String> MUST_MATCH = Set.of("resnet50", "mobilenet_v3_small", "efficientnet_b0", "unet");

    /** One architecture's outcome: a match, a refusal, an export failure, a mismatch or an unexpected error. */
    record Outcome(String name, String input, String status, boolean matched, boolean acceptable, String output,
                   String gradient, String gradient64, String torch32) {
        Outcome(String name, String input, String status, boolean acceptable) {
            this(name, input, status, false, acceptable, "", "", "", "");
        }

        String row() {
            return "| " + name + " | " + input + " | " + status + " | " + output + " | " + gradient + " | "
                    + gradient64 + " | " + torch32 + " |";
        }
    }

    @Test
    void everyArchitectureMatchesTorchOrIsRefusedByName() throws IOException, InterruptedException {
        String only = System.getProperty("xai4j.corpus.only", "");
        generate(only);
        List<String> names = Files.readAllLines(DIR.resolve("corpus.txt"), StandardCharsets.UTF_8).stream()
                .filter(s -> !s.isBlank()).toList();
        List<Outcome> outcomes = new ArrayList<>();
        for (String name : names) {
            Outcome o = runInChildJvm(name);
            System.out.println("CORPUS " + o.row());
            outcomes.add(o);
        }
        if (Boolean.getBoolean("xai4j.corpus.updateDocs")) {
            writeTable(outcomes);
        }
        for (Outcome o : outcomes) {
            assertThat(o.acceptable()).as("%s: %s (output %s, input gradient %s)", o.name(), o.status(), o.output(),
                    o.gradient()).isTrue();
            if (MUST_MATCH.contains(o.name())) {
                assertThat(o.matched()).as("%s must match torch: %s", o.name(), o.status()).isTrue();
            }
        }
    }

    /** Runs {@link #main} for one architecture in a fresh JVM and reads back its outcome line. */
    private static Outcome runInChildJvm(String name) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent")).toList());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TorchvisionCorpusTest.class.getName());
        cmd.add(name);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        for (String line : log.split("\n")) {
            if (line.startsWith(MARK)) {
                String[] f = line.substring(MARK.length()).split("\t", -1);
                return new Outcome(f[0], f[1], f[2], Boolean.parseBoolean(f[3]), Boolean.parseBoolean(f[4]), f[5],
                        f[6], f[7], f[8]);
            }
        }
        String tail = log.length() > 400 ? log.substring(log.length() - 400) : log;
        return new Outcome(name, "", "JVM exited " + p.exitValue() + ": " + tail.replace("\n", " ").replace("|", "/"),
                false);
    }

    private static final String MARK = "OUTCOME\t";

    /** Child JVM entry point: runs one architecture and prints its outcome as one tab-separated line. */
    public static void main(String[] args) throws IOException {
        Outcome o;
        try {
            o = run(args[0]);
        } catch (OutOfMemoryError e) {
            o = new Outcome(args[0], "", "out of memory: " + e.getMessage(), false);
        }
        System.out.println(MARK + String.join("\t", o.name(), o.input(), o.status().replace("\t", " ").replace("\n", " ").replace("\r", " "),
                Boolean.toString(o.matched()), Boolean.toString(o.acceptable()), o.output(), o.gradient(), o.gradient64(), o.torch32()));
        System.exit(0);
    }

    private static void generate(String only) throws IOException, InterruptedException {
        Files.createDirectories(DIR);
        Process p;
        try {
            p = new ProcessBuilder("/usr/bin/python3", "src/test/python/torchvision_corpus.py", DIR.toString(), only)
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("the torchvision corpus needs /usr/bin/python3 with torch 1.13 and torchvision",
                    e);
        }
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.MINUTES)).as("corpus generation finished").isTrue();
        assertThat(p.exitValue()).as("torchvision_corpus.py failed (needs torch and torchvision):\n%s", log).isZero();
    }

    private static Outcome run(String name) throws IOException {
        Path error = DIR.resolve(name + ".error");
        if (Files.exists(error)) {
            String why = Files.readString(error, StandardCharsets.UTF_8).strip().replace("|", "/");
            return new Outcome(name, "", "torch does not export it: " + why, true);
        }
        INDArray x = Npy.read(DIR.resolve(name + "_x.npy"));
        String input = String.join("×", Arrays.stream(x.shape()).mapToObj(Long::toString).toList());
        Graph graph;
        try {
            graph = OnnxImporter.read(DIR.resolve(name + ".onnx"));
        } catch (UnsupportedModelException e) {
            return new Outcome(name, input, refusal(e), true);
        } catch (RuntimeException | OutOfMemoryError e) {
            return new Outcome(name, input, "import failed: " + e, false);
        }
        try {
            LayerPass pass = graph.backward(x, Target.classIndex(0), List.of());
            INDArray reference = Npy.read(DIR.resolve(name + "_grad.npy"));
            double out = relErr(pass.output(), Npy.read(DIR.resolve(name + "_out.npy")));
            double grad = relErr(pass.inputGradient(), reference);
            // torch's own float32 gradient against its float64 one: what float32 arithmetic alone costs.
            double torch32 = relErr(Npy.read(DIR.resolve(name + "_grad32.npy")), reference);
            // torch's float32 gradient on inputs one ulp away, each against its float64 one: float32's own spread.
            double spread = Npy.read(DIR.resolve(name + "_spread.npy")).getDouble(0);
            pass = null;
            // The same graph in float64 against torch in float64: the implementation, without float32 rounding.
            INDArray x64 = x.castTo(DataType.DOUBLE);
            double grad64 = relErr(graph.castTo(DataType.DOUBLE).gradients(x64, Target.classIndex(0)).inputGradient(),
                    reference);
            boolean ok = out < OUTPUT_TOLERANCE && grad < GRADIENT_TOLERANCE;
            boolean float32Only = !ok && out < OUTPUT_TOLERANCE && grad64 < FLOAT64_TOLERANCE
                    && grad <= Math.max(GRADIENT_TOLERANCE, 2 * Math.max(torch32, spread));
            String status = ok ? "✓"
                    : !float32Only ? "✗ mismatch"
                    : grad <= 2 * torch32 ? "✓ in float64; float32 gradient as far off as torch's own"
                    : String.format("✓ in float64; float32 gradient within torch's own on inputs 1 ulp away (%.1e)",
                            spread);
            return new Outcome(name, input, status, ok || float32Only, ok || float32Only, String.format("%.1e", out),
                    String.format("%.1e", grad), String.format("%.1e", grad64), String.format("%.1e", torch32));
        } catch (UnsupportedModelException e) {
            return new Outcome(name, input, refusal(e), true);
        } catch (RuntimeException | OutOfMemoryError | AssertionError e) {
            return new Outcome(name, input, "run failed: " + e, false);
        }
    }

    /** The refusal's named missing operations (the importer's first line), else its whole message. */
    static String refusal(UnsupportedModelException e) {
        String m = e.getMessage();
        int k = m.indexOf("unsupported op types: ");
        if (k < 0) {
            return "refused: " + m.replace("|", "/").replace("\n", " ");
        }
        List<String> lines = m.substring(k + "unsupported op types: ".length()).lines().toList();
        int problems = lines.size() - 1;
        String first = problems > 0 ? lines.get(1).strip().replaceFirst("^- ", "") : "";
        return ("refused: " + lines.get(0).strip() + " (" + problems + " node(s); first: " + first + ")").replace("|", "/");
    }

    /**
     * Rewrites the table between the markers: the rows of this run replace the rows of the same architectures,
     * the other rows stay where they are (a run restricted with {@code xai4j.corpus.only} keeps them), new
     * architectures are appended.
     */
    private static void writeTable(List<Outcome> outcomes) throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int b = doc.indexOf(BEGIN);
        int e = doc.indexOf(END);
        assertThat(b).as("%s in %s", BEGIN, DOC).isNotNegative();
        assertThat(e).as("%s after %s in %s", END, BEGIN, DOC).isGreaterThan(b);
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : doc.substring(b + BEGIN.length(), e).strip().lines().skip(2).toList()) {
            rows.put(line.substring(1, line.indexOf('|', 1)).strip(), line);
        }
        for (Outcome o : outcomes) {
            rows.put(o.name(), o.row());
        }
        StringBuilder t = new StringBuilder(BEGIN).append('\n')
                .append("| architecture | input | status | output vs torch | input gradient vs torch | same in float64 "
                        + "| torch float32 vs float64 |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (String row : rows.values()) {
            t.append(row).append('\n');
        }
        Files.writeString(DOC, doc.substring(0, b) + t + doc.substring(e), StandardCharsets.UTF_8);
    }
}
