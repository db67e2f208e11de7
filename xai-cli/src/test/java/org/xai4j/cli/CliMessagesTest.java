package org.xai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.models.io.Npy;

/** Issue 21's messages that said nothing or leaked internals, each as a user met it. */
class CliMessagesTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void files() throws IOException {
        model = dir.resolve("fashion-cnn.onnx");
        Files.write(model, Demo.resource("fashion-cnn.onnx"));
    }

    @Test
    void aColourBatchForAGreyModelSaysRowsAndChannelsNotRanks() {
        Path rgb = dir.resolve("rgb.npy");
        Npy.write(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 28, 28), rgb);
        CliSafetyTest.Run r = CliSafetyTest.xai("predict", "--model", model.toString(), "--input", rgb.toString(),
                "--out", dir.resolve("y.npy").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("expects rows of shape 1×28×28").contains("2 rows given are 3×28×28")
                .contains("convert the images to greyscale").doesNotContain("rank 4");
    }

    @Test
    void aSmallerImageIsToldToResize() {
        Path small = dir.resolve("small.npy");
        Npy.write(Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 1, 14, 14), small);
        CliSafetyTest.Run r = CliSafetyTest.xai("predict", "--model", model.toString(), "--input", small.toString(),
                "--out", dir.resolve("y2.npy").toString());
        assertThat(r.code()).as("refused, not a warning").isNotZero();
        assertThat(dir.resolve("y2.npy")).doesNotExist();
        assertThat(r.err()).contains("1 row given are 1×14×14").contains("resize");
    }

    @Test
    void aFolderGivenAsTheModelIsCalledAFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("models"));
        CliSafetyTest.Run r = CliSafetyTest.xai("layers", "--model", folder.toString());
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("is a folder").doesNotContain("not found");
    }

    @Test
    void aGarbageDl4jZipSaysWhatItIsNot() throws IOException {
        Path zip = dir.resolve("garbage.zip");
        Files.write(zip, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Path x = dir.resolve("x.npy");
        Npy.write(Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 1, 28, 28), x);
        CliSafetyTest.Run r = CliSafetyTest.xai("predict", "--model", zip.toString(), "--input", x.toString(),
                "--out", dir.resolve("y3.npy").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("garbage.zip").contains("DL4J").doesNotContain("(null)")
                .doesNotContain("Exception");
    }

    @Test
    void anUnknownLayerListsTheClosestNames() {
        Path x = dir.resolve("x-layer.npy");
        Npy.write(Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 1, 28, 28), x);
        for (String method : new String[] {"gradcam", "guided-gradcam", "scorecam"}) {
            CliSafetyTest.Run r = CliSafetyTest.xai("explain", "--model", model.toString(), "--input", x.toString(),
                    "--method", method, "--layer", "/Relu_9", "--out", dir.resolve("o-" + method).toString(), "--quiet");
            assertThat(r.code()).as(method).isEqualTo(Main.USAGE);
            assertThat(r.err()).as(method).contains("/Relu_9").contains("/Relu_1");
        }
    }
}
