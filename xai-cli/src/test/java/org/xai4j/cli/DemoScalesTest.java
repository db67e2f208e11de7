package org.xai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.viz.ScalarMap;

/** The demo's colour scales (per map or shared across methods) and its choice of explained class. */
class DemoScalesTest {
    private static final double SAME = 0.3;

    /** Two signed 2×2 maps holding {@link #SAME} at (0, 0), with different largest magnitudes (1 and 4). */
    private static Map<String, List<INDArray>> twoSignedMaps() {
        Map<String, List<INDArray>> maps = new LinkedHashMap<>();
        maps.put("A", List.of(Nd4j.createFromArray(new double[][] {{SAME, -1}, {0.5, 1}})));
        maps.put("B", List.of(Nd4j.createFromArray(new double[][] {{SAME, -4}, {2, 4}})));
        return maps;
    }

    private static int colourAtOrigin(Map<String, List<INDArray>> maps, DemoScales.Scales scales, String method) {
        BufferedImage grey = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                grey.setRGB(x, y, 0x808080);
            }
        }
        return Demo.overlay(grey, ScalarMap.of(maps.get(method).get(0)), scales.styles().get(method)).getRGB(0, 0) & 0xFFFFFF;
    }

    @Test
    void withTheSharedScaleTheSameValueHasTheSameColourInTwoMethodsMaps() {
        Map<String, List<INDArray>> maps = twoSignedMaps();
        DemoScales.Scales shared = DemoScales.of(maps, Set.of(), true);
        assertThat(colourAtOrigin(maps, shared, "A")).isEqualTo(colourAtOrigin(maps, shared, "B"));
        // and the bar states the shared range: ±4, the largest magnitude of both maps
        assertThat(shared.bars()).hasSize(1);
        assertThat(shared.bars().get(0).low()).isEqualTo("-4.00");
        assertThat(shared.bars().get(0).high()).isEqualTo("4.00");
    }

    @Test
    void byDefaultEachMapHasItsOwnScaleSoTheSameValueDiffers() {
        Map<String, List<INDArray>> maps = twoSignedMaps();
        DemoScales.Scales perMap = DemoScales.of(maps, Set.of(), false);
        assertThat(colourAtOrigin(maps, perMap, "A")).isNotEqualTo(colourAtOrigin(maps, perMap, "B"));
    }

    @Test
    void signedMapsAndCamsGetOneColourBarEach() {
        Map<String, List<INDArray>> maps = twoSignedMaps();
        maps.put("CAM", List.of(Nd4j.createFromArray(new double[][] {{0, 1}, {2, 3}})));
        DemoScales.Scales shared = DemoScales.of(maps, Set.of("CAM"), true);
        assertThat(shared.bars()).hasSize(2);
        assertThat(shared.bars().get(0).colormap().name()).isEqualTo("BWR");
        assertThat(shared.bars().get(1).colormap().name()).isEqualTo("JET");
        assertThat(shared.bars().get(1).low()).isEqualTo("0.00");
        assertThat(shared.bars().get(1).high()).isEqualTo("3.00");
        assertThat(DemoScales.of(maps, Set.of("CAM"), false).bars()).hasSize(2);
    }

    @Test
    void theExplainedClassIsPredictedTrueOrChosen() {
        List<String> classes = List.of("t-shirt", "trouser", "pullover");
        int[] chosen = {0, 2};
        int[] predicted = {1, 0, 2};
        int[] labels = {1, 1, 0};
        assertThat(Demo.explainedClasses("predicted", classes, chosen, predicted, labels)).containsExactly(1, 2);
        assertThat(Demo.explainedClasses("true", classes, chosen, predicted, labels)).containsExactly(1, 0);
        assertThat(Demo.explainedClasses("Pullover", classes, chosen, predicted, labels)).containsExactly(2, 2);
        assertThat(Demo.explainedClasses("1", classes, chosen, predicted, labels)).containsExactly(1, 1);
        assertThatThrownBy(() -> Demo.explainedClasses("dress", classes, chosen, predicted, labels))
                .isInstanceOf(UsageException.class).hasMessageContaining("--class")
                .hasMessageContaining("[t-shirt, trouser, pullover]").hasMessageContaining("'dress'");
        assertThatThrownBy(() -> Demo.explainedClasses("7", classes, chosen, predicted, labels))
                .isInstanceOf(UsageException.class).hasMessageContaining("0–2");
    }
}
