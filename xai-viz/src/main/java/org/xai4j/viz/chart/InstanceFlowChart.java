package org.xai4j.viz.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Rectangle2D;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;

/**
 * The InstanceFlow view (Pühringer et al., "InstanceFlow: Visualizing the Evolution of Classifier Confusion
 * at the Instance Level", IEEE VIS 2020) as a Sankey diagram: one column per chosen epoch, the predicted
 * classes as stacked nodes whose heights are their instance counts, and bands between consecutive columns
 * whose widths are the numbers of instances that went from one class to another. Bands take the colour of
 * their source class; instances that changed class are drawn strong, those that stayed faint. Drawn with
 * Java2D (PNG and SVG through {@link Chart}).
 */
public final class InstanceFlowChart extends SizedChart {
    private static final int PAD = 14;
    private static final int NODE_W = 14;
    private static final int GAP = 6;

    private final List<String> epochLabels;
    private final List<String> classNames;
    private final long[][] counts;
    private final long[][][] flows;
    private final long total;
    /** Node rectangles of the last {@link #paint} ([column][class], null for empty nodes), for tests. */
    private volatile Rectangle2D[][] lastNodes;

    /**
     * @param options     title (an empty title gets a default) and size
     * @param epochLabels one label per column, e.g. "epoch 1"
     * @param classNames  K names
     * @param counts      [column][class] instances, the same total in every column
     * @param flows       [column][from][to] instances between column j and j + 1; row sums must be column j's
     *                    counts and column sums column j + 1's
     */
    public InstanceFlowChart(ChartOptions options, List<String> epochLabels, List<String> classNames, long[][] counts,
                             long[][][] flows) {
        super(options);
        if (options == null || epochLabels == null || classNames == null || counts == null || flows == null) {
            throw new InvalidConfigException("an instance-flow chart needs options, epoch labels, class names, counts and flows");
        }
        int s = counts.length;
        int k = classNames.size();
        if (s < 2) {
            throw new InvalidShapeException("the flow view needs at least two epochs but got " + s);
        }
        if (k < 1) {
            throw new InvalidShapeException("the flow view needs at least one class name");
        }
        if (epochLabels.size() != s) {
            throw new InvalidShapeException(epochLabels.size() + " epoch labels for " + s + " columns");
        }
        if (flows.length != s - 1) {
            throw new InvalidShapeException(flows.length + " flow matrices for " + s + " columns; expected " + (s - 1));
        }
        long[][] c = new long[s][];
        long t = -1;
        for (int j = 0; j < s; j++) {
            if (counts[j] == null || counts[j].length != k) {
                throw new InvalidShapeException("counts of column " + j + " hold " + (counts[j] == null ? 0 : counts[j].length)
                        + " classes but there are " + k + " class names");
            }
            c[j] = counts[j].clone();
            long sum = 0;
            for (long v : c[j]) {
                if (v < 0) {
                    throw new InvalidShapeException("counts of column " + j + " hold the negative count " + v);
                }
                sum += v;
            }
            if (t >= 0 && sum != t) {
                throw new InvalidShapeException("column " + j + " holds " + sum + " instances but column 0 holds " + t);
            }
            t = sum;
        }
        if (t == 0) {
            throw new InvalidShapeException("the flow view needs at least one instance");
        }
        long[][][] f = new long[s - 1][k][];
        for (int j = 0; j < s - 1; j++) {
            if (flows[j] == null || flows[j].length != k) {
                throw new InvalidShapeException("flow matrix " + j + " must be " + k + " × " + k);
            }
            long[] colSum = new long[k];
            for (int a = 0; a < k; a++) {
                if (flows[j][a] == null || flows[j][a].length != k) {
                    throw new InvalidShapeException("flow matrix " + j + " must be " + k + " × " + k);
                }
                f[j][a] = flows[j][a].clone();
                long row = 0;
                for (int b = 0; b < k; b++) {
                    if (f[j][a][b] < 0) {
                        throw new InvalidShapeException("flow matrix " + j + " holds the negative count " + f[j][a][b]);
                    }
                    row += f[j][a][b];
                    colSum[b] += f[j][a][b];
                }
                if (row != c[j][a]) {
                    throw new InvalidShapeException("flows out of class " + a + " after column " + j + " sum to " + row + " but the column holds "
                            + c[j][a] + " such instances");
                }
            }
            if (!Arrays.equals(colSum, c[j + 1])) {
                throw new InvalidShapeException("flows into column " + (j + 1) + " sum to " + Arrays.toString(colSum) + " per class but it holds "
                        + Arrays.toString(c[j + 1]));
            }
        }
        this.epochLabels = List.copyOf(epochLabels);
        this.classNames = List.copyOf(classNames);
        this.counts = c;
        this.flows = f;
        this.total = t;
    }

    /** The title drawn: the options' or "Instance flow". */
    String title() {
        return options.title().isEmpty() ? "Instance flow" : options.title();
    }

