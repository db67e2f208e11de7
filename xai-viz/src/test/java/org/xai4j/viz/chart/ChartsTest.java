package org.xai4j.viz.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.viz.color.Colormap;
import org.xai4j.viz.image.Png;

class ChartsTest {
    private static final List<String> CLASSES = List.of("cat", "dog", "bird");

    private static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Not blank: enough non-white pixels and several colours. */
    private static void assertDrawn(BufferedImage img, int w, int h) {
        assertThat(img.getWidth()).isEqualTo(w);
        assertThat(img.getHeight()).isEqualTo(h);
        int nonWhite = w * h - count(img, 0xFFFFFF);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < h; y += 2) {
            for (int x = 0; x < w; x += 2) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertThat(nonWhite).as("non-white pixels").isGreaterThan(w * h / 50);
        assertThat(colours.size()).as("distinct colours").isGreaterThan(5);
    }

    @Test
    void barChartsDrawTheirBarsAtTheRequestedSize() {
        BarChart bars = Charts.probabilities("p", CLASSES, new double[] {0.7, 0.2, 0.1});
        BufferedImage img = bars.render();
        assertDrawn(img, 640, 400);
        // a 0.7-high bar in the first tab10 colour covers thousands of pixels
        assertThat(count(img, 0x1f77b4)).isGreaterThan(5000);
        BarChart small = BarChart.builder().options(ChartOptions.builder().size(300, 200).build()).categories(CLASSES)
                .series("a", new double[] {1, 2, 3}).series("b", new double[] {3, 2, 1}, new double[] {0.1, 0.2, 0.3})
                .build();
        BufferedImage s = small.render();
        assertDrawn(s, 300, 200);
        assertThat(count(s, 0xff7f0e)).as("second series colour").isGreaterThan(500);
        assertDrawn(Charts.tcav("t", CLASSES, Map.of("conv", new double[] {0.5, 0.6, 0.7}),
                Map.of("conv", new double[] {0.1, 0.1, 0.1})).render(), 640, 400);
        assertDrawn(Charts.perClass("e", "entropy", CLASSES, new double[] {0.3, 0.5, 0.1}).render(), 640, 400);
    }

    @Test
    void lineChartsDrawEveryCurve() {
        Map<String, double[]> curves = new LinkedHashMap<>();
        curves.put("A", new double[] {1, 0.5, 0.2, 0.1, 0.05});
        curves.put("B", new double[] {1, 0.8, 0.6, 0.4, 0.2});
        LineChart c = Charts.deletionInsertion("d", "fraction removed", curves);
        BufferedImage img = c.render();
        assertDrawn(img, 640, 400);
        assertThat(count(img, 0x1f77b4)).isGreaterThan(100);
        assertThat(count(img, 0xff7f0e)).isGreaterThan(100);
        assertDrawn(Charts.training("t", "loss", Map.of("loss", new double[] {2, 1, 0.5})).render(), 640, 400);
    }

    @Test
    void matrixCellsHaveTheirColormapColours() {
        MatrixChart m = MatrixChart.builder().options(ChartOptions.builder().size(400, 400).build())
                .values(new double[][] {{0, 1}, {2, 3}}).rowLabels(List.of("a", "b")).columnLabels(List.of("x", "y"))
                .colormap(Colormap.VIRIDIS).build();
        assertThat(m.range()).containsExactly(0, 3);
        BufferedImage img = m.render();
        assertDrawn(img, 400, 400);
        for (double v : new double[] {0, 1, 2, 3}) {
            assertThat(count(img, Colormap.VIRIDIS.argb(v / 3) & 0xFFFFFF)).as("cell %s", v).isGreaterThan(5000);
        }
        MatrixChart signed = MatrixChart.builder().values(new double[][] {{-0.5, 0.25}}).colormap(Colormap.BWR).build();
        assertThat(signed.range()).containsExactly(-0.5, 0.5);
        assertThat(signed.label(0.25)).isEqualTo("0.25");
        MatrixChart conf = Charts.confusion("c", CLASSES, new long[][] {{5, 1, 0}, {0, 6, 1}, {2, 0, 4}});
        assertThat(conf.label(6)).isEqualTo("6");
        assertDrawn(conf.render(), 560, 500);
        assertDrawn(Charts.agreement("a", CLASSES, new double[][] {{1, 0.2, -0.3}, {0.2, 1, 0.1}, {-0.3, 0.1, 1}}).render(),
                560, 500);
    }

