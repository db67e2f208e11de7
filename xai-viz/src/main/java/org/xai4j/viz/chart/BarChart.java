package org.xai4j.viz.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;

/**
 * Grouped bars over named categories (XChart): class probabilities, entropy per class, TCAV scores
 * (one series per layer, error bars for the spread over random concept sets).
 */
public final class BarChart extends XChartChart {
    private final List<String> categories;
    private final Map<String, double[]> series;
    private final Map<String, double[]> errors;
    private final Double yMin;
    private final Double yMax;

    private BarChart(Builder b) {
        super(b.options);
        if (b.categories.isEmpty()) {
            throw new InvalidConfigException("a bar chart needs at least one category");
        }
        if (b.series.isEmpty()) {
            throw new InvalidConfigException("a bar chart needs at least one series");
        }
        for (Map.Entry<String, double[]> e : b.series.entrySet()) {
            if (e.getValue().length != b.categories.size()) {
                throw new InvalidShapeException("series '" + e.getKey() + "' has " + e.getValue().length + " values but there are "
                        + b.categories.size() + " categories");
            }
            Theme.requireFinite(e.getValue(), "series '" + e.getKey() + "'");
        }
        for (Map.Entry<String, double[]> e : b.errors.entrySet()) {
            if (!b.series.containsKey(e.getKey()) || e.getValue().length != b.categories.size()) {
                throw new InvalidShapeException("error bars '" + e.getKey() + "' need a series of that name and one value per category");
            }
            Theme.requireFinite(e.getValue(), "error bars '" + e.getKey() + "'");
            for (double v : e.getValue()) {
                if (v < 0) {
                    throw new InvalidConfigException("error bars '" + e.getKey() + "' must be ≥ 0 but hold " + v);
                }
            }
        }
        this.categories = List.copyOf(b.categories);
        this.series = copy(b.series);
        this.errors = copy(b.errors);
        this.yMin = b.yMin;
        this.yMax = b.yMax;
    }

    private static Map<String, double[]> copy(Map<String, double[]> m) {
        Map<String, double[]> c = new LinkedHashMap<>();
        m.forEach((k, v) -> c.put(k, v.clone()));
        return c;
    }

    /**
     * A builder with default options and no categories or series.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A fresh XChart chart with this data and style, for further tweaking.
     *
     * @return a new XChart chart
     */
    @Override
    public CategoryChart xchart() {
        CategoryChart c = titled(new CategoryChart(options.width(), options.height()), options.title(), options.xLabel(),
                options.yLabel());
        CategoryStyler s = c.getStyler();
        Theme.apply(s, options, series.size());
        s.setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
        s.setAvailableSpaceFill(series.size() == 1 ? 0.7 : 0.85);
        s.setErrorBarsColor(Theme.TEXT);
        int longest = categories.stream().mapToInt(String::length).max().orElse(0);
        if (categories.size() * Math.max(longest, 3) * 7 > options.width() * 0.8) {
            s.setXAxisLabelRotation(45);
        }
        if (yMin != null) {
            s.setYAxisMin(yMin);
        }
        if (yMax != null) {
            s.setYAxisMax(yMax);
        }
        List<String> cats = new ArrayList<>(categories);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            List<Double> ys = Arrays.stream(e.getValue()).boxed().toList();
            double[] err = errors.get(e.getKey());
            if (err == null) {
                c.addSeries(e.getKey(), cats, ys);
            } else {
                c.addSeries(e.getKey(), cats, ys, Arrays.stream(err).boxed().toList());
            }
        }
        return c;
    }

    /** Collects categories and series; {@link #build()} checks their lengths. */
    public static final class Builder {
        private ChartOptions options = ChartOptions.builder().build();
        private final List<String> categories = new ArrayList<>();
        private final Map<String, double[]> series = new LinkedHashMap<>();
        private final Map<String, double[]> errors = new LinkedHashMap<>();
        private Double yMin;
        private Double yMax;

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
         * Category names along the x axis.
         *
         * @param v the names, in order
         * @return this builder
         */
        public Builder categories(List<String> v) {
            categories.clear();
            categories.addAll(v);
            return this;
        }

        /**
         * A series: one bar per category.
         *
         * @param name the series' legend name, unique
         * @param values one value per category
         * @return this builder
         */
        public Builder series(String name, double[] values) {
            if (name == null || values == null) {
                throw new InvalidConfigException("a series needs a name and values");
            }
            if (series.containsKey(name)) {
                throw new InvalidConfigException("duplicate series name '" + name + "'");
            }
            series.put(name, values.clone());
            return this;
        }

        /**
         * A series with symmetric error bars (± {@code errors}).
         *
         * @param name the series' legend name, unique
         * @param values one value per category
         * @param errors one non-negative half-width per category
         * @return this builder
         */
        public Builder series(String name, double[] values, double[] errors) {
            series(name, values);
            if (errors != null) {
                this.errors.put(name, errors.clone());
            }
            return this;
        }

        /**
         * Fixed y range (e.g. 0 to 1 for probabilities).
         *
         * @param min the lower end
         * @param max the upper end, above {@code min}
         * @return this builder
         */
        public Builder yRange(double min, double max) {
            if (!(min < max)) {
                throw new InvalidConfigException("y range needs min < max but got " + min + ", " + max);
            }
            yMin = min;
            yMax = max;
            return this;
        }

        /**
         * Checks the data and builds the chart.
         *
         * @return the chart
         * @throws InvalidConfigException if there is no category or series, or an error bar is negative
         * @throws InvalidShapeException if a series or its error bars do not have one value per category
         */
        public BarChart build() {
            return new BarChart(this);
        }
    }
}
