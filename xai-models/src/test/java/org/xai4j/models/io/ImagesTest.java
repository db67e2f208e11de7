package org.xai4j.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.ModelFormatException;

/** PNG pixels come back as normalised RGB NCHW values; resizing and stacking give the documented shapes. */
class ImagesTest {
    @Test
    void pngPixelsBecomeNormalisedChannels(@TempDir Path dir) throws Exception {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, (255 << 16) | (0 << 8) | 51);   // r=255 g=0 b=51
        img.setRGB(2, 1, (10 << 16) | (200 << 8) | 102); // r=10 g=200 b=102
        Path p = dir.resolve("a.png");
        ImageIO.write(img, "png", p.toFile());
        ImagePreprocessing pre = ImagePreprocessing.DEFAULTS.withNormalization(new double[] {0.5, 0.25, 0}, new double[] {0.5, 0.5, 2});
        INDArray x = Images.read(p, pre);
        assertThat(x.shape()).containsExactly(1, 3, 2, 3);
        assertThat(x.getDouble(0, 0, 0, 0)).isCloseTo((1.0 - 0.5) / 0.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(x.getDouble(0, 1, 0, 0)).isCloseTo((0 - 0.25) / 0.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(x.getDouble(0, 2, 0, 0)).isCloseTo(51 / 255.0 / 2, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(x.getDouble(0, 0, 1, 2)).isCloseTo((10 / 255.0 - 0.5) / 0.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(x.getDouble(0, 1, 1, 2)).isCloseTo((200 / 255.0 - 0.25) / 0.5, org.assertj.core.data.Offset.offset(1e-6));
        // Resized and stacked.
        Path q = dir.resolve("b.jpg");
        ImageIO.write(new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB), "jpg", q.toFile());
        INDArray both = Images.readAll(List.of(p, q), ImagePreprocessing.DEFAULTS.withSize(4, 6));
        assertThat(both.shape()).containsExactly(2, 3, 4, 6);
        assertThatThrownBy(() -> Images.readAll(List.of(p, q), ImagePreprocessing.UNIT))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("resize them to one size");
        Path junk = dir.resolve("junk.png");
        Files.writeString(junk, "no image");
        assertThatThrownBy(() -> Images.read(junk, ImagePreprocessing.UNIT)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("junk.png");
    }
}
