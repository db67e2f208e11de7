package org.xai4j.viz.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.MappedExplanation;
import org.xai4j.core.Provenance;
import org.xai4j.viz.color.Colormap;
import org.xai4j.viz.color.Normalization;

/**
 * {@link Heatmaps#overlay}: the written PNG's pixels against values worked out by hand here (min–max,
 * half-pixel bilinear 2→4, grey colormap round(255·t), blend round((1 − a)·image + a·colour)).
 */
class HeatmapOverlayTest {
    @TempDir
    Path dir;

    static MappedExplanation explanation(INDArray map) {
        return new MappedExplanation() {
            @Override
            public INDArray map() {
                return map;
            }

            @Override
            public Provenance provenance() {
                return null;
            }
        };
    }

    static BufferedImage grey(int h, int w, int level) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, level << 16 | level << 8 | level);
            }
        }
        return img;
    }

    static int red(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) >> 16 & 0xFF;
    }

    static final OverlayStyle GREY_HALF = OverlayStyle.builder().colormap(Colormap.GREY).alpha(0.5).build();

    @Test
    void camMapAtLayerResolutionIsUpscaledBilinearlyWithAColourBar() throws Exception {
        // one 2×2 CAM row [[0, 1], [2, 4]]: min–max gives [[0, .25], [.5, 1]]
        INDArray cam = Nd4j.createFromArray(new double[][][] {{{0, 1}, {2, 4}}});
        Path png = dir.resolve("o.png");
        Heatmaps.overlay(grey(4, 4, 100), explanation(cam)).withStyle(GREY_HALF).write(png);
        BufferedImage out = Png.read(png);
        assertThat(out.getHeight()).isEqualTo(4 + 4);
        assertThat(out.getWidth()).isEqualTo(4);
        // half-pixel bilinear 2→4 along each axis: weights (1, 0), (.75, .25), (.25, .75), (0, 1)
        double[][] wts = {{1, 0}, {.75, .25}, {.25, .75}, {0, 1}};
        double[][] t = {{0, .25}, {.5, 1}};
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                double v = 0;
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) {
                        v += wts[y][i] * wts[x][j] * t[i][j];
                    }
                }
                long expected = Math.round(0.5 * 100 + 0.5 * Math.round(255 * v));
                assertThat(red(out, x, y)).as("pixel (%d, %d)", x, y).isBetween((int) expected - 1, (int) expected + 1);
            }
        }
        // the colour bar: four rows, 0 on the left to 1 on the right
        int[] bar = {0, 85, 170, 255};
        for (int y = 4; y < 8; y++) {
            for (int x = 0; x < 4; x++) {
                assertThat(red(out, x, y)).isEqualTo(bar[x]);
            }
        }
    }

    @Test
    void signedAttributionIsSymmetricAboutZeroAndChannelsAreSummed() {
        // 1×2×2×2 attribution; the channel sum is [[-2, 1], [0, 2]], so it is drawn symmetric: t = .5 + .5·v/2
        INDArray attr = Nd4j.createFromArray(new double[][][][] {{{{-1, 0}, {0, 3}}, {{-1, 1}, {0, -1}}}});
        HeatmapOverlay o = Heatmaps.overlay(grey(2, 2, 0), explanation(attr));
        assertThat(o.style().normalization().signed()).isTrue();
        BufferedImage out = o.withStyle(OverlayStyle.builder().colormap(Colormap.GREY)
                .normalization(Normalization.symmetric()).alpha(1).build()).withColorbar(false).render();
        assertThat(out.getHeight()).isEqualTo(2);
        assertThat(new int[] {red(out, 0, 0), red(out, 1, 0), red(out, 0, 1), red(out, 1, 1)})
                .containsExactly(0, 191, 128, 255);
    }

    @Test
    void perImageNormalisationIgnoresScaleAndSharedNormalisationKeepsIt() {
        // B = A / 2: per image both look the same; shared, B is half as bright and equal values match
        INDArray a = Nd4j.createFromArray(new double[][][] {{{0, 1}, {2, 4}}});
        INDArray b = a.div(2);
        OverlayStyle full = OverlayStyle.builder().colormap(Colormap.GREY).alpha(1).build();
        HeatmapOverlay oa = Heatmaps.overlay(grey(2, 2, 0), explanation(a)).withStyle(full).withColorbar(false);
        HeatmapOverlay ob = Heatmaps.overlay(grey(2, 2, 0), explanation(b)).withStyle(full).withColorbar(false);
        BufferedImage pa = oa.render();
        BufferedImage pb = ob.render();
        assertThat(red(pb, 1, 1)).isEqualTo(red(pa, 1, 1)).isEqualTo(255);
        List<HeatmapOverlay> shared = HeatmapOverlay.shared(List.of(oa, ob));
        BufferedImage sa = shared.get(0).render();
        BufferedImage sb = shared.get(1).render();
        // shared range [0, 4]: A's 2 at (0, 1) and B's 2 at (1, 1) both at t = .5
        assertThat(red(sa, 0, 1)).isEqualTo(red(sb, 1, 1)).isEqualTo(128);
        assertThat(red(sb, 0, 1)).isEqualTo(64); // B's 1: t = .25
        assertThat(red(sa, 1, 1)).isEqualTo(255);
        // a signed map among them makes the shared range symmetric: ±4
        INDArray c = Nd4j.createFromArray(new double[][][] {{{-1, 0}, {0, 0}}});
        HeatmapOverlay oc = Heatmaps.overlay(grey(2, 2, 0), explanation(c)).withColorbar(false);
        List<HeatmapOverlay> signed = HeatmapOverlay.shared(List.of(oa, oc));
        assertThat(signed.get(0).style().normalization()).isEqualTo(Normalization.fixedSymmetric(4));
        assertThat(signed.get(1).style().normalization()).isEqualTo(Normalization.fixedSymmetric(4));
    }

    @Test
    void mapOfAnotherRankIsRefused() {
        assertThatThrownBy(() -> Heatmaps.overlay(grey(2, 2, 0), explanation(Nd4j.zeros(2, 4))))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("N×H×W").hasMessageContaining("[2, 4]");
        assertThat(Files.exists(dir.resolve("none.png"))).isFalse();
    }
}
