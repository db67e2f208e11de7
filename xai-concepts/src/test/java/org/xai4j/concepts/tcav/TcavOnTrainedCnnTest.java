package org.xai4j.concepts.tcav;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Json;
import org.xai4j.models.io.Npy;
import org.xai4j.models.onnx.OnnxImportOptions;
import org.xai4j.models.onnx.OnnxImporter;

/**
 * TCAV on the CLI demo's trained Fashion-MNIST CNN at its second ReLU (/Relu_1, 32×14×14 flattened), concepts of 30
 * training images of one class, 10 random sets of 30 training images, 30 test images per class as inputs; the same
 * sets and model through Captum 0.6.0's {@code TCAV} ({@code src/test/python/tcav_reference.py}).
 */
class TcavOnTrainedCnnTest {
    static final Path DIR = Path.of("src/test/resources/org/xai4j/concepts/tcav");
    static final Path DEMO = Path.of("../xai-cli/src/main/resources/org/xai4j/cli/demo");
    static Graph model;

    @BeforeAll
    static void load() throws Exception {
        model = OnnxImporter.read(Files.readAllBytes(DEMO.resolve("fashion-cnn.onnx")), "fashion-cnn",
                OnnxImportOptions.builder().dataType(DataType.DOUBLE).build());
    }

    static INDArray images(String name) {
        return Npy.read(DIR.resolve(name + ".npy")).castTo(DataType.DOUBLE).div(255.0);
    }

    static List<INDArray> randoms() {
        List<INDArray> r = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            r.add(images("random-" + i));
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> captum(String concept, int target) throws Exception {
        Map<String, Object> all = Json.readObject(Files.readString(DIR.resolve("captum.json")));
        for (Object o : (List<Object>) all.get("runs")) {
            Map<String, Object> run = (Map<String, Object>) o;
            if (run.get("concept").equals(concept) && ((Number) run.get("target")).intValue() == target) {
                return run;
            }
        }
        throw new AssertionError("no captum run for " + concept + " / " + target);
    }

    @Test
    void theGraphIsTheTorchModelCaptumRan() {
        INDArray x = Nd4j.concat(0, images("inputs-trouser"), images("inputs-sneaker"));
        INDArray torch = Npy.read(DIR.resolve("inputs-logits.npy")).castTo(DataType.DOUBLE);
        assertThat(model.predict(x).sub(torch).amaxNumber().doubleValue()).isLessThan(1e-4);
    }

    private static TcavResult run(String concept, String inputs, int target) throws Exception {
        TcavConfig cfg = TcavConfig.at("/Relu_1").withSeed(3);
        TcavResult r = Tcav.train(model, cfg, concept, images("concept-" + concept), randoms())
                .score(images("inputs-" + inputs), Target.classIndex(target));
        Map<String, Object> c = captum(concept, target);
        System.out.printf("TCAV concept %s, %s inputs, class %d: xai4j scores %s mean %.3f, random mean %.3f, p %.2e,"
                        + " CAV accuracy %.3f | Captum mean %.3f, random mean %.3f, p %.2e%n", concept, inputs, target,
                java.util.Arrays.toString(r.scores()), r.mean(), r.randomMean(), r.pValue(), r.cavAccuracy(),
                ((Number) c.get("mean")).doubleValue(), ((Number) c.get("random_mean")).doubleValue(),
                ((Number) c.get("p_value")).doubleValue());
        return r;
    }

    @Test
    void aClassConceptScoresHighAndSignificantlyForItsClass() throws Exception {
        for (String[] c : new String[][] {{"trouser", "1"}, {"sneaker", "7"}}) {
            int cls = Integer.parseInt(c[1]);
            TcavResult r = run(c[0], c[0], cls);
            assertThat(r.mean()).isGreaterThanOrEqualTo(0.9);
            assertThat(r.pValue()).isLessThan(0.05);
            assertThat(r.cavAccuracy()).isGreaterThanOrEqualTo(0.8);
            double captumMean = ((Number) captum(c[0], cls).get("mean")).doubleValue();
            assertThat(Math.abs(r.mean() - captumMean)).isLessThanOrEqualTo(0.1);
        }
    }

    @Test
    void anUnrelatedConceptIsNotSignificant() throws Exception {
        TcavResult r = run("trouser", "sneaker", 7);
        assertThat(r.significant()).isFalse();
    }
}
