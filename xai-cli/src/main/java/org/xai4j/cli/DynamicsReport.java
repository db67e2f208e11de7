package org.xai4j.cli;

import java.awt.image.BufferedImage;


import java.nio.charset.StandardCharsets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.metrics.dynamics.DynamicsConfig;
import org.xai4j.metrics.dynamics.InstanceFlow;
import org.xai4j.metrics.dynamics.ShownInstances;
import org.xai4j.metrics.dynamics.TrainingDynamics;
import org.xai4j.metrics.dynamics.TrainingHistory;
import org.xai4j.viz.chart.ChartOptions;
import org.xai4j.viz.chart.ConfusionEvolutionChart;
import org.xai4j.viz.chart.InstanceFlowChart;
import org.xai4j.viz.image.ImageTensors;
import org.xai4j.viz.report.DynamicsPage;
import org.xai4j.viz.report.Html;
import org.xai4j.viz.report.ReportSection;

/**
 * Everything {@code xai dynamics} writes for a {@link TrainingHistory}: {@value #JSON} (the
 * {@link TrainingDynamics} summary), {@value #FLOW_PNG} and its SVG (the InstanceFlow Sankey),
 * {@value #EVOLUTION_PNG} and its SVG (the confusion-evolution view) and {@value #HTML} (an interactive
 * page). Usable from Java too: record with {@code DynamicsListener} or {@code PredictionRecorder}, then
 * {@code DynamicsReport.write(history, null, DynamicsReport.Settings.DEFAULTS, dir)}.
 */
public final class DynamicsReport {
    /** The summary's file name. */
    public static final String JSON = "dynamics.json";
    /** The Sankey's file name. */
    public static final String FLOW_PNG = "instance-flow.png";
    /** The confusion-evolution view's file name. */
    public static final String EVOLUTION_PNG = "confusion-evolution.png";
    /** The page's file name. */
    public static final String HTML = "dynamics.html";
    private static final String FLOW_SVG = "instance-flow.svg";
    private static final String EVOLUTION_SVG = "confusion-evolution.svg";
    /** Every file {@link #write} writes into its folder. */
    public static final List<String> FILES = List.of(JSON, FLOW_PNG, FLOW_SVG, EVOLUTION_PNG, EVOLUTION_SVG, HTML);

    private DynamicsReport() {
    }

