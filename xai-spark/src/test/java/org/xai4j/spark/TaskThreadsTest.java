package org.xai4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A task thread's OpenMP threads are limited to the task's cores (one outside a task), on that thread only, in a
 * fresh JVM without {@code OMP_NUM_THREADS} (the tests' JVMs run with it set to 1, where nothing is changed).
 */
class TaskThreadsTest {
    @Test
    void taskThreadGetsOneOpenMpThreadAndOtherThreadsKeepTheDefault() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "OpenMP runs one thread per team here anyway");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                TaskThreadsProbe.class.getName());
        Path log = Files.createTempFile("task-threads-probe", ".log");
        try {
            ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            b.environment().remove("OMP_NUM_THREADS");
            Process p = b.start();
            boolean finished = p.waitFor(120, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly();
            }
            String text = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(finished).as("probe finished, output:%n%s", text).isTrue();
            assertThat(p.exitValue()).as("probe exit status, output:%n%s", text).isZero();
            Matcher m = Pattern.compile("before=(\\d+) after=(\\d+) other=(\\d+)").matcher(text);
            assertThat(m.find()).as("probe output:%n%s", text).isTrue();
            int before = Integer.parseInt(m.group(1));
            assumeTrue(before > 1, "OpenMP's default is already one thread here");
            assertThat(Integer.parseInt(m.group(2))).isEqualTo(1);
            assertThat(Integer.parseInt(m.group(3))).isEqualTo(before);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
