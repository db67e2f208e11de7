package org.xai4j.viz.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.viz.color.Colormap;

/**
 * The confusion-evolution view: a heatmap of instances (rows) × epochs (columns) coloured by the predicted
 * class, with each row's true class in a strip on its left and three bars on its right — how often the
 * prediction changed (frequency), how many classes it visited (variability) and how often it was wrong
 * (misclassification rate); above it the loss and accuracy curves, one point per epoch column; beside it
 * the class colours and the final epoch's confusion matrix. Drawn with Java2D (PNG and SVG through
 * {@link Chart}).
 */
public final class ConfusionEvolutionChart extends SizedChart {
    private static final int PAD = 14;
    private static final Color MUTED = new Color(0x55, 0x5d, 0x66);
    private static final Color FRAME = new Color(0x99, 0x99, 0x99);
    private static final Color[] BAR = {new Color(0xff7f0e), new Color(0x9467bd), new Color(0xd62728)};

    /**
     * What the view shows.
     *
     * @param classNames        K names
     * @param rows              R × E predicted classes, one row per shown instance, in display order
     * @param rowLabels         R true classes
     * @param frequency         R values in [0, 1]
     * @param variability       R class counts in [1, K]
     * @param misclassification R values in [0, 1]
     * @param curves            per-epoch curves (E values each, NaN for gaps): names containing "acc" go to the
     *                          accuracy panel (0 … 1), the others to the loss panel
     * @param finalConfusion    K × K counts of the last epoch (rows true class), or {@code null} for none
     * @param note              a line under the title (e.g. how the rows were chosen and sorted), or {@code null}
     */
    public record Data(List<String> classNames, int[][] rows, int[] rowLabels, double[] frequency, int[] variability,
                       double[] misclassification, Map<String, double[]> curves, long[][] finalConfusion, String note) {
        /**
         * Checks the shapes and copies the arrays.
         *
         * @param classNames K names
         * @param rows R × E predicted classes, one row per shown instance, in display order
         * @param rowLabels R true classes
         * @param frequency R values in [0, 1]
         * @param variability R class counts in [1, K]
         * @param misclassification R values in [0, 1]
         * @param curves per-epoch curves (E values each, NaN for gaps): names containing "acc" go to the accuracy
         *     panel (0 … 1), the others to the loss panel
         * @param finalConfusion K × K counts of the last epoch (rows true class), or {@code null} for none
         * @param note a line under the title (e.g. how the rows were chosen and sorted), or {@code null}
         * @throws org.xai4j.core.InvalidShapeException if a name, row or value is missing or the lengths disagree
         */
        public Data {
            if (classNames == null || classNames.isEmpty()) {
                throw new InvalidShapeException("the confusion-evolution view needs class names");
            }
            classNames = List.copyOf(classNames);
            int k = classNames.size();
            if (rows == null || rows.length == 0 || rows[0] == null || rows[0].length == 0) {
                throw new InvalidShapeException("the confusion-evolution view needs at least one instance and one epoch");
            }
            int e = rows[0].length;
            int r = rows.length;
            int[][] copy = new int[r][];
            for (int i = 0; i < r; i++) {
                if (rows[i] == null || rows[i].length != e) {
                    throw new InvalidShapeException("row " + i + " holds " + (rows[i] == null ? 0 : rows[i].length) + " epochs but row 0 holds " + e);
                }
                copy[i] = rows[i].clone();
                for (int v : copy[i]) {
                    requireClass(v, k, "row " + i);
                }
            }
            rows = copy;
            rowLabels = sized(rowLabels, r, "row labels").clone();
            for (int v : rowLabels) {
                requireClass(v, k, "row label");
            }
            frequency = unit(frequency, r, "frequency");
            misclassification = unit(misclassification, r, "misclassification");
            variability = sized(variability, r, "variability").clone();
            Map<String, double[]> c = new LinkedHashMap<>();
            if (curves != null) {
                for (Map.Entry<String, double[]> en : curves.entrySet()) {
                    double[] v = en.getValue();
                    if (v == null || v.length != e) {
                        throw new InvalidShapeException("curve '" + en.getKey() + "' has " + (v == null ? 0 : v.length) + " values for " + e + " epochs");
                    }
                    for (double d : v) {
                        if (Double.isInfinite(d)) {
                            throw new NonFiniteValueException("curve '" + en.getKey() + "' holds " + d);
                        }
                    }
                    c.put(en.getKey(), v.clone());
                }
            }
            curves = java.util.Collections.unmodifiableMap(c);
            if (finalConfusion != null) {
                if (finalConfusion.length != k) {
                    throw new InvalidShapeException("the final confusion matrix must be " + k + " × " + k);
                }
                long[][] fc = new long[k][];
                for (int a = 0; a < k; a++) {
                    if (finalConfusion[a] == null || finalConfusion[a].length != k) {
                        throw new InvalidShapeException("the final confusion matrix must be " + k + " × " + k);
                    }
                    fc[a] = finalConfusion[a].clone();
                }
                finalConfusion = fc;
            }
            note = note == null ? "" : note;
        }

        private static void requireClass(int v, int k, String what) {
            if (v < 0 || v >= k) {
                throw new InvalidShapeException(what + " holds the class " + v + ", outside 0.." + (k - 1));
            }
        }

        private static int[] sized(int[] v, int r, String what) {
            if (v == null || v.length != r) {
                throw new InvalidShapeException(what + " hold " + (v == null ? 0 : v.length) + " values for " + r + " rows");
            }
            return v;
        }

        private static double[] unit(double[] v, int r, String what) {
            if (v == null || v.length != r) {
                throw new InvalidShapeException(what + " holds " + (v == null ? 0 : v.length) + " values for " + r + " rows");
            }
            for (double d : v) {
                if (!(d >= 0 && d <= 1)) {
                    throw new InvalidShapeException(what + " must lie in [0, 1] but holds " + d);
                }
            }
            return v.clone();
        }

        int epochs() {
            return rows[0].length;
        }
    }

