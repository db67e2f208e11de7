package org.xai4j.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xai4j.models.onnx.TestModels.relErr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.ModelFormatException;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.graph.node.BatchNormNode;
import org.xai4j.models.ort.OnnxRuntimeModel;

/**
 * The ONNX importer against ONNX Runtime (forward) and PyTorch autograd in double precision (input and
 * named-node gradients) on the committed test models.
 */
class OnnxImporterTest {
    static Stream<String> models() {
        return Stream.of("small_cnn_op13", "resnet_mini_op11", "resnet_mini_op13", "ops_zoo_op13", "ops_zoo_op17",
                "transformer_mini_op13");
    }

    @ParameterizedTest
    @MethodSource("models")
    void forwardEqualsOnnxRuntimeAndPyTorch(String name) {
        TestModels m = TestModels.committed(name);
        Graph graph = OnnxImporter.read(m.onnx());
        INDArray x = m.input();
        assertThat(x.size(0)).isGreaterThanOrEqualTo(2);
        INDArray ours = graph.predict(x);
        try (OnnxRuntimeModel ort = OnnxRuntimeModel.load(m.onnx())) {
            INDArray theirs = ort.predict(x);
            assertThat(relErr(ours, theirs)).as("graph vs ONNX Runtime").isLessThan(1e-4);
            System.out.printf("ACCURACY %s forward vs ONNX Runtime %.2g%n", name, relErr(ours, theirs));
        }
        assertThat(relErr(ours, m.npy("out"))).as("graph vs PyTorch").isLessThan(1e-4);
        // Rows are independent: each row alone gives its row of the batch.
        INDArray row1 = graph.predict(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2)));
        assertThat(relErr(row1, ours.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2)))).isLessThan(1e-6);
    }

    @ParameterizedTest
    @MethodSource("models")
    void inputAndNamedNodeGradientsEqualPyTorchAutograd(String name) {
        TestModels m = TestModels.committed(name);
        Graph graph = OnnxImporter.read(m.onnx());
        List<String> layers = m.layers();
        LayerPass pass = graph.backward(m.input(), m.target(), layers);
        assertThat(relErr(pass.inputGradient(), m.npy("grad"))).as("input gradient").isLessThan(1e-4);
        double worst = 0;
        for (int k = 0; k < layers.size(); k++) {
            String layer = layers.get(k);
            assertThat(relErr(pass.activation(layer), m.npy("act_" + k))).as("activation of %s", layer).isLessThan(1e-4);
            assertThat(relErr(pass.gradient(layer), m.npy("lgrad_" + k))).as("gradient at %s", layer).isLessThan(1e-4);
            worst = Math.max(worst, relErr(pass.gradient(layer), m.npy("lgrad_" + k)));
        }
        System.out.printf("ACCURACY %s input gradient vs PyTorch %.2g, named-layer gradients vs PyTorch %.2g%n", name,
                relErr(pass.inputGradient(), m.npy("grad")), worst);
    }

    @ParameterizedTest
    @MethodSource("models")
    void doublePrecisionGradientsEqualFiniteDifferences(String name) {
        TestModels m = TestModels.committed(name);
        Graph graph = OnnxImporter.read(m.onnx()).castTo(DataType.DOUBLE);
        INDArray x = m.input().castTo(DataType.DOUBLE);
        var target = m.target();
        Gradients g = graph.gradients(x, target);
        INDArray flat = x.dup().reshape(x.length());
        int[] coords = org.xai4j.core.util.Rng.seeded(name.hashCode()).permutation((int) x.length());
        // 1e-4: the summed segmentation score is large next to its gradient, so smaller steps drown in round-off.
        double eps = 1e-4;
        double maxDiff = 0;
        double maxRef = 0;
        INDArray grad = g.inputGradient().reshape(x.length());
        for (int k = 0; k < 40; k++) {
            int j = coords[k];
            double v = flat.getDouble(j);
            flat.putScalar(j, v + eps);
            double plus = target.scores(graph.predict(flat.reshape(x.shape()))).sumNumber().doubleValue();
            flat.putScalar(j, v - eps);
            double minus = target.scores(graph.predict(flat.reshape(x.shape()))).sumNumber().doubleValue();
            flat.putScalar(j, v);
            double numeric = (plus - minus) / (2 * eps);
            maxDiff = Math.max(maxDiff, Math.abs(numeric - grad.getDouble(j)));
            maxRef = Math.max(maxRef, Math.abs(numeric));
        }
        assertThat(maxDiff / maxRef).as("%s: input gradient vs central differences at 40 coordinates", name)
                .isLessThan(1e-6);
        // The double graph also matches the double-precision PyTorch reference.
        assertThat(relErr(g.inputGradient(), m.npy("grad"))).isLessThan(1e-5);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"handmade_typed_op12", "handmade_op18"})
    void handWrittenModelsWithTypedFieldsAndOpset18Forms(String name) {
        TestModels m = TestModels.committed(name);
        Graph graph = OnnxImporter.read(m.onnx());
        INDArray x = m.input();
        INDArray ours = graph.predict(x);
        try (OnnxRuntimeModel ort = OnnxRuntimeModel.load(m.onnx())) {
            assertThat(relErr(ours, ort.predict(x))).as("graph vs ONNX Runtime").isLessThan(1e-5);
        }
        assertThat(relErr(ours, m.npy("out"))).as("graph vs numpy").isLessThan(1e-5);
        // Folded away: the Constant node, the Identity of an initializer.
        assertThat(graph.layerNames()).noneMatch(n -> n.startsWith("Constant") || n.startsWith("Identity"));
    }

    @Test
    void namesComeFromTheSourceModel() {
        Graph g = OnnxImporter.read(TestModels.committed("small_cnn_op13").onnx());
        // Batch norm is kept as its own node (exported with TrainingMode.PRESERVE), shape arithmetic is folded.
        assertThat(g.layerNames()).contains("/conv1/Conv", "/bn1/BatchNormalization", "/relu1/Relu", "/fc2/Gemm")
                .noneMatch(n -> n.contains("Shape") || n.contains("Gather") || n.contains("Unsqueeze")
                        || n.contains("Constant"));
        assertThat(g.node("/bn1/BatchNormalization")).isInstanceOf(BatchNormNode.class);
        assertThat(g.node("/Reshape").opType()).isEqualTo("Reshape");
        Graph r = OnnxImporter.read(TestModels.committed("resnet_mini_op13").onnx());
        // Value names work too, including PyTorch's onnx::Conv_NN initializer-style names.
        String conv = r.layerNames().get(0);
        String value = r.node(conv).output();
        assertThat(r.node(value).name()).isEqualTo(conv);
        assertThat(r.nodes().stream().flatMap(n -> n.inputs().stream()).toList()).isNotEmpty();
        assertThatThrownBy(() -> r.forward(TestModels.committed("resnet_mini_op13").input(), List.of("/layer1/layer1.0/relu1/Relu")))
                .isInstanceOf(UnknownLayerException.class).hasMessageContaining("/layer1/layer1.0/relu_1/Relu");
        assertThat(r.inputShape()).containsExactly(-1, 3, 32, 32);
    }

    @Test
    void unsupportedOperationsAreAllListedInOneError() {
        Path p = TestModels.resources().resolve("unsupported_op13.onnx");
        assertThatThrownBy(() -> OnnxImporter.read(p))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("unsupported op types: Elu, InstanceNormalization")
                .hasMessageContaining("InstanceNormalization (node '/norm/InstanceNormalization')")
                .hasMessageContaining("Elu (node '/Elu')");
    }

    @Test
    void malformedFilesFailClearly(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.onnx");
        Files.write(junk, new byte[] {8, 7, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4, 5});
        assertThatThrownBy(() -> OnnxImporter.read(junk)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("junk.onnx").hasMessageContaining("not a valid ONNX model");
        byte[] good = Files.readAllBytes(TestModels.committed("small_cnn_op13").onnx());
        Path cut = dir.resolve("cut.onnx");
        Files.write(cut, java.util.Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> OnnxImporter.read(cut)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("cut.onnx");
        Path text = dir.resolve("text.onnx");
        Files.writeString(text, "this is not protobuf at all");
        assertThatThrownBy(() -> OnnxImporter.read(text)).isInstanceOf(ModelFormatException.class);
        assertThatThrownBy(() -> OnnxImporter.read(dir.resolve("missing.onnx"))).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("missing.onnx");
    }
}
