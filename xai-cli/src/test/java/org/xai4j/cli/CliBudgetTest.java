package org.xai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.Batching;
import org.xai4j.models.io.Npy;
import org.xai4j.cli.CliSafetyTest.Run;

/**
 * Issue 21: {@code integrated-gradients --param steps=100000000} on one image held 1.7 GB and ran for hours with no
 * warning. It is now refused before any work, naming the count, the budget and the parameter to lower.
 */
class CliBudgetTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path images;

    @BeforeAll
    static void files() throws IOException {
        model = dir.resolve("fashion-cnn.onnx");
        Files.write(model, Demo.resource("fashion-cnn.onnx"));
        INDArray all = Npy.read(new java.io.ByteArrayInputStream(Demo.resource("fashion-test-images.npy")));
        images = dir.resolve("x.npy");
        Npy.write(Batching.rows(all, 0, 2).dup(), images);
    }
    @Test
    void aHundredMillionStepsAreRefusedAtOnceNamingSteps() throws IOException {
        Path out = dir.resolve("budget-out");
        Run r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliSafetyTest.xai("explain", "--model",
                model.toString(), "--input", images.toString(), "--target-index", "0", "--method",
                "integrated-gradients", "--param", "steps=100000000", "--out", out.toString(), "--quiet"));
        assertThat(r.code()).as(r.err()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("integrated-gradients would send 200,000,004 rows through the model")
                .contains("above the budget of 1,000,000 model passes; lower steps").doesNotContain("Exception");
        assertThat(out.resolve("integrated-gradients.npy")).doesNotExist();
    }

    @Test
    void verbosePrintsThePlan() throws IOException {
        Run r = CliSafetyTest.xai("explain", "--model", model.toString(), "--input", images.toString(),
                "--target-index", "0", "--method", "integrated-gradients", "--param", "steps=8", "--out",
                dir.resolve("verbose-out").toString(), "--quiet", "--verbose");
        assertThat(r.code()).as(r.err()).isEqualTo(Main.OK);
        assertThat(r.err()).contains("integrated-gradients: 20 model passes (steps=8 path points + 2 forwards, × 2 input"
                + " rows); budget 1,000,000 (-Dxai4j.maxPasses)");
        assertThat(Files.exists(dir.resolve("verbose-out/integrated-gradients.npy"))).isTrue();
    }

    @Test
    void theProgressBarCountsModelPassesAgainstThePlan() {
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream barBytes = new java.io.ByteArrayOutputStream();
        Run r;
        System.setErr(new java.io.PrintStream(barBytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            r = CliSafetyTest.xai("explain", "--model", model.toString(), "--input", images.toString(),
                "--target-index", "0", "--method", "integrated-gradients", "--param", "steps=8", "--out",
                dir.resolve("bar-out").toString());
        } finally {
            System.setErr(stderr);
        }
        assertThat(r.code()).as(r.err()).isEqualTo(Main.OK);
        String bar = barBytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(bar).as("the bar: 2 rows × (8 steps + 2 forwards)").contains("20/20").doesNotContain("2/2 ");
    }

    @Test
    void everyMethodStatesItsPlanAndABudgetBelowItIsRefusedBeforeTheWork() throws IOException {
        Path out = dir.resolve("saliency-budget-out");
        String old = System.getProperty(org.xai4j.core.run.Limits.MAX_PASSES_PROPERTY);
        System.setProperty(org.xai4j.core.run.Limits.MAX_PASSES_PROPERTY, "1");
        Run r;
        try {
            r = CliSafetyTest.xai("explain", "--model", model.toString(), "--input", images.toString(),
                    "--target-index", "0", "--method", "saliency", "--out", out.toString(), "--quiet");
        } finally {
            if (old == null) {
                System.clearProperty(org.xai4j.core.run.Limits.MAX_PASSES_PROPERTY);
            } else {
                System.setProperty(org.xai4j.core.run.Limits.MAX_PASSES_PROPERTY, old);
            }
        }
        assertThat(r.code()).as(r.err()).isEqualTo(Main.USAGE);
        // 2 images × 1 gradient pass (the pass resolves the class target itself)
        assertThat(r.err()).contains("saliency would send 2 rows through the model")
                .contains("above the budget of 1 model passes; lower the input's rows");
        assertThat(out.resolve("saliency.npy")).doesNotExist();
    }

    @Test
    void methodsSaysWhatEachMethodCostsAndWhatAutomaticValuesMean() {
        for (MethodEntry e : MethodCatalog.all()) {
            Run r = CliSafetyTest.xai("methods", e.name());
            assertThat(r.code()).as(r.err()).isEqualTo(Main.OK);
            assertThat(r.out()).as(e.name()).containsPattern("model passes +[N0-9]")
                    .doesNotContain("counted as they happen");
        }
        assertThat(CliSafetyTest.xai("methods", "kernel-shap").out())
                .contains("0 means shap's auto, 2F + 2048").contains("0 meaning 2·F + 2048");
    }
}
