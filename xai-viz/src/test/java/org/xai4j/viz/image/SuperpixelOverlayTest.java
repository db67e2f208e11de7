package org.xai4j.viz.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.viz.Reference;

class SuperpixelsTest {

    @Test
    void boundariesMatchScikitImageThickMode() {
        Map<String, Object> ref = Reference.section("boundaries");
        int h = ((Number) ref.get("h")).intValue();
        int w = ((Number) ref.get("w")).intValue();
        SegmentMap seg = SegmentMap.of(h, w, Reference.ints(ref.get("labels")));
        int[] expected = Reference.ints(ref.get("thick"));
        boolean[] b = seg.boundaries();
        int marked = 0;
        for (int i = 0; i < b.length; i++) {
            assertThat(b[i] ? 1 : 0).as("pixel (%d, %d)", i / w, i % w).isEqualTo(expected[i]);
            marked += expected[i];
        }
        assertThat(marked).isBetween(10, b.length - 10);
    }

    @Test
    void boundariesOfAKnownMapByHand() {
        SegmentMap seg = SegmentMap.of(new int[][] {
            {0, 0, 1},
            {0, 0, 1},
            {2, 2, 2}});
        boolean[] b = seg.boundaries();
        assertThat(b).containsExactly(
                false, true, true,
                true, true, true,
                true, true, true);
        assertThat(seg.labelCount()).isEqualTo(3);
        // thin: only where the right or lower neighbour differs
        assertThat(seg.thinBoundaries()).containsExactly(
                false, true, false,
                true, true, true,
                false, false, false);
    }

    /** 6×6 grey (100,100,100); left three columns label 0, right three label 1, pixel (5,5) label 2. */
    private static BufferedImage grey6() {
        BufferedImage img = new BufferedImage(6, 6, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 6; x++) {
                img.setRGB(x, y, 0x646464);
            }
        }
        return img;
    }

    private static SegmentMap halves() {
        int[][] l = new int[6][6];
        for (int y = 0; y < 6; y++) {
            for (int x = 3; x < 6; x++) {
                l[y][x] = 1;
            }
        }
        l[5][5] = 2;
        return SegmentMap.of(l);
    }

    @Test
    void positiveAndNegativeSegmentsByHand() {
        SuperpixelStyle style = SuperpixelStyle.builder().topK(2).build();
        BufferedImage out = SuperpixelOverlay.render(grey6(), halves(), new double[] {1.0, -0.5, 0.1}, style);
        // interior of the positive segment: 0.65·100 + 0.35·(0,255,0) = (65, 154.25 → 154, 65)
        assertThat(out.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x419A41);
        // the two columns either side of the edge: pure green and pure red outlines
        assertThat(out.getRGB(2, 0) & 0xFFFFFF).isEqualTo(0x00FF00);
        assertThat(out.getRGB(3, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
        // interior of the negative segment: (0.65·100 + 0.35·255, 65, 65) = (154, 65, 65)
        assertThat(out.getRGB(4, 1) & 0xFFFFFF).isEqualTo(0x9A4141);
        // segment 2 is third by |weight| (top 2 only): not highlighted; with thin lines its corner pixel
        // has no right or lower neighbour, so it stays as it was; with thick lines it is yellow
        assertThat(out.getRGB(5, 5) & 0xFFFFFF).isEqualTo(0x646464);
        BufferedImage thick = SuperpixelOverlay.render(grey6(), halves(), new double[] {1.0, -0.5, 0.1},
                SuperpixelStyle.builder().topK(2).thinBoundaries(false).build());
        assertThat(thick.getRGB(5, 5) & 0xFFFFFF).isEqualTo(0xFFFF00);
        // positive only: the right half is untouched, its left column is not on a thin line
        BufferedImage pos = SuperpixelOverlay.render(grey6(), halves(), new double[] {1.0, -0.5, 0.1},
                SuperpixelStyle.builder().showNegative(false).build());
        assertThat(pos.getRGB(4, 1) & 0xFFFFFF).isEqualTo(0x646464);
        assertThat(pos.getRGB(3, 0) & 0xFFFFFF).isEqualTo(0x646464);
        assertThat(pos.getRGB(2, 0) & 0xFFFFFF).isEqualTo(0x00FF00);
        // ... and with thick lines both sides of the edge are marked
        BufferedImage posThick = SuperpixelOverlay.render(grey6(), halves(), new double[] {1.0, -0.5, 0.1},
                SuperpixelStyle.builder().showNegative(false).thinBoundaries(false).build());
        assertThat(posThick.getRGB(3, 0) & 0xFFFFFF).isEqualTo(0xFFFF00);
        assertThat(SuperpixelOverlay.selected(new double[] {1.0, -0.5, 0.1}, style)).containsExactly(0, 1);
    }

    @Test
    void badSegmentsAreRejected() {
        assertThatThrownBy(() -> SuperpixelOverlay.render(new BufferedImage(5, 6, BufferedImage.TYPE_INT_RGB), halves(),
                new double[3], SuperpixelStyle.defaults())).isInstanceOf(InvalidShapeException.class).hasMessageContaining("6×6");
        assertThatThrownBy(() -> SuperpixelOverlay.render(grey6(), halves(), new double[2], SuperpixelStyle.defaults()))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("labels up to 2");
        assertThatThrownBy(() -> SuperpixelOverlay.render(grey6(), halves(), new double[] {0, Double.NaN, 0},
                SuperpixelStyle.defaults())).isInstanceOf(NonFiniteValueException.class);
        assertThatThrownBy(() -> SegmentMap.of(Nd4j.create(new double[][] {{0, 1.5}})))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("integers");
        assertThatThrownBy(() -> SegmentMap.of(new int[][] {{0, -1}})).isInstanceOf(InvalidShapeException.class);
        assertThat(SegmentMap.of(Nd4j.create(new double[][] {{0, 3}}).reshape(1, 1, 2)).labelCount()).isEqualTo(4);
    }
}