    @Test
    void reliabilityBinsByHand() {
        ReliabilityBins b = ReliabilityBins.of(new double[] {0.05, 0.15, 0.95, 1.0, 0.5, 0.55},
                new boolean[] {true, false, true, true, false, true}, 2);
        // (0, 0.5] holds 0.05, 0.15, 0.5; (0.5, 1] holds 0.95, 1.0, 0.55
        assertThat(b.counts()).containsExactly(3, 3);
        assertThat(b.confidence()).containsExactly(new double[] {0.7 / 3, 2.5 / 3}, within(1e-12));
        assertThat(b.accuracy()).containsExactly(new double[] {1 / 3.0, 1}, within(1e-12));
        // 0.5·|1/3 − 0.7/3| + 0.5·|1 − 2.5/3| = 0.5·0.1 + 0.5·(1/6)
        assertThat(b.expectedCalibrationError()).isCloseTo(0.05 + 1 / 12.0, within(1e-12));
        ReliabilityBins empty = ReliabilityBins.of(new double[] {0.9}, new boolean[] {true}, 10);
        assertThat(empty.counts()[8]).isEqualTo(1);
        assertThat(empty.expectedCalibrationError()).isCloseTo(0.1, within(1e-12));
        BufferedImage img = Charts.reliability("r", SyntheticBins.bins()).render();
        assertDrawn(img, 480, 440);
        assertThat(count(img, 0x1f77b4)).isGreaterThan(3000);
    }

    /** Deterministic over-confident bins. */
    private static final class SyntheticBins {
        static ReliabilityBins bins() {
            double[] c = new double[200];
            boolean[] ok = new boolean[200];
            for (int i = 0; i < c.length; i++) {
                c[i] = 0.3 + 0.7 * i / 199.0;
                ok[i] = (i * 7919) % 100 < 100 * c[i] * c[i];
            }
            return ReliabilityBins.of(c, ok, 10);
        }
    }

    @Test
    void renderingIsDeterministicAndSvgWorks(@TempDir Path dir) throws Exception {
        BarChart a = Charts.probabilities("p", CLASSES, new double[] {0.5, 0.3, 0.2});
        assertThat(Png.bytes(a.render())).isEqualTo(Png.bytes(a.render()));
        MatrixChart m = Charts.confusion("c", CLASSES, new long[][] {{5, 1, 0}, {0, 6, 1}, {2, 0, 4}});
        String svg = m.toSvg();
        assertThat(svg).contains("<svg").contains("</svg>");
        Path f = a.writeSvg(dir.resolve("a.svg"));
        assertThat(Files.readString(f)).contains("<svg");
        assertThat(Png.read(m.writePng(dir.resolve("m.png"))).getWidth()).isEqualTo(560);
    }

    @Test
    void curvesAndTheirArea() {
        Curve c = new Curve("c", new double[] {0, 0.5, 1}, new double[] {1, 0.5, 0});
        assertThat(c.area()).isEqualTo(0.5);
        assertThat(Curve.overFractions("f", new double[] {1, 1, 1, 1, 1}).x()).containsExactly(0, 0.25, 0.5, 0.75, 1);
        assertThat(Curve.overEpochs("e", new double[] {3, 2}).x()).containsExactly(1, 2);
    }

    @Test
    void badChartInputIsRejected() {
        assertThatThrownBy(() -> Charts.probabilities("p", CLASSES, new double[] {0.5, 0.5}))
                .isInstanceOf(InvalidShapeException.class);
        assertThatThrownBy(() -> BarChart.builder().categories(CLASSES).series("s", new double[] {1, 2}).build())
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("2 values").hasMessageContaining("3 categories");
        assertThatThrownBy(() -> BarChart.builder().categories(CLASSES).series("s", new double[] {1, Double.NaN, 2}).build())
                .isInstanceOf(NonFiniteValueException.class);
        assertThatThrownBy(() -> BarChart.builder().series("s", new double[] {1}).build())
                .isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> LineChart.builder().build()).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> new Curve("c", new double[] {0, 1}, new double[] {1})).isInstanceOf(InvalidShapeException.class);
        assertThatThrownBy(() -> new Curve("c", new double[] {0, 1}, new double[] {1, Double.POSITIVE_INFINITY}))
                .isInstanceOf(NonFiniteValueException.class);
        assertThatThrownBy(() -> MatrixChart.builder().values(new double[][] {{1, 2}, {3}}).build())
                .isInstanceOf(InvalidShapeException.class);
        assertThatThrownBy(() -> MatrixChart.builder().values(new double[][] {{1, Double.NaN}}).build())
                .isInstanceOf(NonFiniteValueException.class);
        assertThatThrownBy(() -> MatrixChart.builder().values(new double[0][]).build()).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> MatrixChart.builder().values(new double[][] {{1}}).rowLabels(List.of("a", "b")).build())
                .isInstanceOf(InvalidShapeException.class);
        assertThatThrownBy(() -> ReliabilityBins.of(new double[] {1.2}, new boolean[] {true}, 10))
                .isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> ReliabilityBins.of(new double[] {0.2, 0.3}, new boolean[] {true}, 10))
                .isInstanceOf(InvalidShapeException.class);
        assertThatThrownBy(() -> ChartOptions.builder().size(10, 10).build()).isInstanceOf(InvalidConfigException.class);
    }
}
