package org.xai4j.models.ort;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The convolution sessions' two thread-pool modes, each in a fresh JVM (which mode a JVM gets depends on who
 * makes ONNX Runtime's environment first, so it cannot be chosen inside the test JVM): the shared pool when
 * {@link OnnxRuntimeConvolutions} makes the environment, per-session pools when the program made it before or
 * when {@code -Dxai4j.conv.sharedPool=false} says so; spinning workers on the shared pool. In every mode two
 * threads run the same convolution at once and the results match libnd4j's double-precision convolution
 * ({@link ThreadPoolModesProbe}).
 */
class ThreadPoolModesTest {
    private static final Pattern LINE = Pattern.compile("pool=(\\S+) forward=(\\S+) gradient=(\\S+)");

    @Test
    void freshJvmSharesOnePool() throws Exception {
        check(run(List.of(), "none"), "shared");
    }

    @Test
    void environmentMadeFirstKeepsPerSessionPools() throws Exception {
        check(run(List.of(), "env-first"), "per-session");
    }

    @Test
    void propertyTurnsTheSharedPoolOff() throws Exception {
        check(run(List.of("-Dxai4j.conv.sharedPool=false"), "none"), "per-session");
    }

    @Test
    void spinningSharedPoolGivesTheSameResults() throws Exception {
        check(run(List.of("-Dxai4j.conv.spinning=true"), "none"), "shared");
    }

    private static void check(String output, String pool) {
        Matcher m = LINE.matcher(output);
        assertThat(m.find()).as("probe output:%n%s", output).isTrue();
        assertThat(m.group(1)).isEqualTo(pool);
        assertThat(Double.parseDouble(m.group(2))).as("forward").isLessThan(2e-5);
        assertThat(Double.parseDouble(m.group(3))).as("gradient").isLessThan(2e-5);
    }

    private static String run(List<String> properties, String mode) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Dxai4j.conv.threads=2");
        cmd.addAll(properties);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ThreadPoolModesProbe.class.getName());
        cmd.add(mode);
        Path log = Files.createTempFile("thread-pool-probe", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished = p.waitFor(180, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly();
            }
            String text = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(finished).as("probe finished within 180 s, output:%n%s", text).isTrue();
            assertThat(p.exitValue()).as("probe exit status, output:%n%s", text).isZero();
            return text;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
