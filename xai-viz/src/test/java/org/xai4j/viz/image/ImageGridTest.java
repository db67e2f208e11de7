package org.xai4j.viz.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;

class ImageGridTest {

    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    @Test
    void layoutWithoutTitlesIsCellsAndPadding() {
        BufferedImage red = solid(8, 8, 0xFF0000);
        BufferedImage blue = solid(4, 4, 0x0000FF);
        BufferedImage out = ImageGrid.builder().cellSize(32).padding(4)
                .row(null, red, blue, null)
                .row(null, blue, red, red).build().render();
        assertThat(out.getWidth()).isEqualTo(4 + 3 * 36);
        assertThat(out.getHeight()).isEqualTo(4 + 2 * 36);
        // cell (row 0, column 1) spans x 40..71, y 4..35: the 4×4 image scaled ×8
        assertThat(out.getRGB(40, 4) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(out.getRGB(71, 35) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(out.getRGB(72, 4) & 0xFFFFFF).isEqualTo(0xFFFFFF); // padding
        assertThat(out.getRGB(80, 10) & 0xFFFFFF).isEqualTo(0xFFFFFF); // empty cell
        assertThat(out.getRGB(4, 40) & 0xFFFFFF).isEqualTo(0x0000FF);
    }

    @Test
    void nonSquareImagesAreCentred() {
        BufferedImage wide = solid(20, 10, 0x00FF00);
        BufferedImage out = ImageGrid.builder().cellSize(40).padding(0).row(null, wide).build().render();
        assertThat(out.getRGB(20, 5) & 0xFFFFFF).isEqualTo(0xFFFFFF);   // above the image
        assertThat(out.getRGB(20, 10) & 0xFFFFFF).isEqualTo(0x00FF00);  // image is rows 10..29
        assertThat(out.getRGB(20, 29) & 0xFFFFFF).isEqualTo(0x00FF00);
        assertThat(out.getRGB(20, 30) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void titlesAddBandsWithText() {
        BufferedImage img = solid(10, 10, 0x808080);
        BufferedImage plain = ImageGrid.builder().cellSize(40).row(null, img, img).build().render();
        BufferedImage titled = ImageGrid.builder().cellSize(40).title("Comparison")
                .columnTitles("image", "Grad-CAM\n12 ms")
                .row("shirt\np = 0.93", img, img).build().render();
        assertThat(titled.getWidth()).isGreaterThan(plain.getWidth());
        assertThat(titled.getHeight()).isGreaterThan(plain.getHeight() + 30);
        int dark = 0;
        for (int y = 0; y < titled.getHeight() - 48; y++) {
            for (int x = 0; x < titled.getWidth(); x++) {
                int p = titled.getRGB(x, y) & 0xFF;
                if (p < 100) {
                    dark++;
                }
            }
        }
        assertThat(dark).as("text pixels above the images").isGreaterThan(50);
    }

    @Test
    void emptyOrRaggedGridsAreRejected() {
        assertThatThrownBy(() -> ImageGrid.builder().build()).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("at least one row");
        BufferedImage img = solid(2, 2, 0);
        assertThatThrownBy(() -> ImageGrid.builder().row("a", img, img).row("b", img).build())
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("row 1 has 1");
        assertThatThrownBy(() -> ImageGrid.builder().columnTitles("x", "y", "z").row("a", List.of(img, img)).build())
                .isInstanceOf(InvalidShapeException.class);
        assertThatThrownBy(() -> ImageGrid.builder().row("a", List.of()).build()).isInstanceOf(InvalidConfigException.class);
    }
}
