package org.xai4j.viz.chart;

import java.awt.Graphics2D;

/** A chart drawn by an XChart chart ({@link #xchart()}), built afresh for every painting. */
abstract class XChartChart extends SizedChart {
    XChartChart(ChartOptions options) {
        super(options);
    }

    /**
     * A fresh XChart chart with this data and style, for further tweaking.
     *
     * @return a new XChart chart
     */
    public abstract org.knowm.xchart.internal.chartpart.Chart<?, ?> xchart();

    /**
     * A new XChart chart's title and axis titles.
     *
     * @param chart  the chart
     * @param title  its title
     * @param xTitle the x axis' title
     * @param yTitle the y axis' title
     * @param <C>    the chart's type
     * @return {@code chart}
     */
    static <C extends org.knowm.xchart.internal.chartpart.Chart<?, ?>> C titled(C chart, String title, String xTitle,
                                                                             String yTitle) {
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        return chart;
    }

    @Override
    public void paint(Graphics2D g) {
        xchart().paint(g, options.width(), options.height());
    }
}
