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

    @Test
    void explainsAFolderOfImagesResizedWithTheImageOptions() throws Exception {
        Path model = Path.of(SparkCliTest.class.getResource("small_cnn_op13.onnx").toURI());
        Path images = dir.resolve("images");
        java.nio.file.Files.createDirectories(images.resolve("a"));
        java.nio.file.Files.createDirectories(images.resolve("b"));
        javax.imageio.ImageIO.write(ImageRowsTest.image(32, 32, 1), "png", images.resolve("a/1.png").toFile());
        javax.imageio.ImageIO.write(ImageRowsTest.image(20, 24, 2), "png", images.resolve("b/2.png").toFile());
        Files.write(images.resolve("b/3.png"), new byte[] {9, 9, 9});
        Path out = dir.resolve("images-out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(err, "spark", "explain", "--master", "local[2]", "--model", model.toString(), "--input",
                images.toString(), "--size", "16x16", "--method", "saliency", "--out", out.toString(), "--format", "json");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(Main.OK);
        List<com.fasterxml.jackson.databind.JsonNode> rows = SparkAuditCliTest.lines(out);
        java.util.Map<Long, com.fasterxml.jackson.databind.JsonNode> byId = SparkAuditCliTest.byId(rows);
        // ImageFolder's order: a/1.png (class 0), b/2.png and b/3.png (class 1)
        assertThat(byId.keySet()).containsExactly(0L, 1L, 2L);
        assertThat(byId.get(0L).get("target").asInt()).isZero();
        assertThat(byId.get(1L).get("target").asInt()).isEqualTo(1);
        assertThat(byId.get(0L).get("values").size()).isEqualTo(768);
        assertThat(byId.get(1L).has("error")).isFalse();
        assertThat(byId.get(2L).get("error").asText()).contains("3.png").contains("cannot read image");
    }
}
