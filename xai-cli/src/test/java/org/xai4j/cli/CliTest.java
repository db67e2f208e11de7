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
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Json;
import org.xai4j.models.io.Npy;

/** Every subcommand through {@link Main#run}, on the committed demo model, with its error paths. */
class CliTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path images;
    static INDArray x;
    static INDArray torchLogits;

    record Run(int code, String out, String err) {
    }

    static Run xai(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void files() throws IOException {
        model = dir.resolve("fashion-cnn.onnx");
        Files.write(model, Demo.resource("fashion-cnn.onnx"));
        INDArray all = Npy.read(new java.io.ByteArrayInputStream(Demo.resource("fashion-test-images.npy")));
        x = Batching.rows(all, 0, 3).dup();
        images = dir.resolve("x.npy");
        Npy.write(x, images);
        torchLogits = Batching.rows(Npy.read(new java.io.ByteArrayInputStream(Demo.resource("fashion-test-logits.npy"))), 0, 3).dup();
    }

    @Test
    void predictMatchesPyTorchLogits() {
        Path y = dir.resolve("y.npy");
        Run r = xai("predict", "--model", model.toString(), "--input", images.toString(), "--out", y.toString());
        assertThat(r.code()).as(r.err()).isZero();
        INDArray scores = Npy.read(y);
        assertThat(scores.shape()).containsExactly(3, 10);
        double diff = scores.castTo(DataType.DOUBLE).sub(torchLogits.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertThat(diff).as("graph logits vs PyTorch's").isLessThan(1e-4);
    }

    @Test
    void predictProbabilitiesWithOnnxRuntime() {
        Path y = dir.resolve("p.npy");
        Run r = xai("predict", "--model", model.toString(), "--engine", "onnxruntime", "--input", images.toString(),
                "--out", y.toString(), "--probabilities");
        assertThat(r.code()).as(r.err()).isZero();
        INDArray p = Npy.read(y).castTo(DataType.DOUBLE);
        for (int i = 0; i < 3; i++) {
            assertThat(p.getRow(i).sumNumber().doubleValue()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        }
        // softmax of PyTorch's logits, computed here
        double[] l = torchLogits.getRow(0).castTo(DataType.DOUBLE).toDoubleVector();
        double max = java.util.Arrays.stream(l).max().orElseThrow();
        double z = java.util.Arrays.stream(l).map(v -> Math.exp(v - max)).sum();
        assertThat(p.getDouble(0, 9)).isCloseTo(Math.exp(l[9] - max) / z, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void methodsListsEveryRegisteredMethodWithDefaults() {
        Run r = xai("methods");
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        for (String name : List.of("saliency", "input-x-gradient", "integrated-gradients", "gradient-shap", "smoothgrad",
                "occlusion", "feature-ablation", "lime", "kernel-shap", "shapley-exact", "shapley-sampling", "partition-shap",
                "gradcam", "gradcam-plus-plus", "xgradcam", "hirescam", "layercam", "scorecam", "ablationcam", "eigencam",
                "deeplift", "deeplift-shap", "guided-backprop", "deconvolution", "guided-gradcam", "lrp", "crp")) {
            assertThat(lines).as(name).anyMatch(l -> l.startsWith(name + " "));
        }
        assertThat(lines).anyMatch(l -> l.startsWith("integrated-gradients") && l.contains("steps=50") && l.contains("method=gauss-legendre"));
    }

    @Test
    void layersListsNodesWithShapes() {
        Run r = xai("layers", "--model", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("/conv1/Conv").contains("[1, 16, 28, 28]").contains("/fc2/Gemm").contains("[1, 10]");
    }

    @Test
    void explainWritesNpyAndOverlays() {
        Path out = dir.resolve("ig");
        Run r = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "integrated-gradients",
                "--param", "steps=16", "--param", "method=riemann-trapezoid", "--target-index", "9", "--out", out.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        INDArray ig = Npy.read(out.resolve("integrated-gradients.npy"));
        assertThat(ig.shape()).containsExactly(3, 1, 28, 28);
        assertThat(out.resolve("integrated-gradients-0.png")).exists();
        assertThat(out.resolve("integrated-gradients-2.png")).exists();
        // Completeness, checked against the PyTorch logits: Σ IG ≈ f(x)[9] − f(0)[9] within the 16-step error.
        Path y0 = dir.resolve("zero-logits.npy");
        Path zeros = dir.resolve("zeros.npy");
        Npy.write(Nd4j.zeros(DataType.FLOAT, 1, 1, 28, 28), zeros);
        assertThat(xai("predict", "--model", model.toString(), "--input", zeros.toString(), "--out", y0.toString()).code()).isZero();
        double f0 = Npy.read(y0).getDouble(0, 9);
        for (int i = 0; i < 3; i++) {
            double sum = ig.slice(i).sumNumber().doubleValue();
            double gap = torchLogits.getDouble(i, 9) - f0;
            assertThat(Math.abs(sum - gap)).as("row %d: Σ=%s gap=%s", i, sum, gap).isLessThan(0.1 * Math.abs(gap) + 0.05);
        }
    }

    @Test
    void deepLiftConservesOnTheDemoModelThroughTheCommandLine() {
        // The demo CNN has non-overlapping 2×2 max-pools, where Captum's rule conserves exactly too:
        // Σ DeepLIFT = f(x)[k] − f(0)[k], checked against PyTorch's logits.
        Path out = dir.resolve("deeplift");
        Run r = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "deeplift",
                "--target-index", "9", "--out", out.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        INDArray dl = Npy.read(out.resolve("deeplift.npy"));
        Path zeros = dir.resolve("zeros-dl.npy");
        Path y0 = dir.resolve("zero-logits-dl.npy");
        Npy.write(Nd4j.zeros(DataType.FLOAT, 1, 1, 28, 28), zeros);
        assertThat(xai("predict", "--model", model.toString(), "--input", zeros.toString(), "--out", y0.toString()).code()).isZero();
        double f0 = Npy.read(y0).getDouble(0, 9);
        for (int i = 0; i < 3; i++) {
            double gap = torchLogits.getDouble(i, 9) - f0;
            assertThat(dl.slice(i).sumNumber().doubleValue()).as("row %d", i)
                    .isCloseTo(gap, org.assertj.core.data.Offset.offset(1e-3 * Math.abs(gap) + 1e-3));
        }
        for (String method : List.of("guided-backprop", "deconvolution", "guided-gradcam")) {
            Path o = dir.resolve(method);
            Run g = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", method,
                    "--out", o.toString(), "--quiet");
            assertThat(g.code()).as(method + ": " + g.err()).isZero();
            assertThat(Npy.read(o.resolve(method + ".npy")).shape()).containsExactly(3, 1, 28, 28);
        }
    }

    @Test
    void lrpAndCrpWriteTheirArraysThroughTheCommandLine() {
        org.xai4j.core.graph.Graph g = org.xai4j.models.onnx.OnnxImporter.read(model);
        INDArray x = Npy.read(images);
        for (String composite : org.xai4j.attribution.rules.LrpTables.NAMES) {
            Path out = dir.resolve("lrp-" + composite);
            Run r = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "lrp",
                    "--param", "composite=" + composite, "--param", "low=0", "--param", "high=1", "--target-index", "9",
                    "--out", out.toString(), "--quiet");
            assertThat(r.code()).as(composite + ": " + r.err()).isZero();
            INDArray lrp = Npy.read(out.resolve("lrp.npy"));
            assertThat(lrp.shape()).containsExactly(3, 1, 28, 28);
            INDArray api = new org.xai4j.attribution.lrp.Lrp(g, org.xai4j.attribution.lrp.LrpConfig.DEFAULTS.withComposite(composite)
                    .withBounds(0, 1)).explain(x, org.xai4j.core.target.Target.classIndex(9)).values();
            assertThat(lrp.sub(api).amaxNumber().doubleValue()).as(composite).isLessThanOrEqualTo(
                    1e-6 * api.amaxNumber().doubleValue());
            assertThat(out.resolve("lrp-0.png")).exists();
        }
        Path out = dir.resolve("crp");
        Run r = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "crp",
                "--layer", "/conv2/Conv", "--param", "channels=0,1,2,3", "--param", "composite=epsilon-plus",
                "--target-index", "9", "--out", out.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        INDArray crp = Npy.read(out.resolve("crp.npy"));
        INDArray rel = Npy.read(out.resolve("crp.channel-relevance.npy"));
        assertThat(crp.shape()).containsExactly(3, 4, 1, 28, 28);
        assertThat(rel.shape()[0]).isEqualTo(3);
        assertThat(out.resolve("crp-0-3.png")).exists();

        Run unknown = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "lrp",
                "--param", "composite=epsilon-pluss", "--out", dir.resolve("e").toString(), "--quiet");
        assertThat(unknown.code()).isEqualTo(2); // a bad --param, as for every method's bad settings
        assertThat(unknown.err()).contains("unknown LRP composite 'epsilon-pluss'").contains("epsilon-plus-flat");
        Run bounds = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "lrp",
                "--param", "composite=epsilon-gamma-box", "--param", "low=1", "--param", "high=0",
                "--out", dir.resolve("e").toString(), "--quiet");
        assertThat(bounds.code()).isEqualTo(2);
        assertThat(bounds.err()).contains("low=1.0 > high=0.0");
        // without --layer, CRP conditions on the last convolution block, as the CAMs do
        Run noLayer = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "crp",
                "--out", dir.resolve("crp-default").toString(), "--quiet");
        assertThat(noLayer.code()).as(noLayer.err()).isZero();
        assertThat(Npy.read(dir.resolve("crp-default/crp.npy")).shape()).containsExactly(3, 4, 1, 28, 28);
        Run channel = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "crp",
                "--layer", "/conv2/Conv", "--param", "channels=0,99", "--out", dir.resolve("e").toString(), "--quiet");
        assertThat(channel.code()).isEqualTo(1);
        assertThat(channel.err()).contains("channel 99 is out of range");
    }

    @Test
    void camWritesNormalisedMapsAtInputResolutionOrRawAtLayerResolution() {
        Path out = dir.resolve("cam");
        Run r = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "gradcam",
                "--layer", "/Relu_1", "--out", out.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        INDArray cam = Npy.read(out.resolve("gradcam.npy"));
        assertThat(cam.shape()).containsExactly(3, 28, 28);
        for (int i = 0; i < 3; i++) {
            assertThat(cam.slice(i).minNumber().doubleValue()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(cam.slice(i).maxNumber().doubleValue()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        }
        Path raw = dir.resolve("cam-raw");
        r = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "gradcam",
                "--layer", "/Relu_1_output_0", "--param", "resolution=layer", "--out", raw.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Npy.read(raw.resolve("gradcam.npy")).shape()).containsExactly(3, 14, 14);
    }

    @Test
    void perFeatureMethodsWriteEachElementItsFeatureValue() {
        Path out = dir.resolve("shap");
        Path t = dir.resolve("t.npy");
        Npy.write(Nd4j.createFromArray(9L, 2L, 1L), t);
        Run r = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "shapley-exact",
                "--param", "grid=2", "--target", t.toString(), "--out", out.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        INDArray v = Npy.read(out.resolve("shapley-exact.npy"));
        assertThat(v.shape()).containsExactly(3, 1, 28, 28);
        // 2×2 grid: every 14×14 quadrant holds one value.
        for (int i = 0; i < 3; i++) {
            INDArray q = v.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i), org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 14), org.nd4j.linalg.indexing.NDArrayIndex.interval(14, 28));
            assertThat(q.maxNumber().doubleValue()).isEqualTo(q.minNumber().doubleValue());
        }
    }

    @Test
    void similarityWritesOneValuePerRow() throws IOException {
        Path a = dir.resolve("a.npy");
        Path b = dir.resolve("b.npy");
        Npy.write(Nd4j.create(new double[][] {{1, 2, 3, 4}, {1, 0, 0, 1}}), a);
        Npy.write(Nd4j.create(new double[][] {{2, 4, 6, 8.5}, {0, 1, 1, 0}}), b);
        Path res = dir.resolve("r.json");
        Run r = xai("similarity", "--a", a.toString(), "--b", b.toString(), "--metric", "pearson", "--out", res.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Object> json = Json.readObject(Files.readString(res));
        assertThat(json.get("metric")).isEqualTo("pearson");
        List<?> values = (List<?>) json.get("values");
        assertThat(values).hasSize(2);
        // row 1 is perfectly anti-correlated; row 0 by hand: r = 0.99745...
        assertThat(((Number) values.get(1)).doubleValue()).isCloseTo(-1.0, org.assertj.core.data.Offset.offset(1e-12));
        double[] p = {1, 2, 3, 4};
        double[] q = {2, 4, 6, 8.5};
        double mp = 2.5;
        double mq = 5.125;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < 4; i++) {
            sxy += (p[i] - mp) * (q[i] - mq);
            sxx += (p[i] - mp) * (p[i] - mp);
            syy += (q[i] - mq) * (q[i] - mq);
        }
        assertThat(((Number) values.get(0)).doubleValue()).isCloseTo(sxy / Math.sqrt(sxx * syy), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void errorsAreOneLineWithExitCodeTwoForBadArguments() {
        Run missing = xai("predict", "--model", dir.resolve("nope.onnx").toString(), "--input", images.toString(), "--out", "y.npy");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("model file not found").contains("nope.onnx");
        assertThat(missing.err().lines().count()).isEqualTo(1);

        Run method = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "gradcm",
                "--out", dir.resolve("e").toString());
        assertThat(method.code()).isEqualTo(2);
        assertThat(method.err()).contains("unknown method 'gradcm'").contains("gradcam");

        Run layer = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "gradcam",
                "--layer", "/Relu_9", "--out", dir.resolve("e").toString(), "--quiet");
        assertThat(layer.code()).isEqualTo(2);
        assertThat(layer.err()).contains("unknown layer '/Relu_9'").contains("/Relu_1");

        Run param = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "saliency",
                "--param", "stepz=3", "--out", dir.resolve("e").toString(), "--quiet");
        assertThat(param.code()).isEqualTo(2);
        assertThat(param.err()).contains("unknown parameter 'stepz'").contains("valid: abs");

        Run value = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "integrated-gradients",
                "--param", "method=simpson", "--out", dir.resolve("e").toString(), "--quiet");
        assertThat(value.code()).isEqualTo(2);
        assertThat(value.err()).contains("simpson").contains("gauss-legendre").contains("riemann-left");

        Run malformed = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "saliency",
                "--param", "abs", "--out", dir.resolve("e").toString());
        assertThat(malformed.code()).isEqualTo(2);
        assertThat(malformed.err()).contains("key=value");

        Run noOption = xai("predict", "--model", model.toString());
        assertThat(noOption.code()).isEqualTo(2);
        assertThat(noOption.err()).contains("--input");

        Run gradientsOnOrt = xai("explain", "--model", model.toString(), "--engine", "onnxruntime", "--input", images.toString(),
                "--method", "saliency", "--out", dir.resolve("e").toString());
        assertThat(gradientsOnOrt.code()).isEqualTo(2);
        assertThat(gradientsOnOrt.err()).contains("needs gradients");
    }

    @Test
    void failuresWhileWorkingExitWithOne() throws IOException {
        Path bad = dir.resolve("nan.npy");
        INDArray withNaN = x.dup();
        withNaN.putScalar(5, Double.NaN);
        Npy.write(withNaN, bad);
        Run r = xai("predict", "--model", model.toString(), "--input", bad.toString(), "--out", dir.resolve("y2.npy").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("xai: error: ").contains("NaN");
        Path garbage = dir.resolve("garbage.onnx");
        Files.write(garbage, new byte[] {1, 2, 3, 4, 5});
        Run g = xai("layers", "--model", garbage.toString());
        assertThat(g.code()).isEqualTo(1);
        assertThat(g.err()).startsWith("xai: error: ");
    }

    @Test
    void npyRoundTripThroughTheCommandLine() {
        Path out = dir.resolve("sal");
        Run r = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "saliency",
                "--param", "abs=false", "--target-index", "3", "--out", out.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        INDArray fromFile = Npy.read(out.resolve("saliency.npy"));
        var saliency = new org.xai4j.attribution.gradient.Saliency(org.xai4j.models.onnx.OnnxImporter.read(model),
                org.xai4j.attribution.gradient.SaliencyConfig.DEFAULTS.withAbs(false));
        // The command explains row by row; so does this, for a bit-for-bit comparison of what the file holds.
        INDArray direct = Nd4j.concat(0, saliency.explain(Batching.rows(x, 0, 1), org.xai4j.core.target.Target.classIndex(3)).values(),
                saliency.explain(Batching.rows(x, 1, 2), org.xai4j.core.target.Target.classIndex(3)).values(),
                saliency.explain(Batching.rows(x, 2, 3), org.xai4j.core.target.Target.classIndex(3)).values());
        assertThat(fromFile.dataType()).isEqualTo(direct.dataType());
        assertThat(java.util.Arrays.equals(fromFile.data().asFloat(), direct.dup('c').data().asFloat()))
                .as("values read back from saliency.npy equal the in-process result bit for bit").isTrue();
    }

    @Test
    void demoWritesPngsAndTheReport() throws IOException {
        Path out = dir.resolve("demo");
        Run r = xai("demo", "--out", out.toString(), "--images", "2", "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("Grad-CAM").contains("Integrated Gradients").contains("LIME").contains("KernelSHAP")
                .contains("Occlusion").contains("data:image/png;base64,");
        try (var files = Files.list(out)) {
            assertThat(files.filter(f -> f.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(8);
        }
        // timed after a warm-up call, a colour bar per map kind, per-map scales, the explained class, the metrics table
        assertThat(html).contains("measured after one untimed warm-up call per method")
                .contains("signed maps, each scaled to its own").contains("CAMs, each scaled to its own")
                .contains("the predicted class of each image").contains("<h2>Faithfulness and sanity</h2>")
                .contains("<th>deletion AUC (lower is better)</th>").contains("<th>insertion AUC (higher is better)</th>")
                .contains("<th>random-logit similarity (lower is better)</th>").contains("<td>Grad-CAM</td>");
    }

    @Test
    void demoExplainsTheChosenClassOnASharedScale() throws IOException {
        Path out = dir.resolve("demo-trouser");
        Run r = xai("demo", "--out", out.toString(), "--images", "1", "--quiet", "--class", "trouser", "--shared-scale");
        assertThat(r.code()).as(r.err()).isZero();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("explains Trouser").doesNotContain("explains T-shirt")
                .contains("Trouser (class 1) for every image")
                .contains("signed maps, one scale for all methods").contains("CAMs, one scale for all CAM methods");
        Run bad = xai("demo", "--out", out.toString(), "--images", "1", "--quiet", "--class", "hat");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--class must be").contains("'hat'");
    }

    @Test
    void usageAndVersion() {
        assertThat(xai().code()).isEqualTo(2);
        Run v = xai("--version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).contains("xai4j 0.1.0-SNAPSHOT");
        assertThat(xai("explain", "--help").out()).contains("--method").contains("--param");
    }
}
