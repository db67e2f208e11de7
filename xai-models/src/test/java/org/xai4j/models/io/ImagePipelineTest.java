package org.xai4j.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;

/**
 * The input pipeline against torchvision 0.14 itself: {@code src/test/python/image_pipeline_reference.py} ran
 * torchvision's transforms on the committed PNGs and saved what {@code ToTensor} returned. Equality is exact —
 * the same 8-bit pixels divided by 255 in float32 — because {@link PilResize} repeats Pillow's fixed-point
 * arithmetic.
 */
class ImagePipelineTest {
    private static final String DIR = "/org/xai4j/models/io/pipeline/";

    static BufferedImage image(String name) throws Exception {
        try (InputStream in = ImagePipelineTest.class.getResourceAsStream(DIR + name + ".png")) {
            return ImageIO.read(in);
        }
    }

    static INDArray reference(String name, @TempDir Path tmp) throws Exception {
        Path p = tmp.resolve(name + ".npy");
        try (InputStream in = ImagePipelineTest.class.getResourceAsStream(DIR + name + ".npy")) {
            Files.copy(in, p);
        }
        return Npy.read(p);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // reference,               image,      channels, shorter, height, width, cropH, cropW
        "rgb_resize24_crop20,       rgb_37x53,  3, 24, 0,  0,  20, 20",
        "rgb_resize24_crop17x21,    rgb_37x53,  3, 24, 0,  0,  17, 21",
        "rgb_size13x29,             rgb_37x53,  3, 0,  13, 29, 0,  0",
        "rgb_size80x90,             rgb_37x53,  3, 0,  80, 90, 0,  0",
        "rgb_plain,                 rgb_37x53,  3, 0,  0,  0,  0,  0",
        "grey_as_rgb_resize16,      grey_41x30, 3, 16, 0,  0,  0,  0",
        "rgb_as_grey_size28x28,     rgb_37x53,  1, 0,  28, 28, 0,  0",
        "grey_plain,                grey_41x30, 1, 0,  0,  0,  0,  0",
        "rgba_as_rgb_size10x12,     rgba_19x23, 3, 0,  10, 12, 0,  0",
    })
    void equalsTorchvisionBitForBit(String ref, String img, int channels, int shorter, int h, int w, int ch, int cw,
                                    @TempDir Path tmp) throws Exception {
        ImagePreprocessing pre = ImagePreprocessing.DEFAULTS.withChannels(channels);
        pre = shorter > 0 ? pre.withShorterSide(shorter) : h > 0 ? pre.withSize(h, w) : pre;
        pre = ch > 0 ? pre.withCrop(ch, cw) : pre;
        INDArray ours = Images.fromImage(image(img), pre);
        INDArray torch = reference(ref, tmp);
        assertThat(ours.shape()).containsExactly(1, torch.size(0), torch.size(1), torch.size(2));
        assertThat(ours.reshape(torch.shape()).sub(torch).amaxNumber().doubleValue()).isZero();
    }

    @Test
    void normalisationPresetsAreAppliedAfterScalingToUnit(@TempDir Path tmp) throws Exception {
        INDArray unit = reference("rgb_plain", tmp);
        INDArray sym = Images.fromImage(image("rgb_37x53"), ImagePreprocessing.SYMMETRIC);
        assertThat(sym.reshape(unit.shape()).sub(unit.sub(0.5).div(0.5)).amaxNumber().doubleValue()).isLessThan(1e-6);
        INDArray bytes = Images.fromImage(image("rgb_37x53"), ImagePreprocessing.BYTES);
        assertThat(bytes.reshape(unit.shape()).sub(unit.mul(255)).amaxNumber().doubleValue()).isLessThan(1e-4);
        assertThat(ImagePreprocessing.DEFAULTS.withNormalization("imagenet").normalization().mean()).containsExactly(0.485, 0.456, 0.406);
        assertThatThrownBy(() -> ImagePreprocessing.DEFAULTS.withNormalization("zscore"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("unit, symmetric, bytes, imagenet");
    }

    @Test
    void imagenetPresetIsResize256ThenCentreCrop224() {
        // 300 wide × 400 high, black, with white bands along the top (40 rows) and the left edge (10 columns) and a
        // white 20×20 square at the centre (x 140..159, y 190..209). Resize(256): 256 × 341 (scale 0.853); the
        // bands end by row 35 and column 9 there (plus about one pixel of filter support). CenterCrop(224) starts
        // at row round((341 − 224)/2) = 58 and column (256 − 224)/2 = 16, so both bands are cut away, while the
        // crop's centre (112, 112) is resized (170, 128), source (199.7, 150.5): inside the square. (Resizing
        // straight to 224 × 224 instead would keep the top 22 rows white.)
        BufferedImage img = new BufferedImage(300, 400, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 300, 40);
        g.fillRect(0, 0, 10, 400);
        g.fillRect(140, 190, 20, 20);
        g.dispose();
        INDArray x = Images.fromImage(img, ImagePreprocessing.IMAGENET);
        assertThat(x.shape()).containsExactly(1, 3, 224, 224);
        // ImageNet normalisation (v − mean)/std, mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225)
        double[] mean = {0.485, 0.456, 0.406};
        double[] std = {0.229, 0.224, 0.225};
        for (int c = 0; c < 3; c++) {
            double black = (0 - mean[c]) / std[c];
            double white = (1 - mean[c]) / std[c];
            for (int[] at : new int[][] {{0, 0}, {0, 112}, {0, 223}, {112, 0}, {223, 0}, {223, 223}}) {
                assertThat(x.getDouble(0, c, at[0], at[1])).as("channel %d (%d, %d): black", c, at[0], at[1])
                        .isCloseTo(black, org.assertj.core.data.Offset.offset(1e-5));
            }
            assertThat(x.getDouble(0, c, 112, 112)).as("channel %d centre: white", c)
                    .isCloseTo(white, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void badSettingsAreRefusedInWords() {
        assertThatThrownBy(() -> ImagePreprocessing.DEFAULTS.withShorterSide(24).withSize(10, 10).withShorterSide(3).withCrop(5, 0))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("both height and width");
        assertThatThrownBy(() -> ImagePreprocessing.DEFAULTS.withChannels(2)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("1 (grey) or 3 (RGB)");
        assertThatThrownBy(() -> Images.fromImage(new BufferedImage(10, 12, BufferedImage.TYPE_INT_RGB),
                ImagePreprocessing.DEFAULTS.withCrop(16, 16))).isInstanceOf(InvalidShapeException.class)
                .hasMessageContaining("16×16 does not fit an image of 12×10");
    }

    @Test
    void aFolderWithClassSubfoldersIsLabelledLikeTorchvisionsImageFolder(@TempDir Path root) throws Exception {
        for (String f : List.of("dog/b.png", "dog/a.png", "cat/x/deep.png", "cat/c.jpg", "empty/readme.txt")) {
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            if (f.endsWith(".txt")) {
                Files.writeString(p, "not an image");
            } else {
                ImageIO.write(new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB), f.endsWith("jpg") ? "jpg" : "png", p.toFile());
            }
        }
        ImageFolder folder = ImageFolder.scan(root);
        assertThat(folder.classes()).containsExactly("cat", "dog");
        assertThat(folder.files().stream().map(p -> root.relativize(p).toString()))
                .containsExactly("cat/c.jpg", "cat/x/deep.png", "dog/a.png", "dog/b.png");
        assertThat(folder.labels()).containsExactly(0, 0, 1, 1);
        assertThat(Images.readAll(folder.files(), ImagePreprocessing.DEFAULTS).shape()).containsExactly(4, 3, 4, 5);
        Files.writeString(root.resolve("stray.png"), "x");
        ImageIO.write(new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB), "png", root.resolve("stray.png").toFile());
        assertThatThrownBy(() -> ImageFolder.scan(root)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("stray.png");
    }

    @Test
    void aFolderOfImagesOnlyAndAGlobAreUnlabelled(@TempDir Path root) throws Exception {
        for (String f : List.of("b.png", "a.png", "c.bmp")) {
            ImageIO.write(new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB), f.substring(2), root.resolve(f).toFile());
        }
        ImageFolder folder = ImageFolder.scan(root);
        assertThat(folder.labelled()).isFalse();
        assertThat(folder.files()).extracting(p -> p.getFileName().toString()).containsExactly("a.png", "b.png", "c.bmp");
        ImageFolder pngs = ImageFolder.glob(root + "/*.png");
        assertThat(pngs.files()).extracting(p -> p.getFileName().toString()).containsExactly("a.png", "b.png");
        assertThatThrownBy(() -> ImageFolder.glob(root + "/*.tif")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("no images match");
        assertThatThrownBy(() -> ImageFolder.scan(root.resolve("nope"))).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("not found");
    }
}