    /**
     * How the report is drawn.
     *
     * @param classNames        names of the K classes (empty: "class 0", "class 1", …)
     * @param order             the row order of the confusion-evolution heatmap
     * @param maxRows           at most this many heatmap rows (evenly spaced along the order)
     * @param maxPageRows       at most this many instances in the page's interactive table
     * @param flowEpochs        the epochs of the flow view, 0-based and increasing (empty: automatic)
     * @param maxFlowColumns    with automatic epochs, at most this many columns (first and last always)
     * @param flowChangedOnly   the flow view shows only instances whose prediction changed at least once
     * @param flowClass         the flow view shows only instances of this true class (−1: all)
     * @param unstableFrequency see {@link DynamicsConfig#unstableFrequency}
     */
    public record Settings(
            @Help("names of the classes, in class order") List<String> classNames,
            @Help("row order of the heatmap: misclassification, frequency, variability, learned, label") TrainingDynamics.Order order,
            @Help("at most this many heatmap rows, evenly spaced along the order") int maxRows,
            @Help("at most this many instances in the page's table") int maxPageRows,
            @Help("epochs of the flow view (0-based, increasing); empty for automatic") List<Integer> flowEpochs,
            @Help("with automatic epochs, at most this many flow columns") int maxFlowColumns,
            @Help("the flow view shows only instances whose prediction changed") boolean flowChangedOnly,
            @Help("the flow view shows only instances of this true class (-1 for all)") int flowClass,
            @Help("an instance is unstable when its prediction changed in at least this share of transitions") double unstableFrequency)
            implements ExplainerConfig {

        /**
         * The defaults: generic class names, misclassification order, at most 400 heatmap rows and 2000 table
         * rows, automatic flow epochs in at most 10 columns, every instance, {@link DynamicsConfig}'s instability
         * threshold.
         */
        public static final Settings DEFAULTS = new Settings(List.of(), TrainingDynamics.Order.MISCLASSIFICATION, 400, 2000, List.of(),
                10, false, -1, DynamicsConfig.DEFAULTS.unstableFrequency());

        /**
         * Checks the settings and copies the lists; null lists become empty and a null order becomes
         * {@link TrainingDynamics.Order#MISCLASSIFICATION}.
         *
         * @param classNames        names of the K classes, or null or empty for "class 0", "class 1", …
         * @param order             the row order of the confusion-evolution heatmap
         * @param maxRows           at most this many heatmap rows, ≥ 1
         * @param maxPageRows       at most this many instances in the page's table, ≥ 1
         * @param flowEpochs        the epochs of the flow view, or null or empty for automatic
         * @param maxFlowColumns    with automatic epochs, at most this many flow columns, ≥ 2
         * @param flowChangedOnly   the flow view shows only instances whose prediction changed
         * @param flowClass         the flow view's true class, or −1 for all
         * @param unstableFrequency the share of transitions, in [0, 1], that makes an instance unstable
         * @throws InvalidConfigException if a bound is out of range
         */
        public Settings {
            classNames = classNames == null ? List.of() : List.copyOf(classNames);
            order = order == null ? TrainingDynamics.Order.MISCLASSIFICATION : order;
            flowEpochs = flowEpochs == null ? List.of() : List.copyOf(flowEpochs);
            if (maxRows < 1 || maxPageRows < 1) {
                throw new InvalidConfigException("maxRows and maxPageRows must be at least 1 but were " + maxRows + " and " + maxPageRows);
            }
            if (maxFlowColumns < 2) {
                throw new InvalidConfigException("maxFlowColumns must be at least 2 but was " + maxFlowColumns);
            }
            if (flowClass < -1) {
                throw new InvalidConfigException("flowClass must be a class index or -1 (all) but was " + flowClass);
            }
            new DynamicsConfig(unstableFrequency);
        }

        /**
         * A copy with other class names.
         *
         * @param v names of the K classes, in class order; null or empty for "class 0", "class 1", …
         * @return new settings, the other components unchanged
         */
        public Settings withClassNames(List<String> v) {
            return new Settings(v, order, maxRows, maxPageRows, flowEpochs, maxFlowColumns, flowChangedOnly, flowClass, unstableFrequency);
        }

        /**
         * A copy with another heatmap row order.
         *
         * @param v the row order of the confusion-evolution heatmap; null for misclassification
         * @return new settings, the other components unchanged
         */
        public Settings withOrder(TrainingDynamics.Order v) {
            return new Settings(classNames, v, maxRows, maxPageRows, flowEpochs, maxFlowColumns, flowChangedOnly, flowClass, unstableFrequency);
        }

        /**
         * A copy with another limit on heatmap rows.
         *
         * @param v at most this many heatmap rows, ≥ 1
         * @return new settings, the other components unchanged
         * @throws InvalidConfigException if {@code v < 1}
         */
        public Settings withMaxRows(int v) {
            return new Settings(classNames, order, v, maxPageRows, flowEpochs, maxFlowColumns, flowChangedOnly, flowClass, unstableFrequency);
        }

        /**
         * A copy with another limit on the page's table.
         *
         * @param v at most this many instances in the table, ≥ 1
         * @return new settings, the other components unchanged
         * @throws InvalidConfigException if {@code v < 1}
         */
        public Settings withMaxPageRows(int v) {
            return new Settings(classNames, order, maxRows, v, flowEpochs, maxFlowColumns, flowChangedOnly, flowClass, unstableFrequency);
        }

        /**
         * A copy with other flow-view epochs.
         *
         * @param v the epochs, 0-based and increasing; null or empty for automatic
         * @return new settings, the other components unchanged
         */
        public Settings withFlowEpochs(List<Integer> v) {
            return new Settings(classNames, order, maxRows, maxPageRows, v, maxFlowColumns, flowChangedOnly, flowClass, unstableFrequency);
        }

        /**
         * A copy with another limit on automatic flow columns.
         *
         * @param v at most this many columns, ≥ 2
         * @return new settings, the other components unchanged
         * @throws InvalidConfigException if {@code v < 2}
         */
        public Settings withMaxFlowColumns(int v) {
            return new Settings(classNames, order, maxRows, maxPageRows, flowEpochs, v, flowChangedOnly, flowClass, unstableFrequency);
        }

        /**
         * A copy that shows, or not, only instances whose prediction changed.
         *
         * @param v true to hide the instances whose prediction never changed
         * @return new settings, the other components unchanged
         */
        public Settings withFlowChangedOnly(boolean v) {
            return new Settings(classNames, order, maxRows, maxPageRows, flowEpochs, maxFlowColumns, v, flowClass, unstableFrequency);
        }

        /**
         * A copy whose flow view shows one true class, or all.
         *
         * @param v the class index, or −1 for all
         * @return new settings, the other components unchanged
         * @throws InvalidConfigException if {@code v < -1}
         */
        public Settings withFlowClass(int v) {
            return new Settings(classNames, order, maxRows, maxPageRows, flowEpochs, maxFlowColumns, flowChangedOnly, v, unstableFrequency);
        }

        /**
         * A copy with another instability threshold.
         *
         * @param v the share of transitions with a changed prediction, in [0, 1]
         * @return new settings, the other components unchanged
         * @throws InvalidConfigException if {@code v} is outside [0, 1]
         */
        public Settings withUnstableFrequency(double v) {
            return new Settings(classNames, order, maxRows, maxPageRows, flowEpochs, maxFlowColumns, flowChangedOnly, flowClass, v);
        }
    }

