package org.xai4j.viz.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.image.Luma;
import org.xai4j.viz.color.Colormap;

/**
 * A matrix as coloured cells with each value written in its cell (black on light cells, white on dark
 * ones) and a colour bar: confusion matrices, agreement between methods. Drawn with Java2D.
 */
public final class MatrixChart extends SizedChart {
    private static final int PAD = 12;

    private final List<String> rowLabels;
    private final List<String> columnLabels;
    private final double[][] values;
    private final Colormap colormap;
    private final double min;
    private final double max;
    private final String format;
    private final boolean annotate;

    private MatrixChart(Builder b) {
        super(b.options);
        if (b.values == null || b.values.length == 0 || b.values[0].length == 0) {
            throw new InvalidConfigException("a matrix chart needs at least one row and one column");
        }
        int cols = b.values[0].length;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double[][] v = new double[b.values.length][];
        for (int r = 0; r < v.length; r++) {
            if (b.values[r] == null || b.values[r].length != cols) {
                throw new InvalidShapeException("matrix row " + r + " has " + (b.values[r] == null ? 0 : b.values[r].length)
                        + " values but row 0 has " + cols);
            }
            Theme.requireFinite(b.values[r], "matrix row " + r);
            v[r] = b.values[r].clone();
            for (double x : v[r]) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        if (!b.rowLabels.isEmpty() && b.rowLabels.size() != v.length) {
            throw new InvalidShapeException(b.rowLabels.size() + " row labels for " + v.length + " rows");
        }
        if (!b.columnLabels.isEmpty() && b.columnLabels.size() != cols) {
            throw new InvalidShapeException(b.columnLabels.size() + " column labels for " + cols + " columns");
        }
        if (b.min != null) {
            lo = b.min;
            hi = b.max;
        } else if (b.colormap.diverging()) {
            double m = Math.max(Math.abs(lo), Math.abs(hi));
            lo = -m;
            hi = m;
        }
        this.rowLabels = List.copyOf(b.rowLabels);
        this.columnLabels = List.copyOf(b.columnLabels);
        this.values = v;
        this.colormap = b.colormap;
        this.min = lo;
        this.max = hi;
        this.format = b.format;
        this.annotate = b.annotate;
    }

    /**
     * A builder with default options and no values.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The colour range: explicit, else the data's (symmetric around 0 for diverging colormaps).
     *
     * @return a new array {lo, hi}
     */
    public double[] range() {
        return new double[] {min, max};
    }

    /**
     * The text written in a cell.
     *
     * @param v a cell's value
     * @return the text, formatted with the builder's pattern
     */
    public String label(double v) {
        return String.format(Locale.ROOT, format, v);
    }

    /** The colormap position of a value. */
    double position(double v) {
        return max > min ? (v - min) / (max - min) : 0.5;
    }

    @Override
    public void paint(Graphics2D g) {
        antialias(g);
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 14);
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        FontMetrics tfm = g.getFontMetrics(titleFont);
        FontMetrics lfm = g.getFontMetrics(labelFont);
        FontMetrics kfm = g.getFontMetrics(tickFont);
        int rows = values.length;
        int cols = values[0].length;

        int top = PAD + (options.title().isEmpty() ? 0 : tfm.getHeight() + PAD / 2);
        int left = PAD + (options.yLabel().isEmpty() ? 0 : lfm.getHeight() + PAD / 2);
        int rowLabelW = rowLabels.stream().mapToInt(kfm::stringWidth).max().orElse(0);
        left += rowLabelW + (rowLabelW > 0 ? 6 : 0);
        String loText = tick(min);
        String hiText = tick(max);
        int barW = 14;
        int right = PAD + barW + 6 + Math.max(kfm.stringWidth(loText), kfm.stringWidth(hiText)) + PAD;
        int colLabelW = columnLabels.stream().mapToInt(kfm::stringWidth).max().orElse(0);
        int bottomFixed = PAD + (options.xLabel().isEmpty() ? 0 : lfm.getHeight() + PAD / 2);
        int cell = Math.min((options.width() - left - right) / cols,
                (options.height() - top - bottomFixed - kfm.getHeight() - 6) / rows);
        boolean rotate = colLabelW > cell - 4;
        int colLabelH = columnLabels.isEmpty() ? 0 : (rotate ? (int) Math.ceil(colLabelW * 0.7071) + kfm.getHeight() : kfm.getHeight()) + 6;
        cell = Math.min(cell, (options.height() - top - bottomFixed - colLabelH) / rows);
        if (cell < 2) {
            throw new InvalidConfigException("a " + rows + "×" + cols + " matrix does not fit in " + options.width() + "×"
                    + options.height() + " pixels");
        }
        int gridW = cell * cols;
        int gridH = cell * rows;
        // Centre the block (matrix + colour bar) horizontally.
        int x0 = left + Math.max(0, (options.width() - left - right - gridW) / 2);
        int y0 = top;

        g.setColor(Theme.TEXT);
        if (!options.title().isEmpty()) {
            g.setFont(titleFont);
            g.drawString(options.title(), (options.width() - tfm.stringWidth(options.title())) / 2, PAD + tfm.getAscent());
        }
        Font valueFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(7, Math.min(13, (int) (cell * 0.3))));
        FontMetrics vfm = g.getFontMetrics(valueFont);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                Color fill = colormap.color(position(values[r][c]));
                g.setColor(fill);
                g.fillRect(x0 + c * cell, y0 + r * cell, cell, cell);
                if (annotate) {
                    String s = label(values[r][c]);
                    if (vfm.stringWidth(s) <= cell - 2) {
                        g.setColor(Luma.ofRgb(fill.getRGB()) < 128 ? Color.WHITE : Theme.TEXT);
                        g.setFont(valueFont);
                        g.drawString(s, x0 + c * cell + (cell - vfm.stringWidth(s)) / 2,
                                y0 + r * cell + (cell - vfm.getHeight()) / 2 + vfm.getAscent());
                    }
                }
            }
        }
        g.setColor(new Color(0x99, 0x99, 0x99));
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x0, y0, gridW, gridH);

        g.setColor(Theme.TEXT);
        g.setFont(tickFont);
        for (int r = 0; r < rowLabels.size(); r++) {
            String s = rowLabels.get(r);
            g.drawString(s, x0 - 6 - kfm.stringWidth(s), y0 + r * cell + (cell - kfm.getHeight()) / 2 + kfm.getAscent());
        }
        for (int c = 0; c < columnLabels.size(); c++) {
            String s = columnLabels.get(c);
            int cx = x0 + c * cell + cell / 2;
            if (rotate) {
                AffineTransform saved = g.getTransform();
                g.translate(cx, y0 + gridH + 6);
                g.rotate(-Math.PI / 4);
                g.drawString(s, -kfm.stringWidth(s), kfm.getAscent());
                g.setTransform(saved);
            } else {
                g.drawString(s, cx - kfm.stringWidth(s) / 2, y0 + gridH + 4 + kfm.getAscent());
            }
        }
        if (!options.xLabel().isEmpty()) {
            g.setFont(labelFont);
            g.drawString(options.xLabel(), x0 + (gridW - lfm.stringWidth(options.xLabel())) / 2,
                    y0 + gridH + colLabelH + PAD / 2 + lfm.getAscent());
        }
        if (!options.yLabel().isEmpty()) {
            g.setFont(labelFont);
            AffineTransform saved = g.getTransform();
            g.translate(PAD + lfm.getAscent(), y0 + (gridH + lfm.stringWidth(options.yLabel())) / 2.0);
            g.rotate(-Math.PI / 2);
            g.drawString(options.yLabel(), 0, 0);
            g.setTransform(saved);
        }
        // Colour bar.
        int bx = x0 + gridW + PAD;
        for (int y = 0; y < gridH; y++) {
            g.setColor(colormap.color(1.0 - y / (double) Math.max(1, gridH - 1)));
            g.fillRect(bx, y0 + y, barW, 1);
        }
        g.setColor(new Color(0x99, 0x99, 0x99));
        g.drawRect(bx, y0, barW, gridH);
        g.setColor(Theme.TEXT);
        g.setFont(tickFont);
        g.drawString(hiText, bx + barW + 6, y0 + kfm.getAscent());
        g.drawString(loText, bx + barW + 6, y0 + gridH);
    }

    private String tick(double v) {
        return label(v);
    }

    /** Collects the matrix and its labels. */
    public static final class Builder {
        private ChartOptions options = ChartOptions.builder().size(560, 480).build();
        private final List<String> rowLabels = new ArrayList<>();
        private final List<String> columnLabels = new ArrayList<>();
        private double[][] values;
        private Colormap colormap = Colormap.VIRIDIS;
        private Double min;
        private Double max;
        private String format = "%.2f";
        private boolean annotate = true;

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
         * The values, one array per row (copied).
         *
         * @param v the rows, all of the same length
         * @return this builder
         */
        public Builder values(double[][] v) {
            values = v;
            return this;
        }

        /**
         * Integer values (counts), shown without decimals.
         *
         * @param v the rows of counts, all of the same length
         * @return this builder
         */
        public Builder counts(long[][] v) {
            if (v == null) {
                throw new InvalidConfigException("counts must not be null");
            }
            values = new double[v.length][];
            for (int r = 0; r < v.length; r++) {
                values[r] = v[r] == null ? null : java.util.Arrays.stream(v[r]).asDoubleStream().toArray();
            }
            format = "%.0f";
            return this;
        }

        /**
         * The row labels, top to bottom.
         *
         * @param v one label per row
         * @return this builder
         */
        public Builder rowLabels(List<String> v) {
            rowLabels.clear();
            rowLabels.addAll(v);
            return this;
        }

        /**
         * The column labels, left to right.
         *
         * @param v one label per column
         * @return this builder
         */
        public Builder columnLabels(List<String> v) {
            columnLabels.clear();
            columnLabels.addAll(v);
            return this;
        }

        /**
         * Colormap (default viridis; a diverging one centres an automatic range on 0).
         *
         * @param v the colormap
         * @return this builder
         */
        public Builder colormap(Colormap v) {
            colormap = v == null ? Colormap.VIRIDIS : v;
            return this;
        }

        /**
         * Fixed colour range.
         *
         * @param lo the value drawn with the colormap's first colour
         * @param hi the value drawn with its last colour, above {@code lo}
         * @return this builder
         */
        public Builder range(double lo, double hi) {
            if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
                throw new InvalidConfigException("matrix colour range needs finite min < max but got " + lo + ", " + hi);
            }
            min = lo;
            max = hi;
            return this;
        }

        /**
         * {@link String#format} pattern for the cell text (default {@code %.2f}).
         *
         * @param v the pattern, e.g. {@code %.3f}
         * @return this builder
         */
        public Builder format(String v) {
            try {
                String.format(Locale.ROOT, v, 1.0);
            } catch (RuntimeException e) {
                throw new InvalidConfigException("bad number format '" + v + "': " + e.getMessage());
            }
            format = v;
            return this;
        }

        /**
         * Write values in cells (default true).
         *
         * @param v whether to write the values
         * @return this builder
         */
        public Builder annotate(boolean v) {
            annotate = v;
            return this;
        }

        /**
         * Checks the data and builds the chart.
         *
         * @return the chart
         * @throws org.xai4j.core.InvalidConfigException if there are no values or the matrix does not fit the chart size
         * @throws org.xai4j.core.InvalidShapeException if the rows differ in length or the labels do not match them
         */
        public MatrixChart build() {
            return new MatrixChart(this);
        }
    }
}
