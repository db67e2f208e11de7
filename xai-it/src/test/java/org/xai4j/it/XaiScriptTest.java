package org.xai4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./xai} launcher rebuilds its jar when a source changed, and only then (issue 20: after
 * {@code mvn install}, JMH's generated sources under {@code target/} looked newer than the jar and every run
 * rebuilt for a minute). Run on a copy of the script in a made-up tree, with {@code XAI_STALE_CHECK} set.
 */
class XaiScriptTest {
    @TempDir
    Path root;

    @Test
    void buildOutputsNeverMakeTheJarStaleSourcesDo() throws Exception {
        Files.copy(ReadmeConsumerTest.ROOT.resolve("xai"), root.resolve("xai"));
        Path jar = touch(root.resolve("xai-cli/target/xai.jar"), 100);
        touch(root.resolve("xai-core/src/main/java/org/xai4j/core/target/Target.java"), 50);
        touch(root.resolve("xai-core/pom.xml"), 50);
        assertThat(check()).isEqualTo("fresh");

        touch(root.resolve("xai-bench/target/generated-sources/annotations/org/Gen_jmhTest.java"), 200);
        touch(root.resolve("xai-core/target/classes/org/xai4j/core/Settings.class"), 200);
        assertThat(check()).as("newer files under a module's target/").isEqualTo("fresh");

        touch(root.resolve("xai-core/src/main/java/org/xai4j/core/target/Target.java"), 200);
        assertThat(check()).as("a source in a package named 'target'").isEqualTo("stale");

        touch(jar, 300);
        touch(root.resolve("xai-cli/src/main/resources/simplelogger.properties"), 400);
        assertThat(check()).as("a main resource").isEqualTo("stale");
        touch(jar, 500);
        touch(root.resolve("pom.xml"), 600);
        assertThat(check()).as("the root POM").isEqualTo("stale");
    }

    private String check() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("xai").toString()).redirectErrorStream(true);
        pb.environment().put("XAI_STALE_CHECK", "1");
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes()).trim();
    }

    private static Path touch(Path file, long secondsAfterEpochBase) throws IOException {
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(secondsAfterEpochBase)));
        return file;
    }
}