    /**
     * Summarises {@code history} and writes the report into {@code dir}.
     *
     * @param images the evaluation set's images (N × C × H × W, N × H × W × C or N × H × W; values in [0, 1], or
     *               0 … 255 for integer arrays) for the page, or {@code null}
     * @param history  the predictions recorded per epoch for every instance
     * @param settings how the report is drawn, or null for {@link Settings#DEFAULTS}
     * @param dir      the folder the JSON, PNG, SVG and HTML files are written into
     * @return the summary
     * @throws InvalidShapeException if {@code images} is not N × … with N the history's instance count
     */
    public static TrainingDynamics write(TrainingHistory history, INDArray images, Settings settings, Path dir) {
        Settings s = settings == null ? Settings.DEFAULTS : settings;
        if (images != null && (images.rank() < 3 || images.size(0) != history.size())) {
            throw new InvalidShapeException("images must be N × … with N = " + history.size() + " (the labels') but have shape "
                    + Arrays.toString(images.shape()));
        }
        Built b = build(history, s);
        org.xai4j.core.util.OutputFiles.write(dir.resolve(JSON),
                (org.xai4j.core.util.Json.write(json(history, b.dynamics(), b.flow(), s)) + "\n").getBytes(StandardCharsets.UTF_8));
        org.xai4j.viz.image.Png.write(b.flowPng(), dir.resolve(FLOW_PNG));
        b.flowChart().writeSvg(dir.resolve(FLOW_SVG));
        org.xai4j.viz.image.Png.write(b.evolutionPng(), dir.resolve(EVOLUTION_PNG));
        b.evolution().writeSvg(dir.resolve(EVOLUTION_SVG));
        page(history, images, s, b).write(dir.resolve(HTML));
        return b.dynamics();
    }

    /**
     * The report's figures and tables (instance flow, confusion evolution, accuracy per class, the most unstable
     * and the never-learned instances) as sections of any {@link org.xai4j.viz.report.HtmlReport}.
     *
     * @param history  the predictions recorded per epoch for every instance
     * @param settings how the report is drawn, or null for {@link Settings#DEFAULTS}
     * @return the sections, in page order
     */
    public static List<ReportSection> sections(TrainingHistory history, Settings settings) {
        return build(history, settings == null ? Settings.DEFAULTS : settings).sections();
    }