    private final Data data;
    /** The heatmap's rectangle in the last {@link #paint}, for tests. */
    private volatile Rectangle2D lastHeatmap;

    /**
     * The chart of {@code data}.
     *
     * @param options the title and size
     * @param data the instances, epochs and curves
     * @throws org.xai4j.core.InvalidConfigException if {@code options} or {@code data} is null
     */
    public ConfusionEvolutionChart(ChartOptions options, Data data) {
        super(options);
        if (options == null || data == null) {
            throw new InvalidConfigException("a confusion-evolution chart needs options and data");
        }
        this.data = data;
    }

    @Override
    public void paint(Graphics2D g) {
        antialias(g);
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        Font textFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        FontMetrics tfm = g.getFontMetrics(titleFont);
        FontMetrics fm = g.getFontMetrics(textFont);
        FontMetrics kfm = g.getFontMetrics(tickFont);
        int w = options.width();
        int h = options.height();
        int e = data.epochs();
        int r = data.rows().length;
        int k = data.classNames().size();

        g.setColor(Theme.TEXT);
        g.setFont(titleFont);
        int y = PAD + tfm.getAscent();
        g.drawString(options.title().isEmpty() ? "Confusion evolution" : options.title(), PAD, y);
        if (!data.note().isEmpty()) {
            g.setFont(textFont);
            g.setColor(MUTED);
            y += fm.getHeight() + 2;
            g.drawString(data.note(), PAD, y);
        }
        int top = y + PAD;

        // Columns: [axis][label strip][heatmap][bars ×3] | [legend + confusion]
        int rightW = Math.min(400, Math.max(260, w / 3));
        int axisW = 46;
        int stripW = 10;
        int barW = 74;
        int barGap = 10;
        int hx0 = PAD + axisW + stripW + 4;
        int hx1 = w - PAD - rightW - PAD - 3 * (barW + barGap);
        if (hx1 - hx0 < 40) {
            throw new InvalidConfigException("a " + w + " pixel wide confusion-evolution chart leaves no room for its heatmap");
        }
        // More epochs than pixels: each pixel column shows the class of the last epoch drawn into it.
        double cellW = (hx1 - hx0) / (double) e;

        List<String> lossNames = new ArrayList<>();
        List<String> accNames = new ArrayList<>();
        for (String name : data.curves().keySet()) {
            (name.toLowerCase(Locale.ROOT).contains("acc") ? accNames : lossNames).add(name);
        }
        int panelH = 96;
        int panelGap = 16;
        int legendH = kfm.getHeight() + 6;
        int py = top;
        if (!lossNames.isEmpty()) {
            py += legendH;
            curvePanel(g, lossNames, "loss", false, hx0, py, cellW, panelH, fm, kfm);
            py += panelH + panelGap;
        }
        if (!accNames.isEmpty()) {
            py += legendH;
            curvePanel(g, accNames, "accuracy", true, hx0, py, cellW, panelH, fm, kfm);
            py += panelH + panelGap;
        }

        // Bar headers.
        int headY = py + fm.getAscent();
        String[] heads = {"changed", "classes", "wrong"};
        // The visited-classes bar runs from 1 to the most classes any shown row visited (at least 2).
        int maxVisited = 2;
        for (int v : data.variability()) {
            maxVisited = Math.max(maxVisited, v);
        }
        String[] scales = {"0 … 1", "1 … " + maxVisited, "0 … 1"};
        g.setFont(textFont);
        for (int b = 0; b < 3; b++) {
            int bx = hx1 + barGap + b * (barW + barGap);
            g.setColor(BAR[b]);
            g.drawString(heads[b], bx, headY);
            g.setColor(MUTED);
            g.setFont(tickFont);
            g.drawString(scales[b], bx, headY + kfm.getHeight());
            g.setFont(textFont);
        }
        g.setColor(Theme.TEXT);
        g.drawString("true", PAD + axisW - fm.stringWidth("true") + stripW, headY + kfm.getHeight());
        int hy0 = headY + kfm.getHeight() + 8;
        int hy1 = h - PAD - kfm.getHeight() - fm.getHeight() - 8;
        if (hy1 - hy0 < 20) {
            throw new InvalidConfigException("the confusion-evolution chart is too short (" + h + " pixels) for its curves and heatmap");
        }
        double rowH = (hy1 - hy0) / (double) r;
        lastHeatmap = new Rectangle2D.Double(hx0, hy0, hx1 - hx0, hy1 - hy0);

        // Heatmap: runs of one class in a row are one rectangle, on whole pixels without antialiasing (no seams).
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        for (int i = 0; i < r; i++) {
            int[] row = data.rows()[i];
            int ry = (int) Math.round(hy0 + i * rowH);
            int rh = Math.max(1, (int) Math.round(hy0 + (i + 1) * rowH) - ry);
            int start = 0;
            for (int t = 1; t <= e; t++) {
                if (t == e || row[t] != row[start]) {
                    int xa = (int) Math.round(hx0 + start * cellW);
                    int width = Math.max(1, (int) Math.round(hx0 + t * cellW) - xa);
                    xa = Math.min(xa, hx1 - width);
                    g.setColor(Theme.classColor(row[start]));
                    g.fillRect(xa, ry, width, rh);
                    start = t;
                }
            }
            g.setColor(Theme.classColor(data.rowLabels()[i]));
            g.fillRect(hx0 - stripW - 4, ry, stripW, rh);
            double[] values = {data.frequency()[i], (data.variability()[i] - 1) / (double) (maxVisited - 1),
                data.misclassification()[i]};
            int inset = rh > 4 ? Math.max(1, rh / 8) : 0;
            for (int b = 0; b < 3; b++) {
                int bx = hx1 + barGap + b * (barW + barGap);
                int len = (int) Math.round(values[b] * barW);
                if (values[b] > 0) {
                    g.setColor(BAR[b]);
                    g.fillRect(bx, ry + inset, Math.max(1, len), rh - 2 * inset);
                }
            }
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(FRAME);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(hx0, hy0, hx1 - hx0, hy1 - hy0));
        for (int b = 0; b < 3; b++) {
            int bx = hx1 + barGap + b * (barW + barGap);
            g.setColor(new Color(0xdd, 0xdd, 0xdd));
            g.draw(new Rectangle2D.Double(bx, hy0, barW, hy1 - hy0));
        }
        // Row axis: the instance count.
        g.setColor(Theme.TEXT);
        g.setFont(textFont);
        AffineTransform saved = g.getTransform();
        String rowsLabel = String.format(Locale.ROOT, "%,d instances", r);
        g.translate(PAD + fm.getAscent(), (hy0 + hy1) / 2.0 + fm.stringWidth(rowsLabel) / 2.0);
        g.rotate(-Math.PI / 2);
        g.drawString(rowsLabel, 0, 0);
        g.setTransform(saved);
        // Epoch ticks under the heatmap (1-based, as training logs count).
        epochTicks(g, hx0, cellW, e, hy1, kfm);
        g.setFont(textFont);
        g.setColor(Theme.TEXT);
        String xl = "epoch";
        g.drawString(xl, (float) ((hx0 + hx1) / 2.0 - fm.stringWidth(xl) / 2.0), hy1 + kfm.getHeight() + 4 + fm.getAscent());

        // Right column: legend, then the final confusion matrix.
        int rx = w - PAD - rightW;
        int ly = top;
        g.setFont(textFont);
        g.setColor(Theme.TEXT);
        g.drawString("predicted / true class", rx, ly + fm.getAscent());
        ly += fm.getHeight() + 4;
        int perCol = (k + 1) / 2;
        int colW = rightW / 2;
        for (int a = 0; a < k; a++) {
            int cx = rx + (a / perCol) * colW;
            int cy = ly + (a % perCol) * (fm.getHeight() + 2);
            g.setColor(Theme.classColor(a));
            g.fillRect(cx, cy + 2, 12, fm.getHeight() - 4);
            g.setColor(Theme.TEXT);
            String name = data.classNames().get(a);
            g.drawString(clip(name.equals("class " + a) ? name : a + " " + name, colW - 18, fm), cx + 16, cy + fm.getAscent());
        }
        ly += perCol * (fm.getHeight() + 2) + PAD;
        if (data.finalConfusion() != null) {
            int mh = Math.min(rightW, h - PAD - ly);
            if (mh >= 120) {
                List<String> names = new ArrayList<>();
                for (int a = 0; a < k; a++) {
                    names.add(k > 12 ? String.valueOf(a) : clip(data.classNames().get(a), 90, kfm));
                }
                MatrixChart m = MatrixChart.builder()
                        .options(ChartOptions.builder().title("Final epoch: confusion").xLabel("predicted").yLabel("true")
                                .size(rightW, mh).build())
                        .counts(data.finalConfusion()).rowLabels(names).columnLabels(names).colormap(Colormap.VIRIDIS)
                        .annotate(k <= 12).build();
                AffineTransform before = g.getTransform();
                Shape clip = g.getClip();
                g.translate(rx, ly);
                g.clipRect(0, 0, rightW, mh);
                m.paint(g);
                g.setTransform(before);
                g.setClip(clip);
            }
        }
    }

