package org.xai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.util.Batching;
import org.xai4j.models.io.Npy;

/**
 * Issue 21's data-safety defects, each reproduced as a user met it: an output that would replace an input, and
 * class targets that were silently rounded, truncated or overflowed.
 */
class CliSafetyTest {
    @TempDir
    static Path dir;
    static Path model;
    static byte[] imageBytes;

    record Run(int code, String out, String err) {
    }

    static Run xai(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void files() throws IOException {
        model = dir.resolve("fashion-cnn.onnx");
        Files.write(model, Demo.resource("fashion-cnn.onnx"));
        INDArray all = Npy.read(new java.io.ByteArrayInputStream(Demo.resource("fashion-test-images.npy")));
        Path first = dir.resolve("x.npy");
        Npy.write(Batching.rows(all, 0, 2).dup(), first);
        imageBytes = Files.readAllBytes(first);
    }

    /** A fresh copy of the two input images, so that a test that fails by overwriting it harms no other. */
    static Path images(String name) throws IOException {
        Path p = dir.resolve(name + ".npy");
        Files.write(p, imageBytes);
        return p;
    }

    @Test
    void predictRefusesToWriteItsScoresOverItsInput() throws IOException {
        Path images = images("predict-self");
        Run r = xai("predict", "--model", model.toString(), "--input", images.toString(), "--out", images.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--out").contains("--input").contains(images.getFileName().toString())
                .doesNotContain("Exception");
        assertThat(Files.readAllBytes(images)).as("the input is untouched").isEqualTo(imageBytes);
    }

    @Test
    void theSameFileSpelledDifferentlyIsStillTheInput() throws IOException {
        Path images = images("spelled");
        Path other = dir.resolve("sub/../spelled.npy");
        Files.createDirectories(dir.resolve("sub"));
        Run r = xai("predict", "--model", model.toString(), "--input", images.toString(), "--out", other.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(Main.USAGE);
        Path link = dir.resolve("link.npy");
        Files.createSymbolicLink(link, images);
        r = xai("predict", "--model", model.toString(), "--input", link.toString(), "--out", images.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(Main.USAGE);
        assertThat(Files.readAllBytes(images)).isEqualTo(imageBytes);
    }

    @Test
    void explainRefusesAnOutputFolderHoldingItsInputUnderTheMapsName() throws IOException {
        Path out = dir.resolve("run");
        Files.createDirectories(out);
        Path input = out.resolve("saliency.npy");
        Files.write(input, imageBytes);
        Run r = xai("explain", "--model", model.toString(), "--input", input.toString(), "--method", "saliency",
                "--out", out.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("saliency.npy").contains("--input");
        assertThat(Files.readAllBytes(input)).isEqualTo(imageBytes);
    }

    @Test
    void anOutputFolderThatIsAnExistingFileIsRefusedBeforeAnyWork() throws IOException {
        Path input = images("out-is-input");
        Run explain = xai("explain", "--model", model.toString(), "--input", input.toString(), "--method", "saliency",
                "--out", input.toString(), "--quiet");
        assertThat(explain.code()).as(explain.err()).isEqualTo(Main.USAGE);
        assertThat(explain.err()).contains("--out " + input).contains("is a file");
        Run ice = xai("concepts", "ice", "--model", model.toString(), "--input", input.toString(), "--layer", "/Relu_1",
                "--concepts", "2", "--out", input.toString());
        assertThat(ice.code()).as(ice.err()).isEqualTo(Main.USAGE);
        assertThat(ice.err()).contains("--out " + input).contains("is a file").doesNotContain("FileAlreadyExistsException");
        assertThat(Files.readAllBytes(input)).isEqualTo(imageBytes);
        Run none = xai("concepts", "ice", "--model", model.toString(), "--input", input.toString(), "--layer", "/Relu_1",
                "--concepts", "0", "--out", dir.resolve("ice-0").toString());
        assertThat(none.code()).as(none.err()).isEqualTo(Main.USAGE);
        assertThat(none.err()).contains("--concepts").contains("0");
    }

    @Test
    void explainAlsoProtectsTheTargetFile() throws IOException {
        Path images = images("protect-target");
        Path out = dir.resolve("run-t");
        Files.createDirectories(out);
        Path t = out.resolve("saliency.npy");
        Npy.write(Nd4j.createFromArray(1L, 2L), t);
        byte[] before = Files.readAllBytes(t);
        Run r = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "saliency",
                "--target", t.toString(), "--out", out.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--target");
        assertThat(Files.readAllBytes(t)).isEqualTo(before);
    }

    @Test
    void fractionalTargetsAreRefusedWithFileRowAndValue() {
        Path t = dir.resolve("t-frac.npy");
        Npy.write(Nd4j.createFromArray(1.5, 2.0), t);
        Run r = explainWithTarget(t, "frac");
        assertThat(r.code()).as(r.err()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("t-frac.npy").contains("row 0").contains("1.5");
    }

    @Test
    void wholeNumbersStoredAsFloatsAreAccepted() {
        Path t = dir.resolve("t-float.npy");
        Npy.write(Nd4j.createFromArray(1.0f, 2.0f), t);
        Run r = explainWithTarget(t, "float");
        assertThat(r.code()).as(r.err()).isZero();
        // and read as the classes 1 and 2: the same saliency as integer targets 1, 2, another than targets 3, 4
        Path ints = dir.resolve("t-int.npy");
        Npy.write(Nd4j.createFromArray(1L, 2L), ints);
        assertThat(explainWithTarget(ints, "int").code()).isZero();
        Path others = dir.resolve("t-other.npy");
        Npy.write(Nd4j.createFromArray(3L, 4L), others);
        assertThat(explainWithTarget(others, "other").code()).isZero();
        org.nd4j.linalg.api.ndarray.INDArray asFloats = Npy.read(dir.resolve("out-float").resolve("saliency.npy"));
        assertThat(asFloats).isEqualTo(Npy.read(dir.resolve("out-int").resolve("saliency.npy")));
        assertThat(asFloats).isNotEqualTo(Npy.read(dir.resolve("out-other").resolve("saliency.npy")));
    }

    @Test
    void oneTargetPerRowExactly() {
        Path t = dir.resolve("t-three.npy");
        Npy.write(Nd4j.createFromArray(1L, 2L, 3L), t);
        Run r = explainWithTarget(t, "three");
        assertThat(r.code()).as(r.err()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("t-three.npy").contains("3 targets").contains("2 rows");
        Path one = dir.resolve("t-one.npy");
        Npy.write(Nd4j.createFromArray(1L), one);
        r = explainWithTarget(one, "one");
        assertThat(r.code()).as(r.err()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("1 target").contains("2 rows");
    }

    @Test
    void targetsOutsideTheIntRangeOrNegativeAreNamed() {
        Path t = dir.resolve("t-huge.npy");
        Npy.write(Nd4j.createFromArray(1L, 1L << 40), t);
        Run r = explainWithTarget(t, "huge");
        assertThat(r.code()).as(r.err()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("row 1").contains("1099511627776").doesNotContain("ArithmeticException");
        Path neg = dir.resolve("t-neg.npy");
        Npy.write(Nd4j.createFromArray(-1L, 0L), neg);
        r = explainWithTarget(neg, "neg");
        assertThat(r.code()).as(r.err()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("row 0").contains("-1");
    }

    @Test
    void aOneNumberOcclusionWindowRunsWithThePresetsSquareStride() throws IOException {
        // the help says window=N is an N×N window; the image preset's strides are 2,2, so window=8 is 8×8 stride 2
        Path images = images("occlusion-window");
        Run r = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "occlusion",
                "--param", "window=8", "--out", dir.resolve("out-occlusion8").toString(), "--quiet", "--verbose");
        assertThat(r.code()).as(r.err()).isZero();
        Run square = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "occlusion",
                "--param", "window=8,8", "--param", "stride=2,2", "--out", dir.resolve("out-occlusion88").toString(),
                "--quiet");
        assertThat(square.code()).as(square.err()).isZero();
        assertThat(Npy.read(dir.resolve("out-occlusion8").resolve("occlusion.npy")))
                .isEqualTo(Npy.read(dir.resolve("out-occlusion88").resolve("occlusion.npy")));
        Run uneven = xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "occlusion",
                "--param", "window=8", "--param", "stride=2,3", "--out", dir.resolve("out-occlusion23").toString(),
                "--quiet");
        assertThat(uneven.code()).isNotZero();
        assertThat(uneven.err()).contains("[2, 3]");
    }

    private static Run explainWithTarget(Path t, String name) {
        Path images;
        try {
            images = images("target-" + name);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return xai("explain", "--model", model.toString(), "--input", images.toString(), "--method", "saliency",
                "--target", t.toString(), "--out", dir.resolve("out-" + name).toString(), "--quiet");
    }

    @Test
    void conceptCommandsRefuseAnOutputFolderHoldingAnInputUnderANameTheyWrite() throws IOException {
        Path out = Files.createDirectories(dir.resolve("run-ice"));
        Path input = out.resolve("ice-scores.npy");
        Files.write(input, imageBytes);
        Run r = xai("concepts", "ice", "--model", model.toString(), "--input", input.toString(), "--layer", "/Relu_1",
                "--concepts", "2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("ice-scores.npy").contains("--input");
        assertThat(Files.readAllBytes(input)).isEqualTo(imageBytes);

        Path tcavOut = Files.createDirectories(dir.resolve("run-tcav"));
        Path concept = tcavOut.resolve("tcav.png");
        Files.write(concept, imageBytes);
        Path random = images("tcav-random");
        r = xai("concepts", "tcav", "--model", model.toString(), "--layer", "/Relu_1", "--concept", concept.toString(),
                "--random", random.toString(), "--random", random.toString(), "--random", random.toString(),
                "--input", random.toString(), "--target-index", "1", "--out", tcavOut.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("tcav.png").contains("--concept");
        assertThat(Files.readAllBytes(concept)).isEqualTo(imageBytes);
    }

    @Test
    void dynamicsRefusesAnOutputFolderHoldingItsCurvesUnderTheSummarysName() throws IOException {
        Path out = Files.createDirectories(dir.resolve("run-dynamics"));
        Path predictions = dir.resolve("dyn-p.npy");
        Path labels = dir.resolve("dyn-y.npy");
        Npy.write(Nd4j.createFromArray(new long[][] {{0, 1}, {1, 1}}), predictions);
        Npy.write(Nd4j.createFromArray(0L, 1L), labels);
        Path curves = out.resolve("dynamics.json");
        String text = "{\"train_loss\": [1.0, 0.5]}";
        Files.writeString(curves, text);
        Run r = xai("dynamics", "--predictions", predictions.toString(), "--labels", labels.toString(), "--curves",
                curves.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("dynamics.json").contains("--curves");
        assertThat(Files.readString(curves)).isEqualTo(text);
    }
}