    /** The summary, the flow view and both charts, rendered once, with the sections made of them. */
    private record Built(TrainingDynamics dynamics, List<String> names, InstanceFlow flow, InstanceFlowChart flowChart,
                         BufferedImage flowPng, ConfusionEvolutionChart evolution, BufferedImage evolutionPng, String rowsNote,
                         List<ReportSection> sections) {
    }

    private static Built build(TrainingHistory history, Settings s) {
        int k = history.classes();
        List<String> names = names(s.classNames(), k);
        if (s.flowClass() >= k) {
            throw new InvalidConfigException("flow class " + s.flowClass() + " is outside the classes 0.." + (k - 1));
        }
        TrainingDynamics d = TrainingDynamics.of(history, new DynamicsConfig(s.unstableFrequency()));

        // Flow view: chosen epochs and instances.
        int[] epochs = flowEpochs(history, s);
        int[] instances = InstanceFlow.allInstances(history);
        List<String> filters = new ArrayList<>();
        if (s.flowChangedOnly()) {
            instances = InstanceFlow.changed(history);
            filters.add("only instances whose prediction changed");
        }
        if (s.flowClass() >= 0) {
            instances = InstanceFlow.intersect(instances, InstanceFlow.ofLabel(history, s.flowClass()));
            filters.add("only true class " + names.get(s.flowClass()));
        }
        if (instances.length == 0) {
            throw new InvalidConfigException("the flow view's filters (" + String.join(", ", filters) + ") leave no instance");
        }
        InstanceFlow flow = InstanceFlow.of(history, epochs, instances);
        List<String> epochLabels = new ArrayList<>();
        for (int e : epochs) {
            epochLabels.add("epoch " + (e + 1));
        }
        String flowTitle = "Instance flow" + (filters.isEmpty() ? "" : " (" + String.join("; ", filters) + ")");
        InstanceFlowChart flowChart = new InstanceFlowChart(ChartOptions.builder().title(flowTitle)
                .size(Math.max(900, 140 * epochs.length + 320), Math.max(520, 34 * k + 200)).build(),
                epochLabels, names, flow.counts(), flow.flows());

        // Confusion evolution: sorted, sampled rows.
        int[] ordered = d.order(s.order());
        int[] shown = TrainingDynamics.sample(ordered, s.maxRows());
        String rowsNote = shown.length == history.size()
                ? String.format(Locale.ROOT, "all %,d instances, sorted by %s", shown.length, orderText(s.order()))
                : String.format(Locale.ROOT, "%,d of %,d instances, evenly spaced along the order by %s", shown.length, history.size(),
                        orderText(s.order()));
        ConfusionEvolutionChart evolution = new ConfusionEvolutionChart(
                ChartOptions.builder().title("Confusion evolution").size(1280, 940).build(), evolutionData(history, d, shown, names, rowsNote));
        BufferedImage flowPng = flowChart.render();
        BufferedImage evoPng = evolution.render();

        int e = history.epochs();
        List<ReportSection> sections = new ArrayList<>();
        StringBuilder ep = new StringBuilder();
        for (int j = 0; j < epochs.length; j++) {
            ep.append(j == 0 ? "" : ", ").append(epochs[j] + 1);
        }
        sections.add(new ReportSection.Figure(flowTitle, flowPng, String.format(Locale.ROOT,
                "Columns: epochs %s; %,d instances; flows are aggregated counts (K × K per column pair).", ep, instances.length)));
        sections.add(new ReportSection.Figure("Confusion evolution", evoPng, "Rows: " + rowsNote
                + ". Colour: predicted class after each epoch; left strip: true class; bars: share of transitions that changed the "
                + "prediction, classes visited, share of epochs wrong."));
        List<List<String>> perClass = new ArrayList<>();
        double[][] ca = d.classAccuracy();
        long[] counts = d.classCounts();
        for (int c = 0; c < k; c++) {
            perClass.add(List.of(c + " " + names.get(c), String.valueOf(counts[c]), pct(ca[0][c]), pct(ca[e - 1][c])));
        }
        sections.add(new ReportSection.Table("Accuracy per class", List.of("class", "instances", "epoch 1", "epoch " + e), perClass, null));
        sections.add(instanceTable("Most unstable instances", d.unstable(), history, d, names, 30));
        sections.add(instanceTable("Never learned", d.neverLearned(), history, d, names, 30));
        return new Built(d, names, flow, flowChart, flowPng, evolution, evoPng, rowsNote, List.copyOf(sections));
    }

