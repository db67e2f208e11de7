package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.Attribution;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.models.io.Npy;
import org.xai4j.models.onnx.OnnxImportOptions;
import org.xai4j.models.onnx.OnnxImporter;
import org.xai4j.attribution.gradient.IntegratedGradients;
import org.xai4j.attribution.gradient.IntegratedGradientsConfig;
import org.xai4j.attribution.layer.LayerIntegratedGradients;
import org.xai4j.attribution.layer.LayerIntegratedGradientsConfig;

/**
 * The axioms on a trained model: the CLI demo's Fashion-MNIST CNN (conv–BN–ReLU–max-pool ×2, two dense
 * layers; test accuracy 0.893), read in double precision, explained on real test images for their labels.
 * IG's completeness at 512 Gauss–Legendre steps against the 1e-3 target, and layer IG on the explanation
 * graph (forward with the layer replaced, backward to it): its attributions at a layer every path crosses
 * sum to f(x) − f(x') as well.
 */
class IntegratedGradientsOnTrainedModelTest {
    private static final Path DEMO = Path.of("../xai-cli/src/main/resources/org/xai4j/cli/demo");

    private static Graph model() throws Exception {
        byte[] bytes = java.nio.file.Files.readAllBytes(DEMO.resolve("fashion-cnn.onnx"));
        return OnnxImporter.read(bytes, "fashion-cnn", OnnxImportOptions.builder().dataType(DataType.DOUBLE).build());
    }

    private static INDArray images(int n) {
        return Npy.read(DEMO.resolve("fashion-test-images.npy")).get(NDArrayIndex.interval(0, n)).castTo(DataType.DOUBLE);
    }

    private static Target labels(int n) {
        INDArray l = Npy.read(DEMO.resolve("fashion-test-labels.npy"));
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = l.getInt(i);
        }
        return Target.perRow(c);
    }

    private static double worstRelativeGap(Attribution a, INDArray fx, INDArray fb) {
        double worst = 0;
        for (int i = 0; i < fx.length(); i++) {
            double gap = fx.getDouble(i) - fb.getDouble(i);
            double sum = a.row(i).sumNumber().doubleValue();
            assertThat(a.convergenceDelta().orElseThrow().getDouble(i))
                    .isCloseTo(sum - gap, org.assertj.core.data.Offset.offset(1e-9 * (1 + Math.abs(gap))));
            worst = Math.max(worst, Math.abs(sum - gap) / Math.abs(gap));
        }
        return worst;
    }

    @Test
    void integratedGradientsCompletenessIsBelowOnePerMilleAt512Steps() throws Exception {
        Graph g = model();
        INDArray x = images(8);
        Target t = labels(8);
        INDArray fx = t.scores(g.predict(x));
        INDArray fb = t.scores(g.predict(x.mul(0)));
        Attribution a = new IntegratedGradients(g, IntegratedGradientsConfig.DEFAULTS.withSteps(512)).explain(x, t);
        double worst = worstRelativeGap(a, fx, fb);
        System.out.printf("fashion-cnn (trained), 8 test images: IG 512 Gauss-Legendre steps, worst relative gap %.3e%n",
                worst);
        assertThat(worst).isLessThanOrEqualTo(1e-3);
    }

    @Test
    void layerIntegratedGradientsOnTheGraphAreComplete() throws Exception {
        Graph g = model();
        INDArray x = images(4);
        Target t = labels(4);
        INDArray fx = t.scores(g.predict(x));
        INDArray fb = t.scores(g.predict(x.mul(0)));
        // /MaxPool_1 lies on every path from the input to the output.
        LayerIntegratedGradientsConfig config = new LayerIntegratedGradientsConfig("/MaxPool_1",
                IntegratedGradientsConfig.DEFAULTS.withSteps(512));
        Attribution a = new LayerIntegratedGradients(g, config).explain(x, t);
        assertThat(a.values().shape()).isEqualTo(g.forward(x, java.util.List.of("/MaxPool_1")).activation("/MaxPool_1").shape());
        double worst = worstRelativeGap(a, fx, fb);
        System.out.printf("fashion-cnn (trained): layer IG at /MaxPool_1, 512 steps, worst relative gap %.3e%n", worst);
        assertThat(worst).isLessThanOrEqualTo(1e-3);
    }
}
