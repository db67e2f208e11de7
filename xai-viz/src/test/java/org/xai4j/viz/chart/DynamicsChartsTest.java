package org.xai4j.viz.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xai4j.core.InvalidShapeException;

/** The instance-flow and confusion-evolution charts on a synthetic training history. */
class DynamicsChartsTest {
    static final List<String> NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
            "Bag", "Ankle boot");

    /** E × N predictions drifting towards the labels; labels i mod K. */
    static int[][] history(int epochs, int n, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] p = new int[epochs][n];
        for (int i = 0; i < n; i++) {
            p[0][i] = r.nextInt(k);
            for (int e = 1; e < epochs; e++) {
                double u = r.nextDouble();
                p[e][i] = u < 0.55 ? p[e - 1][i] : u < 0.55 + 0.3 * e / epochs + 0.1 ? i % k : r.nextInt(k);
            }
        }
        return p;
    }

    static long[][] counts(int[][] p, int k) {
        long[][] c = new long[p.length][k];
        for (int e = 0; e < p.length; e++) {
            for (int v : p[e]) {
                c[e][v]++;
            }
        }
        return c;
    }

    static long[][][] flows(int[][] p, int k) {
        long[][][] f = new long[p.length - 1][k][k];
        for (int e = 0; e + 1 < p.length; e++) {
            for (int i = 0; i < p[e].length; i++) {
                f[e][p[e][i]][p[e + 1][i]]++;
            }
        }
        return f;
    }

    static InstanceFlowChart flowChart(int[][] p, int k) {
        List<String> epochs = new ArrayList<>();
        for (int e = 0; e < p.length; e++) {
            epochs.add("epoch " + (e + 1));
        }
        return new InstanceFlowChart(ChartOptions.builder().title("Instance flow").size(1100, 620).build(), epochs, NAMES.subList(0, k),
                counts(p, k), flows(p, k));
    }

    static ConfusionEvolutionChart evolution(int[][] p, int k) {
        int e = p.length;
        int n = p[0].length;
        int[][] rows = new int[n][e];
        int[] labels = new int[n];
        double[] freq = new double[n];
        int[] var = new int[n];
        double[] wrong = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % k;
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            int ch = 0;
            int w = 0;
            for (int t = 0; t < e; t++) {
                rows[i][t] = p[t][i];
                seen.add(p[t][i]);
                ch += t > 0 && p[t][i] != p[t - 1][i] ? 1 : 0;
                w += p[t][i] != labels[i] ? 1 : 0;
            }
            freq[i] = ch / (double) (e - 1);
            var[i] = seen.size();
            wrong[i] = w / (double) e;
        }
        Map<String, double[]> curves = new LinkedHashMap<>();
        double[] tl = new double[e];
        double[] vl = new double[e];
        double[] acc = new double[e];
        for (int t = 0; t < e; t++) {
            tl[t] = 2.0 * Math.exp(-0.3 * t) + 0.2;
            vl[t] = 2.1 * Math.exp(-0.25 * t) + 0.35;
            int ok = 0;
            for (int i = 0; i < n; i++) {
                ok += p[t][i] == labels[i] ? 1 : 0;
            }
            acc[t] = ok / (double) n;
        }
        curves.put("train_loss", tl);
        curves.put("val_loss", vl);
        curves.put("val_accuracy", acc);
        long[][] conf = new long[k][k];
        for (int i = 0; i < n; i++) {
            conf[labels[i]][p[e - 1][i]]++;
        }
        return new ConfusionEvolutionChart(ChartOptions.builder().title("Confusion evolution").size(1280, 900).build(),
                new ConfusionEvolutionChart.Data(NAMES.subList(0, k), rows, labels, freq, var, wrong, curves, conf,
                        n + " instances, in index order"));
    }

    @Test
    void flowNodesHaveClassColoursAndHeightsProportionalToCounts() {
        // 3 classes, 2 epochs: counts (6, 3, 0) then (2, 3, 4); class 2 is empty in the first column.
        long[][] counts = {{6, 3, 0}, {2, 3, 4}};
        long[][][] flows = {{{2, 1, 3}, {0, 2, 1}, {0, 0, 0}}};
        InstanceFlowChart c = new InstanceFlowChart(ChartOptions.builder().size(600, 400).build(), List.of("epoch 1", "epoch 2"),
                List.of("a", "b", "c"), counts, flows);
        BufferedImage img = c.render();
        java.awt.geom.Rectangle2D[][] nodes = c.lastNodes();
        assertThat(nodes[0][2]).isNull();
        double perInstance = nodes[0][0].getHeight() / 6;
        for (int j = 0; j < 2; j++) {
            for (int a = 0; a < 3; a++) {
                if (counts[j][a] == 0) {
                    continue;
                }
                assertThat(nodes[j][a].getHeight()).as("node %d/%d", j, a).isCloseTo(counts[j][a] * perInstance,
                        org.assertj.core.data.Offset.offset(1e-9));
                int x = (int) nodes[j][a].getCenterX();
                int y = (int) nodes[j][a].getCenterY();
                assertThat(new Color(img.getRGB(x, y))).as("node %d/%d colour", j, a).isEqualTo(Theme.classColor(a));
            }
        }
        // Nodes of a column are stacked top to bottom in class order.
        assertThat(nodes[1][0].getMaxY()).isLessThan(nodes[1][1].getMinY());
        assertThat(nodes[1][1].getMaxY()).isLessThan(nodes[1][2].getMinY());
    }

    @Test
    void heatmapCellsHaveThePredictedClassColour() {
        int[][] rows = {{0, 1, 1, 2}, {2, 2, 2, 2}, {1, 0, 1, 0}};
        ConfusionEvolutionChart c = new ConfusionEvolutionChart(ChartOptions.builder().size(1000, 700).build(),
                new ConfusionEvolutionChart.Data(List.of("a", "b", "c"), rows, new int[] {1, 2, 0}, new double[] {2 / 3.0, 0, 1},
                        new int[] {3, 1, 2}, new double[] {0.5, 0, 0.5}, Map.of("train_loss", new double[] {1, 0.5, Double.NaN, 0.2}),
                        new long[][] {{0, 1, 0}, {0, 0, 1}, {0, 0, 1}}, null));
        BufferedImage img = c.render();
        java.awt.geom.Rectangle2D area = c.lastHeatmap();
        double cw = area.getWidth() / 4;
        double rh = area.getHeight() / 3;
        for (int i = 0; i < 3; i++) {
            for (int t = 0; t < 4; t++) {
                int x = (int) (area.getX() + (t + 0.5) * cw);
                int y = (int) (area.getY() + (i + 0.5) * rh);
                assertThat(new Color(img.getRGB(x, y))).as("row %d epoch %d", i, t).isEqualTo(Theme.classColor(rows[i][t]));
            }
        }
    }

    @Test
    void moreEpochsThanPixelsStillDraw() {
        int[][] p = history(1500, 40, 4, 9);
        BufferedImage img = evolution(p, 4).render();
        assertThat(img.getWidth()).isEqualTo(1280);
        ConfusionEvolutionChart c = evolution(p, 4);
        BufferedImage again = c.render();
        java.awt.geom.Rectangle2D area = c.lastHeatmap();
        // The last pixel column of the first row holds the last epoch's class (drawn last).
        int x = (int) Math.round(area.getMaxX()) - 1;
        int y = (int) (area.getY() + area.getHeight() / 80);
        assertThat(new Color(again.getRGB(x, y))).isEqualTo(Theme.classColor(p[1499][0]));
    }

    @Test
    void badInputIsRefused() {
        List<String> ab = List.of("a", "b");
        assertThatThrownBy(() -> new InstanceFlowChart(ChartOptions.builder().build(), List.of("e1"), ab, new long[][] {{1, 1}},
                new long[0][][])).isInstanceOf(InvalidShapeException.class).hasMessageContaining("at least two epochs");
        assertThatThrownBy(() -> new InstanceFlowChart(ChartOptions.builder().build(), List.of("e1", "e2"), ab,
                new long[][] {{1, 1}, {2, 0}}, new long[][][] {{{1, 0}, {0, 1}}}))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("flows into column 1");
        assertThatThrownBy(() -> new InstanceFlowChart(ChartOptions.builder().build(), List.of("e1", "e2"), ab,
                new long[][] {{1, 1}, {1, 2}}, new long[][][] {{{1, 0}, {0, 1}}}))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("column 1 holds 3 instances but column 0 holds 2");
        assertThatThrownBy(() -> new ConfusionEvolutionChart.Data(ab, new int[][] {{0, 2}}, new int[] {0}, new double[] {0},
                new int[] {1}, new double[] {0}, null, null, null))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("class 2, outside 0..1");
        assertThatThrownBy(() -> new ConfusionEvolutionChart.Data(ab, new int[][] {{0, 1}}, new int[] {0}, new double[] {1.5},
                new int[] {1}, new double[] {0}, null, null, null))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("frequency must lie in [0, 1]");
    }

    @Test
    void drawsBothViews() throws Exception {
        int[][] p = history(8, 300, 10, 3);
        Path out = Path.of("target", "dynamics-charts");
        BufferedImage flow = flowChart(p, 10).render();
        flowChart(p, 10).writePng(out.resolve("instance-flow.png"));
        evolution(p, 10).writePng(out.resolve("confusion-evolution.png"));
        assertThat(flow.getWidth()).isEqualTo(1100);
        assertThat(flowChart(p, 10).toSvg()).startsWith("<?xml").contains("<svg");
    }
}