    static List<String> names(List<String> given, int k) {
        if (given.isEmpty()) {
            List<String> n = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                n.add("class " + c);
            }
            return n;
        }
        if (given.size() != k) {
            throw new InvalidConfigException(given.size() + " class names for " + k + " classes");
        }
        return given;
    }

    private static int[] flowEpochs(TrainingHistory h, Settings s) {
        if (!s.flowEpochs().isEmpty()) {
            return s.flowEpochs().stream().mapToInt(Integer::intValue).toArray();
        }
        int e = h.epochs();
        if (e <= s.maxFlowColumns()) {
            return InstanceFlow.allEpochs(h);
        }
        int m = s.maxFlowColumns();
        java.util.TreeSet<Integer> set = new java.util.TreeSet<>();
        for (int j = 0; j < m; j++) {
            set.add((int) Math.round(j * (e - 1) / (double) (m - 1)));
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String orderText(TrainingDynamics.Order o) {
        return switch (o) {
            case MISCLASSIFICATION -> "misclassification rate (most often wrong first)";
            case FREQUENCY -> "change frequency (most changes first)";
            case VARIABILITY -> "classes visited (most first)";
            case LEARNED -> "the epoch from which the prediction stays correct (latest first)";
            case LABEL -> "true class";
        };
    }

    private static ConfusionEvolutionChart.Data evolutionData(TrainingHistory h, TrainingDynamics d, int[] shown, List<String> names,
                                                             String note) {
        ShownInstances rows = ShownInstances.of(h, d, shown);
        Map<String, double[]> curves = new LinkedHashMap<>(h.curves());
        if (!curves.containsKey(TrainingHistory.VAL_ACCURACY)) {
            curves.put("accuracy (recorded set)", d.epochAccuracy());
        }
        return new ConfusionEvolutionChart.Data(names, rows.predictions(), rows.labels(), rows.frequency(),
                rows.variability(), rows.misclassificationRate(), curves, d.confusion(h.epochs() - 1), note);
    }

    private static Map<String, Object> json(TrainingHistory h, TrainingDynamics d, InstanceFlow flow, Settings s) {
        Map<String, Object> m = d.toMap();
        Map<String, Object> curves = new LinkedHashMap<>();
        h.curves().forEach((k, v) -> {
            List<Object> l = new ArrayList<>();
            for (double x : v) {
                l.add(Double.isNaN(x) ? null : x);
            }
            curves.put(k, l);
        });
        m.put("curves", curves);
        Map<String, Object> fv = new LinkedHashMap<>();
        fv.put("epochs", Arrays.stream(flow.epochs()).boxed().toList());
        fv.put("instances", flow.instances());
        fv.put("changed_only", s.flowChangedOnly());
        fv.put("class", s.flowClass());
        m.put("flow_view", fv);
        m.put("report_settings", new LinkedHashMap<>(s.toMap()));
        return m;
    }

    private static DynamicsPage page(TrainingHistory h, INDArray images, Settings s, Built b) {
        TrainingDynamics d = b.dynamics();
        List<String> names = b.names();
        int e = h.epochs();
        int n = h.size();
        double[] acc = d.epochAccuracy();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("epochs", String.valueOf(e));
        facts.put("instances", String.format(Locale.ROOT, "%,d", n));
        facts.put("classes", String.valueOf(h.classes()));
        facts.put("accuracy, first → last epoch", Html.percent(acc[0]) + " → " + Html.percent(acc[e - 1]));
        facts.put("unstable instances", String.format(Locale.ROOT, "%,d (prediction changed in ≥ %.0f %% of transitions)",
                d.unstable().length, 100 * s.unstableFrequency()));
        facts.put("never learned", String.format(Locale.ROOT, "%,d (wrong after every epoch)", d.neverLearned().length));
        List<ReportSection> sections = b.sections();

        int[] rows = TrainingDynamics.sample(d.order(s.order()), s.maxPageRows());
        int[][] hist = new int[rows.length][e];
        int[] labels = new int[rows.length];
        List<BufferedImage> thumbs = images == null ? null : new ArrayList<>();
        INDArray pics = images == null ? null : displayable(images);
        for (int r = 0; r < rows.length; r++) {
            for (int t = 0; t < e; t++) {
                hist[r][t] = h.prediction(t, rows[r]);
            }
            labels[r] = h.label(rows[r]);
            if (pics != null) {
                thumbs.add(ImageTensors.toImage(pics.slice(rows[r])));
            }
        }
        String note = rows.length == n
                ? String.format(Locale.ROOT, "All %,d instances. Click a column to sort; choose an epoch range to recompute.", n)
                : String.format(Locale.ROOT, "The table and the range view use %,d of %,d instances, evenly spaced along the order by %s "
                        + "(to keep the page responsive); the pictures' flows and dynamics.json count every instance.", rows.length, n,
                        orderText(s.order()));
        return new DynamicsPage("Training dynamics", facts, names, sections, new DynamicsPage.Rows(rows, labels, hist, thumbs, note));
    }

    private static ReportSection instanceTable(String title, int[] which, TrainingHistory h, TrainingDynamics d, List<String> names,
                                               int max) {
        double[] f = d.frequency();
        int[] v = d.variability();
        double[] w = d.misclassificationRate();
        List<List<String>> rows = new ArrayList<>();
        int e = h.epochs();
        for (int r = 0; r < Math.min(max, which.length); r++) {
            int i = which[r];
            StringBuilder path = new StringBuilder();
            for (int t = 0; t < e && t < 30; t++) {
                path.append(t == 0 ? "" : " ").append(h.prediction(t, i));
            }
            if (e > 30) {
                path.append(" …");
            }
            rows.add(List.of(String.valueOf(i), h.label(i) + " " + names.get(h.label(i)), String.format(Locale.ROOT, "%.2f", f[i]),
                    String.valueOf(v[i]), String.format(Locale.ROOT, "%.2f", w[i]), path.toString()));
        }
        String caption = which.length == 0 ? "none" : which.length > max ? String.format(Locale.ROOT, "the first %d of %,d", max, which.length)
                : null;
        return new ReportSection.Table(title, List.of("instance", "true class", "frequency", "classes visited", "misclassification rate",
                "predicted class per epoch"), rows, caption);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "–" : Html.percent(v);
    }

    /** Images as C×H×W or H×W slices with values in [0, 1]. */
    static INDArray displayable(INDArray images) {
        INDArray x = images;
        if (x.rank() == 4 && x.size(1) != 1 && x.size(1) != 3 && (x.size(3) == 1 || x.size(3) == 3)) {
            x = x.permute(0, 3, 1, 2);
        }
        if (x.rank() == 4 && x.size(1) != 1 && x.size(1) != 3) {
            throw new InvalidShapeException("images must be N × C × H × W or N × H × W × C with C = 1 or 3, or N × H × W, but have shape "
                    + Arrays.toString(images.shape()));
        }
        if (x.rank() != 3 && x.rank() != 4) {
            throw new InvalidShapeException("images must be N × C × H × W, N × H × W × C or N × H × W but have shape "
                    + Arrays.toString(images.shape()));
        }
        INDArray f = x.castTo(DataType.FLOAT);
        if (!images.dataType().isFPType() || f.maxNumber().doubleValue() > 1.5) {
            f = f.div(255.0);
        }
        return f;
    }
}
