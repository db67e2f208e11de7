package org.xai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.models.io.Npy;

/** Issue 20's input pipeline on the command line: folders, globs, resizing, the [0, 1] default, safe outputs. */
class CliImageInputTest {
    @TempDir
    static Path dir;
    static Path model;
    static INDArray images;

    @BeforeAll
    static void files() throws IOException {
        model = dir.resolve("fashion-cnn.onnx");
        Files.write(model, Demo.resource("fashion-cnn.onnx"));
        Path x = dir.resolve("fashion.npy");
        Files.write(x, Demo.resource("fashion-test-images.npy"));
        images = Npy.read(x);
    }

    /** Test image {@code i} as an 8-bit grey PNG, {@code scale} times larger (nearest neighbour). */
    static void png(int i, int scale, Path file) throws IOException {
        BufferedImage img = new BufferedImage(28 * scale, 28 * scale, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28 * scale; y++) {
            for (int x = 0; x < 28 * scale; x++) {
                int v = (int) Math.round(images.getDouble(i, 0, y / scale, x / scale) * 255);
                img.getRaster().setSample(x, y, 0, v);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    static INDArray scores(Path input, String... extra) {
        Path out = dir.resolve("scores-" + System.nanoTime() + ".npy");
        String[] args = concat(new String[] {"predict", "--model", model.toString(), "--input", input.toString(), "--out",
                out.toString()}, extra);
        CliSafetyTest.Run r = CliSafetyTest.xai(args);
        assertThat(r.code()).as(r.err()).isZero();
        return Npy.read(out);
    }

    static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void aPngIsReadInZeroOneAsTheModelWasTrained() throws IOException {
        // the demo CNN was trained on pixels / 255; the CLI used to feed PNGs in [0, 255]
        Path png = dir.resolve("one/shoe.png");
        png(0, 1, png);
        Path npy = dir.resolve("one.npy");
        Npy.write(images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)), npy);
        assertThat(scores(png)).isEqualTo(scores(npy));
    }

    @Test
    void aFolderWithClassSubfoldersIsOneBatchInImageFolderOrder() throws IOException {
        Path root = dir.resolve("folder");
        png(2, 1, root.resolve("b/img.png"));
        png(1, 1, root.resolve("a/img.png"));
        png(3, 1, root.resolve("a/sub/z.png"));
        INDArray s = scores(root);
        Path npy = dir.resolve("three.npy");
        Npy.write(org.nd4j.linalg.factory.Nd4j.concat(0, row(1), row(3), row(2)), npy);
        assertThat(s).isEqualTo(scores(npy));
    }

    static INDArray row(int i) {
        return images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1));
    }

    @Test
    void aLargerImageIsRefusedWithTheSizesAndTheOptionThenResized() throws IOException {
        Path big = dir.resolve("big/shoe112.png");
        png(0, 4, big);
        Path out = dir.resolve("big-scores.npy");
        CliSafetyTest.Run refused = CliSafetyTest.xai("predict", "--model", model.toString(), "--input", big.toString(),
                "--out", out.toString());
        assertThat(refused.code()).isEqualTo(Main.USAGE);
        assertThat(refused.err()).contains("112×112").contains("takes 28×28").contains("--size 28x28");
        CliSafetyTest.Run resized = CliSafetyTest.xai("predict", "--model", model.toString(), "--input", big.toString(),
                "--out", out.toString(), "--size", "28x28");
        assertThat(resized.code()).as(resized.err()).isZero();
        assertThat(resized.err()).contains("shoe112.png 112×112, resized to 28×28");
        // a 4× nearest-neighbour upscale shrunk back with an averaging filter is the original image: same class
        assertThat(Npy.read(out).argMax(1).getInt(0)).isEqualTo(scores(writeRow0()).argMax(1).getInt(0));
    }

    static Path writeRow0() {
        Path npy = dir.resolve("row0.npy");
        Npy.write(row(0), npy);
        return npy;
    }

    @Test
    void aGlobAndAnRgbImageForAGreyModel() throws IOException {
        Path folder = dir.resolve("glob");
        png(4, 1, folder.resolve("p1.png"));
        png(5, 1, folder.resolve("p2.png"));
        BufferedImage rgb = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(rgb, "png", folder.resolve("q.png").toFile());
        INDArray two = scores(Path.of(folder + "/p*.png"));
        assertThat(two.size(0)).isEqualTo(2);
        assertThat(scores(folder.resolve("q.png")).size(0)).isEqualTo(1); // 3 channels in, one out by PIL's luma
    }

    @Test
    void anOutputFolderNeverReplacesAnImageOfTheInputFolder() throws IOException {
        Path folder = dir.resolve("clash");
        png(0, 1, folder.resolve("saliency-0.png"));
        byte[] before = Files.readAllBytes(folder.resolve("saliency-0.png"));
        CliSafetyTest.Run r = CliSafetyTest.xai("explain", "--model", model.toString(), "--input", folder.toString(),
                "--method", "saliency", "--out", folder.toString(), "--quiet");
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("saliency-0.png");
        assertThat(Files.readAllBytes(folder.resolve("saliency-0.png"))).isEqualTo(before);
    }
}
