package org.xai4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.Batching;
import org.xai4j.models.io.Npy;

/**
 * A clean run of the command line prints its own lines and nothing else (issue 20): no SLF4J warning, no ND4J
 * banner, no JavaCPP or ONNX Runtime chatter — checked in a fresh JVM, where those libraries first load.
 */
class QuietCliTest {
    static final Path DEMO = ReadmeConsumerTest.ROOT.resolve("xai-cli/src/main/resources/org/xai4j/cli/demo");

    @TempDir
    Path dir;

    @Test
    void predictExplainAndLayersPrintOnlyTheirOwnLines() throws Exception {
        Path x = dir.resolve("x.npy");
        INDArray all = Npy.read(DEMO.resolve("fashion-test-images.npy"));
        Npy.write(Batching.rows(all, 0, 2).dup(), x);
        Path model = DEMO.resolve("fashion-cnn.onnx");

        Out predict = cli("predict", "--model", model.toString(), "--input", x.toString(), "--out",
                dir.resolve("y.npy").toString());
        assertThat(predict.err()).as("stderr of predict").isEmpty();
        assertThat(predict.out()).as("stdout of predict").isEmpty();

        Out explain = cli("explain", "--model", model.toString(), "--input", x.toString(), "--method", "saliency",
                "--out", dir.resolve("maps").toString(), "--quiet");
        assertThat(explain.err()).as("stderr of explain --quiet").isEmpty();
        assertThat(explain.out()).as("stdout of explain --quiet").isEmpty();
        assertThat(dir.resolve("maps/saliency.npy")).exists();

        Out layers = cli("layers", "--model", model.toString());
        assertThat(layers.err()).as("stderr of layers").isEmpty();
        assertThat(layers.out().lines().findFirst().orElse("")).startsWith("layer");
        assertThat(layers.out()).doesNotContain("SLF4J").doesNotContain("Backend").doesNotContain("OpenMP");
    }

    record Out(String out, String err) {
    }

    private Out cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.bytedeco.javacpp.maxbytes=2G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=4G",
                "-cp", System.getProperty("java.class.path"), "org.xai4j.cli.Main"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("finished").isTrue();
        Out o = new Out(Files.readString(out), Files.readString(err));
        assertThat(p.exitValue()).as(String.join(" ", args) + "\n" + o.err()).isZero();
        return o;
    }
}
