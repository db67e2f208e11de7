package org.xai4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.cli.Main;
import org.xai4j.models.io.Npy;

/** {@code xai spark explain} through the {@code xai} entry point, with xai-spark on the class path. */
class SparkCliTest {
    @TempDir
    Path dir;

    int run(ByteArrayOutputStream err, String... args) {
        return Main.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void explainsAnNpyBatchToJson() throws Exception {
        Path model = Path.of(SparkCliTest.class.getResource("small_cnn_op13.onnx").toURI());
        Path input = dir.resolve("x.npy");
        Npy.write(Nd4j.rand(DataType.FLOAT, 3, 3, 16, 16), input);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(err, "spark", "explain", "--master", "local[2]", "--model", model.toString(), "--input",
                input.toString(), "--method", "salency", "--out", dir.resolve("bad").toString())).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown method 'salency'");
        Path out = dir.resolve("out");
        int code = run(err, "spark", "explain", "--master", "local[2]", "--model", model.toString(), "--input",
                input.toString(), "--method", "saliency", "--out", out.toString(), "--format", "json");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(Main.OK);
        List<String> lines;
        try (Stream<Path> files = Files.list(out)) {
            lines = files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .flatMap(f -> {
                        try {
                            return Files.readAllLines(f).stream();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
        }
        assertThat(lines).hasSize(3);
        for (String line : lines) {
            assertThat(line).contains("\"id\":").contains("\"target\":").contains("\"prediction\":")
                    .contains("\"values\":[").contains("\"shape\":[3,16,16]").doesNotContain("\"error\"");
        }
    }
}
