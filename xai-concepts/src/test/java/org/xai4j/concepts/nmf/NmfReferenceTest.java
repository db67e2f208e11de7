package org.xai4j.concepts.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.util.Json;
import org.xai4j.models.io.Npy;
import org.xai4j.models.onnx.OnnxImportOptions;
import org.xai4j.models.onnx.OnnxImporter;

/**
 * NMF against scikit-learn 1.2.1 ({@code NMF(solver='cd')} and its private solver for the penalised case) and
 * SciPy's {@code nnls}: values made by {@code src/test/python/nmf_reference.py}.
 */
class NmfReferenceTest {
    static final Path DIR = Path.of("src/test/resources/org/xai4j/concepts/nmf");
    static final Path DEMO = Path.of("../xai-cli/src/main/resources/org/xai4j/cli/demo");

    @SuppressWarnings("unchecked")
    static Map<String, Object> reference() throws Exception {
        return (Map<String, Object>) (Map<?, ?>) Json.readObject(Files.readString(DIR.resolve("reference.json")));
    }

    static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    @SuppressWarnings("unchecked")
    private void agreesWithScikitLearn(String name, NmfConfig config) throws Exception {
        Map<String, Object> ref = (Map<String, Object>) ((Map<String, Object>) reference().get("cases")).get(name);
        INDArray x = Npy.read(DIR.resolve("small-x.npy"));
        INDArray w = Npy.read(DIR.resolve("small-" + name + "-w.npy"));
        INDArray h = Npy.read(DIR.resolve("small-" + name + "-h.npy"));
        // blocks of 7 rows: the streamed passes must give scikit-learn's whole-matrix iterates
        NmfResult r = new Nmf(config).fit(RowBlocks.of(x, 7, "small-x"));
        double dw = maxAbsDiff(r.scoreMatrix(), w) / w.amaxNumber().doubleValue();
        double dh = maxAbsDiff(r.componentMatrix(), h) / h.amaxNumber().doubleValue();
        double err = ((Number) ref.get("reconstruction_err")).doubleValue();
        System.out.printf("NMF vs scikit-learn, %s: iterations %d vs %s, |S-W|max/|W|max %.2e, |P-H|max/|H|max %.2e,"
                + " error %.15f vs %.15f%n", name, r.iterations(), ref.get("n_iter"), dw, dh, r.residualNorm(), err);
        assertThat(r.iterations()).isEqualTo(((Number) ref.get("n_iter")).intValue());
        assertThat(dw).isLessThan(1e-9);
        assertThat(dh).isLessThan(1e-9);
        assertThat(Math.abs(r.residualNorm() - err) / err).isLessThan(1e-10);
    }

    @Test
    void nndsvdMatchesScikitLearn() throws Exception {
        agreesWithScikitLearn("nndsvd", NmfConfig.DEFAULTS.withComponents(4));
    }

    @Test
    void nndsvdaMatchesScikitLearn() throws Exception {
        agreesWithScikitLearn("nndsvda", NmfConfig.DEFAULTS.withComponents(4).withInit(NmfInit.NNDSVDA));
    }

    @Test
    void penalisedFitMatchesScikitLearnsSolver() throws Exception {
        agreesWithScikitLearn("penalised", NmfConfig.DEFAULTS.withComponents(4).withL1(0.05).withL2(0.1));
    }

    @Test
    void transformMatchesScipyNnls() {
        INDArray p = Npy.read(DIR.resolve("nnls-p.npy"));
        INDArray x = Npy.read(DIR.resolve("nnls-x.npy"));
        INDArray s = Npy.read(DIR.resolve("nnls-s.npy"));
        INDArray mine = Nmf.transform(RowBlocks.of(x, 6, "nnls-x"), p, 0, 0);
        double d = maxAbsDiff(mine, s);
        System.out.printf("NNLS vs scipy.optimize.nnls, 20 rows, K=4, C=10: max |diff| %.2e (max |s| %.3f)%n", d,
                s.amaxNumber().doubleValue());
        assertThat(d).isLessThan(1e-10);
        assertThat(mine.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        // some rows must have active constraints, or the test would not exercise the non-negativity
        assertThat(s.eq(0).castTo(DataType.INT32).sumNumber().intValue()).isGreaterThan(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void realLayerActivationsWithinTwoPercentOfScikitLearnsBestInit() throws Exception {
        Map<String, Object> real = (Map<String, Object>) reference().get("real");
        Graph g = OnnxImporter.read(Files.readAllBytes(DEMO.resolve("fashion-cnn.onnx")), "fashion-cnn",
                OnnxImportOptions.builder().dataType(DataType.DOUBLE).build());
        INDArray images = Npy.read(DEMO.resolve("fashion-test-images.npy")).get(NDArrayIndex.interval(0, 16))
                .castTo(DataType.DOUBLE);
        INDArray a = g.activations(images, List.of("/Relu_1")).get("/Relu_1");
        INDArray v = a.permute(0, 2, 3, 1).dup('c').reshape(a.size(0) * a.size(2) * a.size(3), a.size(1));
        assertThat(v.sumNumber().doubleValue()).isCloseTo(((Number) real.get("sum")).doubleValue(),
                org.assertj.core.data.Percentage.withPercentage(1e-6));
        NmfResult r = new Nmf(NmfConfig.DEFAULTS.withComponents(8).withMaxIterations(1000))
                .fit(RowBlocks.of(v, 500, "layer /Relu_1"));
        double best = ((Number) real.get("best_relative_err")).doubleValue();
        System.out.printf("NMF on /Relu_1 activations (3136 × 32, K=8): relative error %.6f in %d iterations,"
                + " scikit-learn best of 4 inits %.6f (ratio %.5f)%n", r.relativeError(), r.iterations(), best,
                r.relativeError() / best);
        assertThat(r.relativeError()).isLessThanOrEqualTo(1.02 * best);
        assertThat(r.scoreMatrix().minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(r.componentMatrix().minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
    }
}
