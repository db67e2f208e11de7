package org.xai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.models.io.Npy;
import org.xai4j.viz.ChannelReduction;
import org.xai4j.viz.ScalarMap;
import org.xai4j.viz.image.Overlay;
import org.xai4j.viz.image.OverlayStyle;

/**
 * The CLI draws its overlays on the picture the user gave, not on the model's normalised input: whatever
 * {@code --normalize} says, the background of an overlay is the source image's pixels.
 */
class CliPicturesTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void files() throws IOException {
        model = dir.resolve("fashion-cnn.onnx");
        Files.write(model, Demo.resource("fashion-cnn.onnx"));
    }

    /** A picture whose values lie in [40, 200], so no rescaling from the values' range can recover it by chance. */
    private static BufferedImage source(int type, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(28, 28, type);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                if (type == BufferedImage.TYPE_BYTE_GRAY) {
                    img.getRaster().setSample(x, y, 0, 40 + r.nextInt(161));
                } else {
                    img.setRGB(x, y, (40 + r.nextInt(161)) << 16 | (40 + r.nextInt(161)) << 8 | 40 + r.nextInt(161));
                }
            }
        }
        return img;
    }

    private static Path write(BufferedImage img, String name) throws IOException {
        Path p = dir.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    /** The picture's 0xRRGGBB pixels; a grey one's samples as stored (getRGB would convert its colour space). */
    private static int[] rgb(BufferedImage img) {
        int[] out = new int[img.getWidth() * img.getHeight()];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int g = img.getRaster().getSample(x, y, 0);
                out[y * img.getWidth() + x] = img.getType() == BufferedImage.TYPE_BYTE_GRAY ? g << 16 | g << 8 | g
                        : img.getRGB(x, y) & 0xFFFFFF;
            }
        }
        return out;
    }

    private static ImageOptions normalize(String value) {
        ImageOptions o = new ImageOptions();
        o.normalize = value;
        return o;
    }

    @ParameterizedTest
    @ValueSource(strings = {"unit", "symmetric", "bytes", "imagenet", "0.3,0.1,0.7/0.2,0.5,0.05"})
    void anRgbImageReadWithAnyNormalisationIsDrawnAsItsPixels(String normalize) throws IOException {
        BufferedImage img = source(BufferedImage.TYPE_INT_RGB, 1);
        ImageOptions options = normalize(normalize);
        INDArray x = Inputs.read(write(img, "rgb-" + normalize.hashCode() + ".png"), null, options);
        assertThat(x.size(1)).isEqualTo(3);
        assertThat(rgb(Inputs.picture(x, 0, options.normalization(3)))).isEqualTo(rgb(img));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unit", "symmetric", "bytes", "imagenet", "0.3/0.05"})
    void aGreyImageForAGreyModelIsDrawnAsItsPixels(String normalize) throws Exception {
        BufferedImage img = source(BufferedImage.TYPE_BYTE_GRAY, 2);
        ImageOptions options = normalize(normalize);
        try (ModelHandle m = ModelHandle.load(model, null)) {
            INDArray x = Inputs.read(write(img, "grey-" + normalize.hashCode() + ".png"), m.prediction(), options);
            assertThat(x.size(1)).isEqualTo(1);
            assertThat(rgb(Inputs.picture(x, 0, options.normalization(1)))).isEqualTo(rgb(img));
        }
    }

    @Test
    void theOverlayOfExplainIsDrawnOnTheSourceImageNotOnTheNormalisedInput() throws IOException {
        BufferedImage img = source(BufferedImage.TYPE_BYTE_GRAY, 3);
        Path png = write(img, "shoe.png");
        Path out = dir.resolve("out");
        CliSafetyTest.Run r = CliSafetyTest.xai("explain", "--model", model.toString(), "--input", png.toString(),
                "--method", "saliency", "--normalize", "symmetric", "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        INDArray values = Npy.read(out.resolve("saliency.npy"));
        BufferedImage expected = Overlay.apply(img, ScalarMap.fromChannels(values.slice(0), ChannelReduction.SUM),
                OverlayStyle.signed());
        BufferedImage written = ImageIO.read(out.resolve("saliency-0.png").toFile());
        assertThat(rgb(written)).isEqualTo(rgb(expected));
    }
}
