package org.xai4j.examples.fashion;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xai4j.metrics.dynamics.InstanceFlow;
import org.xai4j.metrics.dynamics.ShownInstances;
import org.xai4j.metrics.dynamics.TrainingDynamics;
import org.xai4j.metrics.dynamics.TrainingHistory;
import org.xai4j.viz.chart.ChartOptions;
import org.xai4j.viz.chart.ConfusionEvolutionChart;
import org.xai4j.viz.chart.InstanceFlowChart;

/**
 * The recorded training history as the two studies show it: the InstanceFlow view (Pühringer et al., IEEE VIS 2020)
 * over evenly spaced epochs, the confusion-evolution view, the table of unstable instances and the classes whose
 * instances change their prediction most.
 */
public final class TrainingFlow {
    private TrainingFlow() {
    }

    /** At most {@code max} epochs, evenly spaced, the first and last always among them (0-based). */
    public static int[] epochs(int total, int max) {
        if (total <= max) {
            int[] all = new int[total];
            for (int e = 0; e < total; e++) {
                all[e] = e;
            }
            return all;
        }
        int[] out = new int[max];
        for (int j = 0; j < max; j++) {
            out[j] = (int) Math.round(j * (total - 1) / (double) (max - 1));
        }
        return out;
    }

    /** The InstanceFlow view of all recorded instances over at most {@code maxColumns} epochs. */
    public static BufferedImage instanceFlow(TrainingHistory h, List<String> classes, int maxColumns, String title) {
        int[] epochs = epochs(h.epochs(), maxColumns);
        InstanceFlow flow = InstanceFlow.of(h, epochs, InstanceFlow.allInstances(h));
        List<String> labels = new ArrayList<>();
        for (int e : epochs) {
            labels.add("epoch " + (e + 1));
        }
        return new InstanceFlowChart(ChartOptions.builder().title(title).size(1100, 620).build(), labels, classes,
                flow.counts(), flow.flows()).render();
    }

    /** The confusion-evolution view of at most {@code maxRows} instances, the most often wrong first. */
    public static BufferedImage confusionEvolution(TrainingHistory h, TrainingDynamics d, List<String> classes,
                                                   int maxRows, String title) {
        int[] shown = TrainingDynamics.sample(d.order(TrainingDynamics.Order.MISCLASSIFICATION), maxRows);
        ShownInstances rows = ShownInstances.of(h, d, shown);
        Map<String, double[]> curves = new LinkedHashMap<>(h.curves());
        curves.put("test_accuracy", d.epochAccuracy());
        String note = String.format(Locale.ROOT, "%d of %d test images, most often wrong first", shown.length, h.size());
        return new ConfusionEvolutionChart(ChartOptions.builder().title(title).size(1200, 900).build(),
                new ConfusionEvolutionChart.Data(classes, rows.predictions(), rows.labels(), rows.frequency(),
                rows.variability(), rows.misclassificationRate(), curves, d.confusion(h.epochs() - 1), note))
                .render();
    }

    /** The header of {@link #unstableRows}. */
    public static List<String> unstableHeader() {
        return List.of("test image", "true class", "predicted after each epoch", "changes", "classes visited",
                "wrong epochs");
    }

    /** The first {@code max} unstable instances (most frequently changing first) as table rows. */
    public static List<List<String>> unstableRows(TrainingHistory h, TrainingDynamics d, List<String> classes, int max) {
        List<List<String>> rows = new ArrayList<>();
        int[] unstable = d.unstable();
        for (int r = 0; r < Math.min(max, unstable.length); r++) {
            int i = unstable[r];
            StringBuilder path = new StringBuilder();
            for (int e = 0; e < h.epochs(); e++) {
                path.append(e == 0 ? "" : " → ").append(classes.get(h.prediction(e, i)));
            }
            rows.add(List.of(Integer.toString(i), classes.get(h.label(i)), path.toString(),
                    Integer.toString(d.changes()[i]), Integer.toString(d.variability()[i]),
                    String.format(Locale.ROOT, "%.0f%%", 100 * d.misclassificationRate()[i])));
        }
        return rows;
    }

    /**
     * Per true class: the number of unstable instances, their share of the class, and the mean change frequency;
     * sorted by share, most unstable first.
     */
    public static List<Map<String, Object>> unstableClasses(TrainingHistory h, TrainingDynamics d, List<String> classes) {
        int k = classes.size();
        int[] count = new int[k];
        int[] unstable = new int[k];
        double[] freq = new double[k];
        for (int i = 0; i < h.size(); i++) {
            count[h.label(i)]++;
            freq[h.label(i)] += d.frequency()[i];
        }
        for (int i : d.unstable()) {
            unstable[h.label(i)]++;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (count[c] == 0) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class", classes.get(c));
            m.put("unstable", unstable[c]);
            m.put("share", unstable[c] / (double) count[c]);
            m.put("mean_change_frequency", freq[c] / count[c]);
            out.add(m);
        }
        out.sort((a, b) -> {
            int s = Double.compare((Double) b.get("share"), (Double) a.get("share"));
            return s != 0 ? s : Double.compare((Double) b.get("mean_change_frequency"), (Double) a.get("mean_change_frequency"));
        });
        return out;
    }
}
