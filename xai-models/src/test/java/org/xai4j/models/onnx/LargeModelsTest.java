package org.xai4j.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xai4j.models.onnx.TestModels.relErr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.model.LayerPass;
import org.xai4j.models.ort.OnnxRuntimeModel;

/**
 * MobileNetV3-Small and EfficientNet-B0 (torchvision architectures, seeded random weights, opset 13): too
 * large to commit, so {@code make_models.py --large} makes them (and their PyTorch references) into
 * {@code target/large-models} on the first run. Needs {@code /usr/bin/python3} with torch and torchvision.
 */
@Tag("slow")
class LargeModelsTest {
    private static final Path DIR = Path.of("target", "large-models");

    @BeforeAll
    static void generate() throws IOException, InterruptedException {
        if (Files.exists(DIR.resolve("efficientnet_b0_op13_layers.json"))) {
            return;
        }
        Files.createDirectories(DIR);
        Process p = new ProcessBuilder("/usr/bin/python3", "src/test/python/make_models.py", "--large", DIR.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.MINUTES)).as("model generation finished").isTrue();
        assertThat(p.exitValue()).as("make_models.py --large failed:\n%s", log).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mobilenet_v3_small_op13", "efficientnet_b0_op13"})
    void forwardAndGradientsMatchOnnxRuntimeAndPyTorch(String name) {
        TestModels m = new TestModels(name, DIR);
        Graph graph = OnnxImporter.read(m.onnx());
        INDArray x = m.input();
        List<String> layers = m.layers();
        LayerPass pass = graph.backward(x, m.target(), layers);
        try (OnnxRuntimeModel ort = OnnxRuntimeModel.load(m.onnx())) {
            assertThat(relErr(pass.output(), ort.predict(x))).as("forward vs ONNX Runtime").isLessThan(1e-4);
        }
        assertThat(relErr(pass.output(), m.npy("out"))).as("forward vs PyTorch").isLessThan(1e-4);
        assertThat(relErr(pass.inputGradient(), m.npy("grad"))).as("input gradient vs PyTorch").isLessThan(1e-4);
        double worst = 0;
        for (int k = 0; k < layers.size(); k++) {
            String layer = layers.get(k);
            assertThat(relErr(pass.activation(layer), m.npy("act_" + k))).as("activation %s", layer).isLessThan(1e-4);
            assertThat(relErr(pass.gradient(layer), m.npy("lgrad_" + k))).as("gradient at %s", layer).isLessThan(1e-4);
            worst = Math.max(worst, relErr(pass.gradient(layer), m.npy("lgrad_" + k)));
        }
        try (OnnxRuntimeModel ort = OnnxRuntimeModel.load(m.onnx())) {
            System.out.printf("ACCURACY %s forward vs ONNX Runtime %.2g, input gradient vs PyTorch %.2g, named-layer "
                    + "gradients vs PyTorch %.2g%n", name, relErr(pass.output(), ort.predict(x)),
                    relErr(pass.inputGradient(), m.npy("grad")), worst);
        }
    }
}
