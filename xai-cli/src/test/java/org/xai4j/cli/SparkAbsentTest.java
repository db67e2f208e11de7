package org.xai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Without the xai-spark jar, {@code xai spark} says what is missing instead of an unknown-command error. */
class SparkAbsentTest {
    @Test
    void sparkCommandNamesTheMissingJar() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"spark", "explain", "--model", "m.onnx"}, new PrintStream(out),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs the xai-spark jar");
    }
}
