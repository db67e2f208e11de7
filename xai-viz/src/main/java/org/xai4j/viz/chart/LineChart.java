package org.xai4j.viz.chart;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.xai4j.core.InvalidConfigException;

/** Curves over a numeric x axis (XChart): deletion/insertion, loss/accuracy per epoch. */
public final class LineChart extends XChartChart {
    private final List<Curve> curves;
    private final boolean markers;
    private final double[] xRange;
    private final double[] yRange;

    private LineChart(Builder b) {
        super(b.options);
        if (b.curves.isEmpty()) {
            throw new InvalidConfigException("a line chart needs at least one curve");
        }
        Set<String> names = new HashSet<>();
        for (Curve c : b.curves) {
            if (!names.add(c.name())) {
                throw new InvalidConfigException("duplicate curve name '" + c.name() + "'");
            }
        }
        this.curves = List.copyOf(b.curves);
        this.markers = b.markers;
        this.xRange = b.xRange;
        this.yRange = b.yRange;
    }

    /**
     * A builder with default options and no curve.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A fresh XChart chart with this data and style.
     *
     * @return a new XChart chart
     */
    @Override
    public XYChart xchart() {
        XYChart c = titled(new XYChart(options.width(), options.height()), options.title(), options.xLabel(),
                options.yLabel());
        XYStyler s = c.getStyler();
        Theme.apply(s, options, curves.size());
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setPlotGridVerticalLinesVisible(true);
        s.setMarkerSize(6);
        s.setXAxisDecimalPattern("0.##");
        if (curves.size() > 4) {
            // A long horizontal legend is cut off at the chart's edge: list many curves beside the plot.
            s.setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
            s.setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        }
        if (xRange != null) {
            s.setXAxisMin(xRange[0]);
            s.setXAxisMax(xRange[1]);
        }
        if (yRange != null) {
            s.setYAxisMin(yRange[0]);
            s.setYAxisMax(yRange[1]);
        }
        for (Curve k : curves) {
            XYSeries ser = c.addSeries(k.name(), k.x(), k.y());
            ser.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            if (!markers) {
                ser.setMarker(SeriesMarkers.NONE);
            }
        }
        return c;
    }

    /** Collects curves. */
    public static final class Builder {
        private ChartOptions options = ChartOptions.builder().build();
        private final List<Curve> curves = new ArrayList<>();
        private boolean markers;
        private double[] xRange;
        private double[] yRange;

        private Builder() {
        }

        /**
         * The title, axis labels and size.
         *
         * @param v the options
         * @return this builder
         */
        public Builder options(ChartOptions v) {
            options = v;
            return this;
        }

        /**
         * Adds a curve.
         *
         * @param v the curve, with a name no other curve has
         * @return this builder
         * @throws org.xai4j.core.InvalidConfigException if {@code v} is null
         */
        public Builder curve(Curve v) {
            if (v == null) {
                throw new InvalidConfigException("curve must not be null");
            }
            curves.add(v);
            return this;
        }

        /**
         * Adds curves.
         *
         * @param v the curves, in order
         * @return this builder
         */
        public Builder curves(List<Curve> v) {
            v.forEach(this::curve);
            return this;
        }

        /**
         * Draw a marker at every point (default off).
         *
         * @param v whether to draw markers
         * @return this builder
         */
        public Builder markers(boolean v) {
            markers = v;
            return this;
        }

        /**
         * A fixed x range.
         *
         * @param min the lower end
         * @param max the upper end, above {@code min}
         * @return this builder
         * @throws org.xai4j.core.InvalidConfigException unless {@code min < max}
         */
        public Builder xRange(double min, double max) {
            xRange = range(min, max, "x");
            return this;
        }

        /**
         * A fixed y range.
         *
         * @param min the lower end
         * @param max the upper end, above {@code min}
         * @return this builder
         * @throws org.xai4j.core.InvalidConfigException unless {@code min < max}
         */
        public Builder yRange(double min, double max) {
            yRange = range(min, max, "y");
            return this;
        }

        private static double[] range(double min, double max, String axis) {
            if (!(min < max)) {
                throw new InvalidConfigException(axis + " range needs min < max but got " + min + ", " + max);
            }
            return new double[] {min, max};
        }

        /**
         * Checks the curves and builds the chart.
         *
         * @return the chart
         * @throws org.xai4j.core.InvalidConfigException if there is no curve or two curves have the same name
         */
        public LineChart build() {
            return new LineChart(this);
        }
    }
}
