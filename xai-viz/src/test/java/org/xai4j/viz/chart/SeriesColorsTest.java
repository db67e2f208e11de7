package org.xai4j.viz.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Charts give every series its own colour, however many series there are. */
class SeriesColorsTest {
    @Test
    void nSeriesGetNDistinctColoursForNUpTo50() {
        for (int n = 1; n <= 50; n++) {
            Color[] colors = Theme.seriesColors(n);
            Set<Integer> rgb = new HashSet<>();
            for (int i = 0; i < n; i++) {
                rgb.add(colors[i].getRGB());
            }
            assertThat(rgb).as("distinct colours among the first %d", n).hasSize(n);
        }
    }

    @Test
    void theFirstTenAreTab10() {
        assertThat(Theme.seriesColors(40)[0]).isEqualTo(new Color(0x1f77b4));
        assertThat(Theme.seriesColors(40)[9]).isEqualTo(new Color(0x17becf));
    }

    @Test
    void aLineChartWith30CurvesDrawsThemIn30Colours() {
        LineChart.Builder b = LineChart.builder();
        for (int k = 0; k < 30; k++) {
            b.curve(new Curve("c" + k, new double[] {0, 1}, new double[] {k, k + 1}));
        }
        XYChart chart = b.build().xchart();
        paint(g -> chart.paint(g, 600, 400));
        Set<Integer> rgb = new HashSet<>();
        for (XYSeries s : chart.getSeriesMap().values()) {
            rgb.add(s.getLineColor().getRGB());
        }
        assertThat(rgb).hasSize(30);
    }

    @Test
    void aBarChartWith14SeriesDrawsThemIn14Colours() {
        BarChart.Builder b = BarChart.builder().categories(java.util.List.of("a", "b"));
        for (int k = 0; k < 14; k++) {
            b.series("s" + k, new double[] {k, k + 1});
        }
        CategoryChart chart = b.build().xchart();
        paint(g -> chart.paint(g, 600, 400));
        Set<Integer> rgb = new HashSet<>();
        for (CategorySeries s : chart.getSeriesMap().values()) {
            rgb.add(s.getFillColor().getRGB());
        }
        assertThat(rgb).hasSize(14);
    }

    private static void paint(java.util.function.Consumer<Graphics2D> painter) {
        BufferedImage img = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        painter.accept(g);
        g.dispose();
    }
}
