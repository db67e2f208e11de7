package org.xai4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.core.InvalidConfigException;

/** {@code --data}: class sub-folders become labels in sorted order, images side × side RGB in [0, 1]. */
class DataFolderTest {
    static void png(Path file, int w, int h, int rgb) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void classFoldersBecomeLabelsAndImagesAreResized(@TempDir Path root) throws Exception {
        png(root.resolve("naevus/a.png"), 40, 30, 0x336699);
        png(root.resolve("melanoma/b.png"), 20, 50, 0xFF0000);
        png(root.resolve("melanoma/c.png"), 16, 16, 0x00FF00);
        LesionGenerator.LesionSet set = DataFolder.read(root, 16);
        assertThat(set.classes()).containsExactly("melanoma", "naevus");
        assertThat(set.labels()).containsExactly(0, 0, 1);
        assertThat(set.images().shape()).containsExactly(3, 3, 16, 16);
        // a constant colour stays that colour through any resize: 0x33 / 255 on the red channel of the naevus image
        assertThat(set.images().getDouble(2, 0, 7, 7)).isEqualTo(0x33 / 255f, org.assertj.core.data.Offset.offset(1e-7));
        assertThat(set.images().getDouble(0, 0, 3, 3)).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-7));
    }

    @Test
    void oneClassOrNoFolderIsRefusedNamingData(@TempDir Path root) throws Exception {
        png(root.resolve("only/a.png"), 8, 8, 0);
        assertThatThrownBy(() -> DataFolder.read(root, 8)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("at least two class sub-folders");
        assertThatThrownBy(() -> DataFolder.read(root.resolve("missing"), 8)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("--data");
    }
}
