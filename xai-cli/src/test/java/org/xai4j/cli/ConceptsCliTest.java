package org.xai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Json;
import org.xai4j.models.io.Npy;
import org.xai4j.models.onnx.OnnxImporter;

/** {@code xai concepts ice} and {@code xai concepts tcav} on the demo model: the files and keys of their contract. */
class ConceptsCliTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path images;
    static INDArray x;

    static CliTest.Run xai(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliTest.Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void files() throws IOException {
        model = dir.resolve("fashion-cnn.onnx");
        Files.write(model, Demo.resource("fashion-cnn.onnx"));
        INDArray all = Npy.read(new java.io.ByteArrayInputStream(Demo.resource("fashion-test-images.npy")));
        x = Batching.rows(all, 0, 12).dup();
        images = dir.resolve("x.npy");
        Npy.write(x, images);
    }

    @Test
    @SuppressWarnings("unchecked")
    void iceWritesDirectionsScoresJsonAndPngs() throws Exception {
        Path out = dir.resolve("ice");
        CliTest.Run r = xai("concepts", "ice", "--model", model.toString(), "--input", images.toString(), "--layer", "/Relu_1",
                "--concepts", "4", "--seed", "3", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        INDArray p = Npy.read(out.resolve("ice-directions.npy")).castTo(DataType.DOUBLE);
        INDArray s = Npy.read(out.resolve("ice-scores.npy")).castTo(DataType.DOUBLE);
        assertThat(p.shape()).containsExactly(4, 32);
        assertThat(s.shape()).containsExactly(12, 4, 14, 14);
        assertThat(p.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(s.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        Map<String, Object> json = Json.readObject(Files.readString(out.resolve("ice.json")));
        assertThat(json).containsKeys("reconstruction_error", "fidelity", "presence_per_class");
        // reconstruction_error = ‖V − S·P‖_F / ‖V‖_F, recomputed from the written files and the layer's activations
        Graph g = OnnxImporter.read(model);
        INDArray a = g.activations(x, List.of("/Relu_1")).get("/Relu_1").castTo(DataType.DOUBLE);
        INDArray v = a.permute(0, 2, 3, 1).dup('c').reshape(12 * 14 * 14, 32);
        INDArray sRows = s.permute(0, 2, 3, 1).dup('c').reshape(12 * 14 * 14, 4);
        double rel = v.sub(sRows.mmul(p)).norm2Number().doubleValue() / v.norm2Number().doubleValue();
        double written = ((Number) json.get("reconstruction_error")).doubleValue();
        System.out.printf("xai concepts ice, 12 images, K=4: reconstruction_error %.6f (recomputed from files %.6f),"
                + " fidelity %s%n", written, rel, json.get("fidelity"));
        assertThat(Math.abs(rel - written)).isLessThan(1e-5);
        double fidelity = ((Number) json.get("fidelity")).doubleValue();
        assertThat(fidelity).isBetween(0.0, 1.0);
        Map<String, Object> presence = (Map<String, Object>) json.get("presence_per_class");
        assertThat(presence).hasSize(10);
        assertThat(out.resolve("ice-concept-0.png")).exists();
        assertThat(out.resolve("ice-concept-3.png")).exists();
        assertThat(out.resolve("ice-presence.png")).exists();
    }

    @Test
    void iceErrorsNameTheProblem() {
        CliTest.Run tooMany = xai("concepts", "ice", "--model", model.toString(), "--input", images.toString(), "--layer",
                "/Relu_1", "--concepts", "40", "--out", dir.resolve("bad").toString());
        assertThat(tooMany.code()).isEqualTo(Main.FAILURE);
        assertThat(tooMany.err()).contains("K = 40").contains("C = 32");
        CliTest.Run negative = xai("concepts", "ice", "--model", model.toString(), "--input", images.toString(), "--layer",
                "/conv1/Conv", "--concepts", "2", "--out", dir.resolve("bad").toString());
        assertThat(negative.code()).isEqualTo(Main.FAILURE);
        assertThat(negative.err()).contains("/conv1/Conv").contains("ReLU");
        CliTest.Run flat = xai("concepts", "ice", "--model", model.toString(), "--input", images.toString(), "--layer",
                "/fc1/Gemm", "--concepts", "2", "--out", dir.resolve("bad").toString());
        assertThat(flat.code()).isEqualTo(Main.FAILURE);
        assertThat(flat.err()).contains("N×C×h×w");
    }

    @Test
    @SuppressWarnings("unchecked")
    void tcavWritesTheContractKeys() throws Exception {
        Path res = Path.of("../xai-concepts/src/test/resources/org/xai4j/concepts/tcav");
        Path concept = dir.resolve("trouser.npy");
        Npy.write(Npy.read(res.resolve("concept-trouser.npy")).castTo(DataType.FLOAT).div(255f), concept);
        Path inputs = dir.resolve("inputs.npy");
        Npy.write(Npy.read(res.resolve("inputs-trouser.npy")).castTo(DataType.FLOAT).div(255f), inputs);
        String[] args = {"concepts", "tcav", "--model", model.toString(), "--layer", "/Relu_1", "--concept",
                concept.toString(), "--input", inputs.toString(), "--target-index", "1", "--out",
                dir.resolve("tcav").toString()};
        java.util.List<String> all = new java.util.ArrayList<>(List.of(args));
        for (int i = 0; i < 4; i++) {
            Path r = dir.resolve("random-" + i + ".npy");
            Npy.write(Npy.read(res.resolve("random-" + i + ".npy")).castTo(DataType.FLOAT).div(255f), r);
            all.add("--random");
            all.add(r.toString());
        }
        CliTest.Run r = xai(all.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Object> json = Json.readObject(Files.readString(dir.resolve("tcav").resolve("tcav.json")));
        assertThat(json).containsKeys("scores", "mean", "random_scores", "p_value", "cav_accuracy");
        assertThat((List<Object>) json.get("scores")).hasSize(4);
        System.out.println("xai concepts tcav, trouser concept, class 1: " + json.get("scores") + " mean " + json.get("mean")
                + " p " + json.get("p_value"));
        assertThat(((Number) json.get("mean")).doubleValue()).isGreaterThanOrEqualTo(0.9);
        assertThat(dir.resolve("tcav").resolve("tcav.png")).exists();
        all.subList(all.size() - 4, all.size()).clear();
        CliTest.Run few = xai(all.toArray(String[]::new));
        assertThat(few.code()).isEqualTo(Main.FAILURE);
        assertThat(few.err()).contains("at least 3 random sets");
    }
}
