package org.xai4j.viz.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.viz.ScalarMap;
import org.xai4j.viz.color.Colormap;
import org.xai4j.viz.color.Normalization;

class OverlayTest {
    /** (10,20,30) (200,100,0) / (0,0,0) (255,255,255). */
    static BufferedImage twoByTwo() {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0x0A141E);
        img.setRGB(1, 0, 0xC86400);
        img.setRGB(0, 1, 0x000000);
        img.setRGB(1, 1, 0xFFFFFF);
        return img;
    }

    /** min–max gives t = 0, 0.25, 0.5, 1; grey colours 0, 64, 128, 255. */
    static final ScalarMap MAP = ScalarMap.of(new double[][] {{0, 1}, {2, 4}});

    static int[] pixels(BufferedImage img) {
        int[] p = new int[img.getWidth() * img.getHeight()];
        img.getRGB(0, 0, img.getWidth(), img.getHeight(), p, 0, img.getWidth());
        for (int i = 0; i < p.length; i++) {
            p[i] &= 0xFFFFFF;
        }
        return p;
    }

    @Test
    void constantAlphaByHand() {
        OverlayStyle style = OverlayStyle.builder().colormap(Colormap.GREY).normalization(Normalization.minMax()).alpha(0.25)
                .build();
        // 0.75·(10,20,30) + 0.25·0 = (7.5, 15, 22.5) → (8, 15, 23)
        // 0.75·(200,100,0) + 0.25·64 = (166, 91, 16)
        // 0.25·128 = 32;  0.75·255 + 0.25·255 = 255
        assertThat(pixels(Overlay.apply(twoByTwo(), MAP, style)))
                .containsExactly(0x080F17, 0xA65B10, 0x202020, 0xFFFFFF);
    }

    @Test
    void valueWeightedAlphaByHand() {
        OverlayStyle style = OverlayStyle.builder().colormap(Colormap.GREY).alpha(0.5).alphaMode(AlphaMode.BY_VALUE).build();
        // a = 0.5·t = 0, 0.125, 0.25, 0.5
        // 0.875·(200,100,0) + 0.125·64 = (183, 95.5 → 96, 8)
        assertThat(pixels(Overlay.apply(twoByTwo(), MAP, style)))
                .containsExactly(0x0A141E, 0xB76008, 0x202020, 0xFFFFFF);
    }

    @Test
    void signedMapsLeaveZeroUntouchedWithValueWeightedAlpha() {
        BufferedImage img = twoByTwo();
        ScalarMap signed = ScalarMap.of(new double[][] {{0, 2}, {-2, 0}});
        BufferedImage out = Overlay.apply(img, signed, OverlayStyle.signed());
        int[] p = pixels(out);
        assertThat(p[0]).isEqualTo(0x0A141E);
        assertThat(p[3]).isEqualTo(0xFFFFFF);
        // +2 → red at alpha 0.8 over (200,100,0): (0.2·200 + 0.8·255, 0.2·100, 0) = (244, 20, 0)
        assertThat(p[1]).isEqualTo(0xF41400);
        // −2 → blue at alpha 0.8 over black: (0, 0, 204)
        assertThat(p[2]).isEqualTo(0x0000CC);
    }

    @Test
    void smallMapsAreResizedBilinearly() {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        ScalarMap map = ScalarMap.of(new double[][] {{0, 1}, {1, 2}});
        OverlayStyle style = OverlayStyle.builder().colormap(Colormap.GREY).alpha(1).build();
        BufferedImage out = Overlay.apply(img, map, style);
        // Min–max normalised, the map is [[0, .5], [.5, 1]] = (y + x)/2 on its 2×2 grid, and bilinear
        // interpolation reproduces a function linear in y and x exactly. Output pixel o samples the source at
        // max(0, (o + 0.5)·2/4 − 0.5), clamped to the last position: u = (0, .25, .75, 1) per axis, so pixel (r, c)
        // is (u[r] + u[c])/2 (worked out here, not by ScalarMap): grey 255·t rounded.
        double[] u = {0, 0.25, 0.75, 1};
        int[] p = pixels(out);
        for (int i = 0; i < 16; i++) {
            double t = (u[i / 4] + u[i % 4]) / 2;
            assertThat(p[i] & 0xFF).as("pixel (%d, %d)", i / 4, i % 4).isEqualTo((int) Math.round(t * 255));
        }
        // e.g. row 0: t = 0, .125, .375, .5 → 0, 32 (31.875), 96 (95.625), 128 (127.5)
        assertThat(new int[] {p[0] & 0xFF, p[1] & 0xFF, p[2] & 0xFF, p[3] & 0xFF}).containsExactly(0, 32, 96, 128);
        assertThat(p[0]).isEqualTo(0x000000);
        assertThat(p[15]).isEqualTo(0xFFFFFF);
        // Pixel (1, 1) samples the 2×2 positions [[0, .5], [.5, 1]] at (0.25, 0.25):
        // 0.75·(0.75·0 + 0.25·0.5) + 0.25·(0.75·0.5 + 0.25·1) = 0.25 → round(63.75) = 64
        assertThat(p[5] & 0xFF).isEqualTo(64);
    }

    @Test
    void mismatchedShapesAndBadStylesAreRejected() {
        ScalarMap wrong = ScalarMap.of(2, 3, new double[6]);
        assertThatThrownBy(() -> Overlay.apply(twoByTwo(), wrong)).isInstanceOf(InvalidShapeException.class)
                .hasMessageContaining("2×3");
        assertThatThrownBy(() -> OverlayStyle.builder().alpha(1.5).build()).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> Overlay.apply(null, MAP)).isInstanceOf(InvalidShapeException.class);
    }

    @Test
    void maskedImagesByHand() {
        BufferedImage img = twoByTwo();
        BufferedImage top = MaskedImage.keepTop(img, MAP, 0.5, Color.BLACK);
        assertThat(pixels(top)).containsExactly(0x000000, 0x000000, 0x000000, 0xFFFFFF); // values 2 and 4 kept
        BufferedImage above = MaskedImage.keepAbove(img, MAP, Normalization.minMax(), 0.25, Color.WHITE);
        assertThat(pixels(above)).containsExactly(0xFFFFFF, 0xC86400, 0x000000, 0xFFFFFF);
        // t = 0, .25, .5, 1: (200,100,0)·0.25 = (50, 25, 0)
        assertThat(pixels(MaskedImage.scaleBy(img, MAP, Normalization.minMax())))
                .containsExactly(0x000000, 0x321900, 0x000000, 0xFFFFFF);
        assertThatThrownBy(() -> MaskedImage.keepTop(img, MAP, 0, Color.BLACK)).isInstanceOf(InvalidConfigException.class);
    }
}