    @Override
    public void paint(Graphics2D g) {
        antialias(g);
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        Font subFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        FontMetrics tfm = g.getFontMetrics(titleFont);
        FontMetrics sfm = g.getFontMetrics(subFont);
        FontMetrics lfm = g.getFontMetrics(labelFont);
        int s = counts.length;
        int k = classNames.size();

        g.setColor(Theme.TEXT);
        g.setFont(titleFont);
        int y = PAD + tfm.getAscent();
        g.drawString(title(), PAD, y);
        String sub = String.format(Locale.ROOT, "%,d instances; band width = instances moving between predicted classes "
                + "(strong: changed class, faint: kept it)", total);
        g.setFont(subFont);
        g.setColor(new Color(0x55, 0x5d, 0x66));
        y += sfm.getHeight() + 2;
        g.drawString(sub, PAD, y);

        int top = y + PAD;
        int bottom = options.height() - PAD - lfm.getHeight() - 4;
        int leftLabel = 0;
        int rightLabel = 0;
        for (int a = 0; a < k; a++) {
            leftLabel = Math.max(leftLabel, lfm.stringWidth(nodeLabel(0, a)));
            rightLabel = Math.max(rightLabel, lfm.stringWidth(nodeLabel(s - 1, a)));
        }
        int x0 = PAD + leftLabel + 6;
        int x1 = options.width() - PAD - rightLabel - 6 - NODE_W;
        if (x1 - x0 < 40 * (s - 1) || bottom - top < 40) {
            throw new InvalidConfigException(s + " epochs and " + k + " classes do not fit in " + options.width() + "×" + options.height()
                    + " pixels");
        }
        int[] nonEmpty = new int[s];
        int maxNonEmpty = 0;
        for (int j = 0; j < s; j++) {
            for (int a = 0; a < k; a++) {
                nonEmpty[j] += counts[j][a] > 0 ? 1 : 0;
            }
            maxNonEmpty = Math.max(maxNonEmpty, nonEmpty[j]);
        }
        double scale = (bottom - top - GAP * (double) Math.max(0, maxNonEmpty - 1)) / total;
        double[] colX = new double[s];
        double[][] nodeY = new double[s][k];
        for (int j = 0; j < s; j++) {
            colX[j] = x0 + (x1 - x0) * (s == 1 ? 0 : j / (double) (s - 1));
            // Centre each column's stack vertically.
            double h = total * scale + GAP * Math.max(0, nonEmpty[j] - 1);
            double yy = top + (bottom - top - h) / 2;
            for (int a = 0; a < k; a++) {
                nodeY[j][a] = yy;
                if (counts[j][a] > 0) {
                    yy += counts[j][a] * scale + GAP;
                }
            }
        }
        // Bands: stays first (faint, underneath), then changes (strong) on top.
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < s - 1; j++) {
                double[] out = new double[k];
                for (int a = 0; a < k; a++) {
                    for (int b = 0; b < k; b++) {
                        long v = flows[j][a][b];
                        double h = v * scale;
                        double ya = nodeY[j][a] + out[a];
                        out[a] += h;
                        if (v == 0) {
                            continue;
                        }
                        // Incoming positions: ordered by source class within the target node.
                        double yb = nodeY[j + 1][b] + inOffset(j, a, b, scale);
                        boolean stay = a == b;
                        if ((pass == 0) != stay) {
                            continue;
                        }
                        Color base = Theme.classColor(a);
                        g.setColor(new Color(base.getRed(), base.getGreen(), base.getBlue(), stay ? 60 : 150));
                        double xa = colX[j] + NODE_W;
                        double xb = colX[j + 1];
                        double mid = (xa + xb) / 2;
                        GeneralPath p = new GeneralPath();
                        p.moveTo(xa, ya);
                        p.curveTo(mid, ya, mid, yb, xb, yb);
                        p.lineTo(xb, yb + h);
                        p.curveTo(mid, yb + h, mid, ya + h, xa, ya + h);
                        p.closePath();
                        g.fill(p);
                    }
                }
            }
        }
        // Nodes and labels.
        Rectangle2D[][] nodes = new Rectangle2D[s][k];
        g.setFont(labelFont);
        for (int j = 0; j < s; j++) {
            for (int a = 0; a < k; a++) {
                if (counts[j][a] == 0) {
                    continue;
                }
                double h = Math.max(1, counts[j][a] * scale);
                nodes[j][a] = new Rectangle2D.Double(colX[j], nodeY[j][a], NODE_W, h);
                g.setColor(Theme.classColor(a));
                g.fill(nodes[j][a]);
                g.setColor(new Color(0x33, 0x33, 0x33));
                g.setStroke(new BasicStroke(0.6f));
                g.draw(nodes[j][a]);
                if (j == 0 || j == s - 1) {
                    String text = nodeLabel(j, a);
                    int ty = (int) Math.round(nodeY[j][a] + h / 2 - lfm.getHeight() / 2.0 + lfm.getAscent());
                    g.setColor(Theme.TEXT);
                    if (j == 0) {
                        g.drawString(text, (float) (colX[j] - 6 - lfm.stringWidth(text)), ty);
                    } else {
                        g.drawString(text, (float) (colX[j] + NODE_W + 6), ty);
                    }
                }
            }
            String e = epochLabels.get(j);
            g.setColor(Theme.TEXT);
            float ex = (float) (colX[j] + NODE_W / 2.0 - lfm.stringWidth(e) / 2.0);
            ex = Math.max(2, Math.min(options.width() - 2 - lfm.stringWidth(e), ex));
            g.drawString(e, ex, options.height() - PAD + 2);
        }
        lastNodes = nodes;
    }

    /** The node rectangles of the last paint ([column][class], null where empty). */
    Rectangle2D[][] lastNodes() {
        return lastNodes;
    }

    private double inOffset(int j, int a, int b, double scale) {
        double off = 0;
        for (int src = 0; src < a; src++) {
            off += flows[j][src][b] * scale;
        }
        return off;
    }

    private String nodeLabel(int column, int a) {
        if (counts[column][a] == 0) {
            return "";
        }
        return classNames.get(a) + " (" + counts[column][a] + ")";
    }
}