    /** The heatmap's rectangle in the last paint. */
    Rectangle2D lastHeatmap() {
        return lastHeatmap;
    }

    private void curvePanel(Graphics2D g, List<String> names, String label, boolean unit, int hx0, int py, double cellW, int panelH,
                            FontMetrics fm, FontMetrics kfm) {
        int e = data.epochs();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (String n : names) {
            for (double v : data.curves().get(n)) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (unit) {
            lo = Math.min(0, lo);
            hi = Math.max(1, hi);
        }
        if (!(lo < hi)) {
            double c = Double.isFinite(lo) ? lo : 0;
            lo = c - 0.5;
            hi = c + 0.5;
        } else if (!unit) {
            double m = (hi - lo) * 0.08;
            lo = lo >= 0 ? Math.max(0, lo - m) : lo - m;
            hi += m;
        }
        double x0 = hx0;
        double x1 = hx0 + cellW * e;
        g.setColor(new Color(0xf7, 0xf8, 0xfa));
        g.fill(new Rectangle2D.Double(x0, py, x1 - x0, panelH));
        g.setColor(Theme.GRID);
        for (int q = 0; q <= 2; q++) {
            double yy = py + panelH * q / 2.0;
            g.draw(new Line2D.Double(x0, yy, x1, yy));
        }
        g.setFont(kfm.getFont());
        g.setColor(Theme.TEXT);
        for (int q = 0; q <= 2; q++) {
            double v = hi - (hi - lo) * q / 2.0;
            String s = tick(v);
            g.drawString(s, (float) (x0 - 6 - kfm.stringWidth(s)), (float) (py + panelH * q / 2.0 + kfm.getAscent() / 2.0 - 1));
        }
        AffineTransform saved = g.getTransform();
        g.setFont(fm.getFont());
        g.translate(PAD + fm.getAscent(), py + panelH / 2.0 + fm.stringWidth(label) / 2.0);
        g.rotate(-Math.PI / 2);
        g.drawString(label, 0, 0);
        g.setTransform(saved);
        int legendX = (int) x0 + 6;
        int c = 0;
        for (String n : names) {
            Color col = curveColor(n, c++);
            double[] v = data.curves().get(n);
            g.setColor(col);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D.Double path = new Path2D.Double();
            boolean down = false;
            for (int t = 0; t < e; t++) {
                if (Double.isNaN(v[t])) {
                    down = false;
                    continue;
                }
                double px = x0 + (t + 0.5) * cellW;
                double yy = py + panelH * (hi - v[t]) / (hi - lo);
                if (down) {
                    path.lineTo(px, yy);
                } else {
                    path.moveTo(px, yy);
                    down = true;
                }
                if (e <= 40) {
                    g.fill(new java.awt.geom.Ellipse2D.Double(px - 2.5, yy - 2.5, 5, 5));
                }
            }
            g.draw(path);
            g.setStroke(new BasicStroke(1f));
            g.setFont(kfm.getFont());
            g.fillRect(legendX, py - 6 - kfm.getAscent() / 2 - 1, 14, 3);
            g.setColor(Theme.TEXT);
            g.drawString(n, legendX + 18, py - 6);
            legendX += 18 + kfm.stringWidth(n) + 14;
        }
        g.setColor(FRAME);
        g.draw(new Rectangle2D.Double(x0, py, x1 - x0, panelH));
    }

    private static Color curveColor(String name, int index) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("train")) {
            return Theme.PALETTE[0];
        }
        if (n.startsWith("val")) {
            return Theme.PALETTE[1];
        }
        return Theme.PALETTE[(2 + index) % Theme.PALETTE.length];
    }

    private static void epochTicks(Graphics2D g, int hx0, double cellW, int e, int hy1, FontMetrics kfm) {
        g.setFont(kfm.getFont());
        g.setColor(Theme.TEXT);
        int widest = kfm.stringWidth(String.valueOf(e)) + 8;
        int step = 1;
        while (step * cellW < widest) {
            step = step == 1 ? 2 : step == 2 ? 5 : step * 2;
        }
        for (int t = 0; t < e; t++) {
            int label = t + 1;
            if (label != 1 && label % step != 0 && t != e - 1) {
                continue;
            }
            if (t == e - 1 && label % step != 0 && (label - label / step * step) * cellW < widest) {
                continue;
            }
            String s = String.valueOf(label);
            double cx = hx0 + (t + 0.5) * cellW;
            g.drawString(s, (float) (cx - kfm.stringWidth(s) / 2.0), hy1 + kfm.getAscent() + 3);
        }
    }

    private static String tick(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 0.01 || a >= 1e4)) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : "%.2f", v);
    }

    private static String clip(String s, int width, FontMetrics fm) {
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && fm.stringWidth(t + "…") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }
}
