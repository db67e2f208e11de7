package org.xai4j.viz.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.viz.color.Colormap;

/** Ready-made charts for the figures an explanation report needs. */
public final class Charts {
    private Charts() {
    }

    /**
     * Class probabilities as bars on [0, 1]; each class name carries its value, e.g. "shirt (0.81)".
     *
     * @param title the chart title
     * @param classes the class names
     * @param probabilities one probability per class
     * @return the chart
     */
    public static BarChart probabilities(String title, List<String> classes, double[] probabilities) {
        if (classes.size() != probabilities.length) {
            throw new InvalidShapeException(classes.size() + " class names for " + probabilities.length + " probabilities");
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            labels.add(String.format(Locale.ROOT, "%s (%.2f)", classes.get(i), probabilities[i]));
        }
        return BarChart.builder()
                .options(ChartOptions.builder().title(title).xLabel("class").yLabel("probability").build())
                .categories(labels).series("probability", probabilities).yRange(0, 1).build();
    }

    /**
     * One value per class (e.g. mean predictive entropy per class).
     *
     * @param title the chart title
     * @param valueName the y-axis title
     * @param classes the class names
     * @param values one value per class
     * @return the chart
     */
    public static BarChart perClass(String title, String valueName, List<String> classes, double[] values) {
        return BarChart.builder()
                .options(ChartOptions.builder().title(title).xLabel("class").yLabel(valueName).build())
                .categories(classes).series(valueName, values).build();
    }

    /**
     * TCAV scores (Kim et al., 2018) per concept, one series per layer, with error bars (e.g. the
     * standard deviation over random concept sets; {@code null} for none); the y axis is [0, 1].
     *
     * @param title the chart title
     * @param concepts the concept names
     * @param scoresByLayer layer → one score per concept
     * @param errorsByLayer layer → one error per concept, or null for none
     * @return the chart
     */
    public static BarChart tcav(String title, List<String> concepts, Map<String, double[]> scoresByLayer,
                                Map<String, double[]> errorsByLayer) {
        BarChart.Builder b = BarChart.builder()
                .options(ChartOptions.builder().title(title).xLabel("concept").yLabel("TCAV score").build())
                .categories(concepts).yRange(0, 1);
        scoresByLayer.forEach((layer, s) -> b.series(layer, s, errorsByLayer == null ? null : errorsByLayer.get(layer)));
        return b.build();
    }

    /**
     * Deletion or insertion curves (Petsiuk et al., 2018, RISE): the model's score as a growing
     * fraction of pixels is removed or inserted, one curve per method; legend entries carry the area
     * under each curve.
     *
     * @param title the chart title
     * @param xLabel the x-axis title, e.g. "fraction of pixels removed"
     * @param scoresByMethod method → the score at evenly spaced fractions from 0 to 1
     * @return the chart
     */
    public static LineChart deletionInsertion(String title, String xLabel, Map<String, double[]> scoresByMethod) {
        LineChart.Builder b = LineChart.builder()
                .options(ChartOptions.builder().title(title).xLabel(xLabel).yLabel("score").build())
                .xRange(0, 1);
        scoresByMethod.forEach((method, s) -> {
            Curve c = Curve.overFractions(method, s);
            b.curve(Curve.overFractions(String.format(java.util.Locale.ROOT, "%s (AUC %.3f)", method, c.area()), s));
        });
        return b.build();
    }

    /**
     * Per-epoch training curves (loss, accuracy, …), one per entry.
     *
     * @param title the chart title
     * @param yLabel the y-axis title
     * @param valuesByName curve name → one value per epoch
     * @return the chart
     */
    public static LineChart training(String title, String yLabel, Map<String, double[]> valuesByName) {
        LineChart.Builder b = LineChart.builder()
                .options(ChartOptions.builder().title(title).xLabel("epoch").yLabel(yLabel).build()).markers(true);
        valuesByName.forEach((name, v) -> b.curve(Curve.overEpochs(name, v)));
        return b.build();
    }

    /**
     * A confusion matrix of counts: rows are true classes, columns predicted ones.
     *
     * @param title the chart title
     * @param classes the class names
     * @param counts K × K counts
     * @return the chart
     */
    public static MatrixChart confusion(String title, List<String> classes, long[][] counts) {
        return MatrixChart.builder()
                .options(ChartOptions.builder().title(title).xLabel("predicted").yLabel("true").size(560, 500).build())
                .counts(counts).rowLabels(classes).columnLabels(classes).colormap(Colormap.VIRIDIS).build();
    }

    /**
     * Agreement between methods (e.g. mean Spearman correlation of their maps), coloured on [−1, 1]
     * with a diverging map.
     *
     * @param title the chart title
     * @param methods the method names
     * @param values methods × methods values in [−1, 1]
     * @return the chart
     */
    public static MatrixChart agreement(String title, List<String> methods, double[][] values) {
        return MatrixChart.builder()
                .options(ChartOptions.builder().title(title).size(560, 500).build())
                .values(values).rowLabels(methods).columnLabels(methods).colormap(Colormap.BWR).range(-1, 1).build();
    }

    /**
     * A reliability diagram of {@code bins}.
     *
     * @param title the chart title
     * @param bins the bins
     * @return the chart
     */
    public static ReliabilityDiagram reliability(String title, ReliabilityBins bins) {
        return new ReliabilityDiagram(ChartOptions.builder().title(title).size(480, 440).build(), bins);
    }
}
