package org.xai4j.concepts.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.concepts.nmf.NmfResult;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.models.io.Npy;
import org.xai4j.models.onnx.OnnxImportOptions;
import org.xai4j.models.onnx.OnnxImporter;

/**
 * ICE on a trained CNN: the CLI demo's Fashion-MNIST model (test accuracy 0.893) at its second ReLU (/Relu_1,
 * 32 × 14 × 14), concepts fitted on the first 128 demo test images and measured on the other 128.
 */
class IceOnTrainedCnnTest {
    static final Path DEMO = Path.of("../xai-cli/src/main/resources/org/xai4j/cli/demo");
    static Graph model;
    static INDArray images;
    static int[] labels;

    @BeforeAll
    static void load() throws Exception {
        model = OnnxImporter.read(Files.readAllBytes(DEMO.resolve("fashion-cnn.onnx")), "fashion-cnn",
                OnnxImportOptions.builder().dataType(DataType.DOUBLE).build());
        images = Npy.read(DEMO.resolve("fashion-test-images.npy")).castTo(DataType.DOUBLE);
        INDArray l = Npy.read(DEMO.resolve("fashion-test-labels.npy"));
        labels = new int[(int) l.length()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = l.getInt(i);
        }
    }

    static INDArray rows(int from, int to) {
        return images.get(NDArrayIndex.interval(from, to));
    }

    @Test
    void agreementRisesWithTheNumberOfConcepts() {
        curve(64, 1, 16);
    }

    /** The whole curve, K = 1 … 32 = C, fitted on 128 images and measured on 128 others. */
    @Test
    @Tag("slow")
    void fullFidelityCurve() {
        curve(128, 1, 2, 4, 8, 16, 32);
    }

    private static void curve(int half, int... ks) {
        IceConfig cfg = IceConfig.of("/Relu_1", 1).withBatch(BatchPolicy.ofRows(64));
        int[] evalLabels = java.util.Arrays.copyOfRange(labels, half, 2 * half);
        List<IceFidelity.Point> curve = IceFidelity.curve(model, cfg, rows(0, half), rows(half, 2 * half), evalLabels, ks);
        for (IceFidelity.Point p : curve) {
            System.out.printf("ICE /Relu_1, fit on %d, measured on %d: K=%2d: fit error %.4f, held-out error %.4f,"
                            + " agreement %.4f, accuracy %.4f (original %.4f)%n", half, half, p.components(), p.fitError(),
                    p.fidelity().relativeError(), p.fidelity().agreement(), p.fidelity().accuracy(),
                    p.fidelity().originalAccuracy());
        }
        for (int i = 1; i < curve.size(); i++) {
            assertThat(curve.get(i).fitError()).isLessThan(curve.get(i - 1).fitError());
            assertThat(curve.get(i).fidelity().agreement()).isGreaterThan(curve.get(i - 1).fidelity().agreement());
        }
        assertThat(curve.get(curve.size() - 1).fidelity().agreement()).isGreaterThanOrEqualTo(0.9);
        int chosen = IceFidelity.chooseComponents(curve, 0.9);
        System.out.println("smallest K with agreement >= 0.9: " + chosen);
        assertThat(curve.stream().filter(p -> p.components() == chosen).findFirst().orElseThrow().fidelity().agreement())
                .isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void explainingTheFittingImagesWithFixedDirectionsReproducesS() {
        IceConfig cfg = IceConfig.of("/Relu_1", 6).withBatch(BatchPolicy.ofRows(16))
                .withNmf(IceConfig.DEFAULTS.nmf().withComponents(6).withTolerance(1e-8).withMaxIterations(5000));
        INDArray x = rows(0, 32);
        IceConcepts concepts = Ice.fit(model, cfg, x);
        IceExplanation e = new Ice(model, concepts).explain(x, Target.predicted());
        NmfResult fit = concepts.fit();
        // S of the fit, (N·h·w) × K, against the explanation's maps N × K × h × w
        INDArray s = fit.scoreMatrix().reshape(32, 14, 14, 6).permute(0, 3, 1, 2);
        double scale = s.amaxNumber().doubleValue();
        double diff = e.maps().sub(s).amaxNumber().doubleValue() / scale;
        double scoreDiff = e.scores().sub(concepts.fitScores()).amaxNumber().doubleValue() / scale;
        System.out.printf("ICE K=6 on 32 images, %d iterations, fit error %.4f: max |maps - S| / max S = %.2e,"
                + " scores %.2e%n", fit.iterations(), concepts.relativeError(), diff, scoreDiff);
        assertThat(diff).isLessThan(1e-4);
        assertThat(scoreDiff).isLessThan(1e-4);
        assertThat(e.heatmaps().shape()).containsExactly(32, 6, 28, 28);
        assertThat(e.maps().minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
    }
}
