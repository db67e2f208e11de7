package org.xai4j.viz.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.xai4j.core.InvalidConfigException;

/**
 * A reliability diagram (XChart): accuracy per confidence bin as bars, the bins' mean confidence as
 * points (none for empty bins), and the diagonal of perfect calibration; the title carries the expected
 * calibration error.
 */
public final class ReliabilityDiagram extends XChartChart {
    private final ReliabilityBins bins;

    /**
     * A reliability diagram of {@code bins}: per bin, the accuracy as a bar beside the diagonal of perfect
     * calibration.
     *
     * @param options the title and size
     * @param bins the bins
     * @throws org.xai4j.core.InvalidConfigException if an argument is null
     */
    public ReliabilityDiagram(ChartOptions options, ReliabilityBins bins) {
        super(options);
        if (options == null || bins == null) {
            throw new InvalidConfigException("options and bins must not be null");
        }
        this.bins = bins;
    }

    /**
     * A fresh XChart chart with this data and style.
     *
     * @return a new XChart chart
     */
    @Override
    public CategoryChart xchart() {
        int n = bins.size();
        String ece = String.format(Locale.ROOT, "ECE = %.3f", bins.expectedCalibrationError());
        CategoryChart c = titled(new CategoryChart(options.width(), options.height()),
                options.title().isEmpty() ? ece : options.title() + " (" + ece + ")",
                options.xLabel().isEmpty() ? "confidence" : options.xLabel(),
                options.yLabel().isEmpty() ? "accuracy" : options.yLabel());
        CategoryStyler s = c.getStyler();
        Theme.apply(s, ChartOptions.builder().title("t").xLabel("x").yLabel("y").size(options.width(), options.height())
                .build(), 3);
        s.setOverlapped(true);
        s.setAvailableSpaceFill(0.95);
        s.setYAxisMin(0.0);
        s.setYAxisMax(1.0);
        s.setYAxisDecimalPattern("0.0");
        if (n > 12) {
            s.setXAxisLabelRotation(45);
        }
        List<String> centres = new ArrayList<>();
        List<Double> diag = new ArrayList<>();
        List<Double> acc = new ArrayList<>();
        List<Double> conf = new ArrayList<>();
        double[] a = bins.accuracy();
        double[] m = bins.confidence();
        int[] k = bins.counts();
        for (int b = 0; b < n; b++) {
            double centre = (b + 0.5) / n;
            centres.add(String.format(Locale.ROOT, "%.2f", centre));
            diag.add(centre);
            acc.add(a[b]);
            conf.add(k[b] > 0 ? m[b] : null); // no marker for an empty bin
        }
        CategorySeries bars = c.addSeries("accuracy", centres, acc);
        bars.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
        bars.setFillColor(Theme.PALETTE[0]);
        CategorySeries ideal = c.addSeries("perfect calibration", centres, diag);
        ideal.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        ideal.setLineColor(new Color(0x55, 0x55, 0x55));
        ideal.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        ideal.setMarker(SeriesMarkers.NONE);
        CategorySeries mean = c.addSeries("mean confidence", centres, conf);
        mean.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        mean.setMarker(SeriesMarkers.DIAMOND);
        mean.setMarkerColor(Theme.PALETTE[3]);
        return c;
    }
}
