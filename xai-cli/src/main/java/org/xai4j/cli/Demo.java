package org.xai4j.cli;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.attribution.NoiseTunnel;
import org.xai4j.attribution.gradient.GradientShap;
import org.xai4j.attribution.gradient.IntegratedGradients;
import org.xai4j.attribution.gradient.Saliency;
import org.xai4j.core.Explainer;
import org.xai4j.core.Explanation;
import org.xai4j.core.XaiException;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Json;
import org.xai4j.metrics.faithfulness.CurveConfig;
import org.xai4j.metrics.faithfulness.Deletion;
import org.xai4j.metrics.faithfulness.Insertion;
import org.xai4j.metrics.faithfulness.PerturbationCurve;
import org.xai4j.metrics.similarity.Agreement;
import org.xai4j.metrics.similarity.AgreementMatrix;
import org.xai4j.metrics.similarity.MapSimilarity;
import org.xai4j.metrics.uncertainty.Calibration;
import org.xai4j.metrics.uncertainty.ClassProbabilities;
import org.xai4j.metrics.uncertainty.ConfusionMatrix;
import org.xai4j.metrics.uncertainty.PredictiveEntropy;
import org.xai4j.models.io.Npy;
import org.xai4j.models.onnx.OnnxImportOptions;
import org.xai4j.models.onnx.OnnxImporter;
import org.xai4j.viz.ChannelReduction;
import org.xai4j.viz.ScalarMap;
import org.xai4j.viz.chart.Charts;
import org.xai4j.viz.chart.ReliabilityBins;
import org.xai4j.viz.image.ImageGrid;
import org.xai4j.viz.image.Overlay;
import org.xai4j.viz.image.OverlayStyle;
import org.xai4j.viz.image.Png;
import org.xai4j.viz.report.ClassScore;
import org.xai4j.viz.report.HtmlReport;
import org.xai4j.viz.report.MethodResult;
import org.xai4j.viz.report.ReportInput;
import org.xai4j.viz.report.ReportSection;

/**
 * The demo behind {@code xai demo}: the committed Fashion-MNIST CNN (trained by
 * {@code tools/demo/train_fashion_cnn.py}) imported from ONNX into the explanation graph, a few test images
 * (mostly right, some wrong), several methods, agreement and faithfulness between them, the classifier's
 * confusion and calibration, all written as PNGs and one self-contained HTML report.
 */
final class Demo {
    static final String RESOURCES = "/org/xai4j/cli/demo/";
    static final int DISPLAY = 112;

    /** What the demo wrote. */
    record Result(Path report, int pngs, Map<String, Double> meanSeconds) {
    }

    /** One method as the demo runs it. */
    record Spec(String label, String method, List<String> params, String layer) {
    }

    /** The methods, in report order. */
    static List<Spec> specs(Graph model) {
        List<Spec> s = new ArrayList<>();
        s.add(new Spec("Saliency", Saliency.NAME, List.of("abs=false"), null));
        s.add(new Spec("Integrated Gradients", IntegratedGradients.NAME, List.of("steps=32"), null));
        s.add(new Spec("SmoothGrad", NoiseTunnel.NAME, List.of("samples=16"), null)); // noise: the registry's 15% of the range
        s.add(new Spec("GradientSHAP", GradientShap.NAME, List.of("samples=16", "noise-sd=0.1"), null));
        s.addAll(MethodCatalog.demoSpecs(model));
        return s;
    }

    private final Path out;
    private final int images;
    private final PrintWriter log;
    private final String explainClass;
    private final boolean sharedScale;

    Demo(Path out, int images, PrintWriter log) {
        this(out, images, log, "predicted", false);
    }

    /**
     * A demo run.
     *
     * @param explainClass which class each map explains: "predicted", "true", a class index or a class name
     * @param sharedScale  one colour scale per map kind across all methods instead of one per map
     */
    Demo(Path out, int images, PrintWriter log, String explainClass, boolean sharedScale) {
        this.out = out;
        this.images = images;
        this.log = log;
        this.explainClass = explainClass == null ? "predicted" : explainClass;
        this.sharedScale = sharedScale;
    }

    /**
     * The class each chosen image is explained for.
     *
     * @throws UsageException when {@code choice} is neither "predicted", "true", a class index nor a class name
     */
    static int[] explainedClasses(String choice, List<String> classes, int[] chosen, int[] predicted, int[] labels) {
        int[] out = new int[chosen.length];
        String c = choice.trim();
        int fixed = -1;
        if (!c.equalsIgnoreCase("predicted") && !c.equalsIgnoreCase("true")) {
            for (int k = 0; k < classes.size(); k++) {
                if (classes.get(k).equalsIgnoreCase(c) || Integer.toString(k).equals(c)) {
                    fixed = k;
                }
            }
            if (fixed < 0) {
                throw new UsageException("--class must be 'predicted', 'true', a class index 0–" + (classes.size() - 1)
                        + " or one of " + classes + " but was '" + choice + "'");
            }
        }
        for (int k = 0; k < chosen.length; k++) {
            out[k] = fixed >= 0 ? fixed : c.equalsIgnoreCase("true") ? labels[chosen[k]] : predicted[chosen[k]];
        }
        return out;
    }

    static byte[] resource(String name) {
        try (InputStream in = Demo.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new XaiException("demo resource missing from the jar: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new XaiException("cannot read demo resource " + name + ": " + e.getMessage(), e);
        }
    }

    private void say(String s) {
        if (log != null) {
            log.println(s);
            log.flush();
        }
    }

    @SuppressWarnings("unchecked")
    Result run() throws IOException {
        Files.createDirectories(out);
        Map<String, Object> info = Json.readObject(new String(resource("fashion-cnn.json"), java.nio.charset.StandardCharsets.UTF_8));
        List<String> classes = (List<String>) (List<?>) info.get("classes");
        Graph model = OnnxImporter.read(resource("fashion-cnn.onnx"), "fashion-cnn", OnnxImportOptions.DEFAULT);
        INDArray all = Npy.read(new java.io.ByteArrayInputStream(resource("fashion-test-images.npy")));
        int[] labels = toInts(Npy.read(new java.io.ByteArrayInputStream(resource("fashion-test-labels.npy"))));
        INDArray torchLogits = Npy.read(new java.io.ByteArrayInputStream(resource("fashion-test-logits.npy")));
        say("model: " + model.id() + ", " + model.layerNames().size() + " graph nodes; " + all.size(0) + " test images");

        INDArray logits = model.predict(all);
        double importError = logits.castTo(DataType.DOUBLE).sub(torchLogits.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        ClassProbabilities probs = ClassProbabilities.fromLogits(logits);
        int[] predicted = probs.predicted();
        int[] chosen = choose(predicted, labels, images);
        int[] explained = explainedClasses(explainClass, classes, chosen, predicted, labels);

        List<Spec> specs = specs(model);
        ModelHandle handle = ModelHandle.of(model);
        Map<String, List<INDArray>> maps = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, List<Duration>> times = new LinkedHashMap<>();
        Map<String, List<Explanation>> explanations = new LinkedHashMap<>();
        Map<String, Explainer<INDArray, ? extends Explanation>> explainers = new LinkedHashMap<>();
        java.util.Set<String> cams = new java.util.HashSet<>();
        int pngs = 0;
        for (Spec spec : specs) {
            MethodEntry entry = MethodCatalog.get(spec.method());
            Params params = Params.parse(spec.params());
            Explainer<INDArray, ? extends Explanation> explainer = entry.create(handle, params, spec.layer());
            params.requireAllUsed("method " + spec.method(), entry.paramNames());
            say("explaining with " + spec.label() + " ...");
            List<INDArray> perImage = new ArrayList<>();
            List<Duration> perImageTime = new ArrayList<>();
            List<Explanation> perImageExplanation = new ArrayList<>();
            // One untimed call first, so that the times below do not include the JIT warm-up.
            explainer.explain(Batching.rows(all, chosen[0], chosen[0] + 1).dup(), Target.classIndex(explained[0]));
            double total = 0;
            for (int k = 0; k < chosen.length; k++) {
                INDArray x = Batching.rows(all, chosen[k], chosen[k] + 1).dup();
                long t0 = System.nanoTime();
                Explanation e = explainer.explain(x, Target.classIndex(explained[k]));
                long t1 = System.nanoTime();
                total += (t1 - t0) / 1e9;
                INDArray map2d = map2d(e);
                if (MethodEntry.output(e) == MethodEntry.Output.CAM) {
                    cams.add(spec.label());
                }
                perImage.add(map2d.castTo(DataType.DOUBLE));
                perImageTime.add(Duration.ofNanos(t1 - t0));
                perImageExplanation.add(e);
            }
            maps.put(spec.label(), perImage);
            times.put(spec.label(), perImageTime);
            explanations.put(spec.label(), perImageExplanation);
            explainers.put(spec.label(), explainer);
            seconds.put(spec.label(), total / chosen.length);
        }
        DemoScales.Scales scales = DemoScales.of(maps, cams, sharedScale);
        List<List<MethodResult>> results = new ArrayList<>();
        for (int k = 0; k < chosen.length; k++) {
            results.add(new ArrayList<>());
            BufferedImage pic = picture(Batching.rows(all, chosen[k], chosen[k] + 1));
            for (Spec spec : specs) {
                String label = spec.label();
                BufferedImage overlay = overlay(pic, ScalarMap.of(maps.get(label).get(k)), scales.styles().get(label));
                Png.write(overlay, out.resolve(String.format("image%d-%s.png", k + 1, spec.method())));
                pngs++;
                Explanation e = explanations.get(label).get(k);
                results.get(k).add(new MethodResult(label, overlay, times.get(label).get(k),
                        e.provenance(), "explains " + classes.get(explained[k])));
            }
        }

        HtmlReport.Builder report = HtmlReport.builder("xai4j demo: a Fashion-MNIST CNN explained")
                .subtitle("Each test image with its prediction and every method's map (red: evidence for the "
                        + "predicted class, blue: against it; CAMs: warmer is more important).")
                .meta("model", "fashion-cnn.onnx: conv-BN-ReLU-pool ×2, dense ×2; trained by tools/demo/train_fashion_cnn.py")
                .meta("test accuracy (10,000 images)", String.format("%.3f", ((Number) info.get("test_accuracy")).doubleValue()))
                .meta("ONNX import check", String.format("graph vs PyTorch logits on %d images: max |difference| %.2e",
                        all.size(0), importError))
                .meta("methods", String.join(", ", maps.keySet()))
                .meta("explained class", explainedDescription(explainClass, classes))
                .meta("colour scale", sharedScale ? "shared: one range per map kind across all methods and images"
                        : "per map: each map scaled to its own range")
                .timingsWarmedUp(true)
                .meta("backend", org.xai4j.core.Versions.backend() + ", Java " + org.xai4j.core.Versions.java());
        scales.bars().forEach(report::colorBar);
        ImageGrid.Builder grid = ImageGrid.builder().title("Methods × images (explained class)").cellSize(DISPLAY);
        List<String> columns = new ArrayList<>(List.of("input"));
        columns.addAll(maps.keySet());
        grid.columnTitles(columns);
        for (int k = 0; k < chosen.length; k++) {
            int i = chosen[k];
            INDArray x = Batching.rows(all, i, i + 1);
            BufferedImage pic = picture(x);
            Png.write(pic, out.resolve(String.format("image%d-input.png", k + 1)));
            pngs++;
            double[] p = probs.table()[i];
            ReportInput.Builder in = ReportInput.builder(String.format("test image %d", i), pic)
                    .prediction(classes.get(predicted[i])).trueLabel(classes.get(labels[i]))
                    .topK(ClassScore.topK(classes, p, 3));
            results.get(k).forEach(in::method);
            report.input(in.build());
            List<BufferedImage> gridRow = new ArrayList<>(List.of(pic));
            results.get(k).forEach(r -> gridRow.add(r.image()));
            grid.row(classes.get(explained[k]) + (predicted[i] == labels[i] ? "" : " (true: " + classes.get(labels[i]) + ")"), gridRow);
        }
        Png.write(grid.build().render(), out.resolve("grid.png"));
        pngs++;

        // Agreement between methods: Spearman rank correlation of the maps, averaged over the images.
        Map<String, INDArray> stacked = new LinkedHashMap<>();
        maps.forEach((name, list) -> stacked.put(name, Nd4j.stack(0, list.toArray(INDArray[]::new))));
        AgreementMatrix agreement = Agreement.acrossMethods(stacked, MapSimilarity.spearman());
        var agreementChart = Charts.agreement("Agreement between methods (Spearman, mean over images)",
                new ArrayList<>(maps.keySet()), agreement.mean());
        agreementChart.writePng(out.resolve("agreement.png"));
        pngs++;
        report.section(ReportSection.chart("Agreement between methods", agreementChart,
                "Spearman rank correlation between each pair of methods' maps, averaged over the images above."));

        // Deletion curves: most relevant pixels first, replaced by zeros (the background colour).
        Map<String, double[]> curves = new LinkedHashMap<>();
        Deletion deletion = new Deletion(CurveConfig.DEFAULTS.withStepSize(28));
        INDArray xs = Nd4j.concat(0, java.util.Arrays.stream(chosen).mapToObj(i -> Batching.rows(all, i, i + 1)).toArray(INDArray[]::new));
        Target resolved = Target.perRow(explained);
        Insertion insertion = new Insertion(CurveConfig.DEFAULTS.withStepSize(28));
        Map<String, double[]> aucs = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : stacked.entrySet()) {
            INDArray attr = e.getValue().reshape(chosen.length, 1, 28, 28).castTo(DataType.FLOAT);
            PerturbationCurve c = deletion.evaluate(model, xs, attr, resolved);
            curves.put(e.getKey(), c.meanCurve());
            aucs.put(e.getKey(), new double[] {c.meanAuc(), insertion.evaluate(model, xs, attr, resolved).meanAuc()});
        }
        var deletionChart = Charts.deletionInsertion("Deletion (logit of the explained class)",
                "fraction of pixels removed", curves);
        deletionChart.writePng(out.resolve("deletion.png"));
        pngs++;
        report.section(ReportSection.chart("Deletion curves", deletionChart,
                "Faithfulness: the faster the score drops when a method's most relevant pixels are removed, the better (lower AUC)."));
        report.section(DemoMetrics.table(model, explainers, xs, explained, aucs, chosen.length));

        // The classifier itself on all committed test images.
        ConfusionMatrix cm = ConfusionMatrix.of(probs, labels);
        var confusion = Charts.confusion(String.format("Confusion on %d test images (accuracy %.3f)", labels.length, cm.accuracy()),
                classes, cm.counts());
        confusion.writePng(out.resolve("confusion.png"));
        Calibration cal = Calibration.of(probs, labels, 10);
        double[] conf = new double[labels.length];
        boolean[] correct = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            conf[i] = probs.probability(i, predicted[i]);
            correct[i] = predicted[i] == labels[i];
        }
        var reliability = Charts.reliability("Reliability of the classifier", ReliabilityBins.of(conf, correct, 10));
        reliability.writePng(out.resolve("reliability.png"));
        PredictiveEntropy entropy = PredictiveEntropy.of(probs, labels);
        var entropyChart = Charts.perClass("Mean predictive entropy per true class", "entropy (nats)", classes, entropy.perClassMean());
        entropyChart.writePng(out.resolve("entropy.png"));
        pngs += 3;
        report.section(ReportSection.chart("Confusion matrix", confusion, "Rows: true class; columns: predicted class."));
        report.section(ReportSection.chart("Calibration", reliability, String.format(
                "Expected calibration error %.3f, maximum %.3f, Brier score %.3f (10 bins).", cal.ece(), cal.mce(), cal.brier())));
        Integer[] byEntropy = new Integer[classes.size()];
        for (int c = 0; c < byEntropy.length; c++) {
            byEntropy[c] = c;
        }
        double[] perClass = entropy.perClassMean();
        java.util.Arrays.sort(byEntropy, (a, b) -> Double.compare(perClass[b], perClass[a]));
        report.section(ReportSection.chart("Uncertainty per class", entropyChart, String.format(
                "Mean entropy of the predicted distribution for the images of each true class; highest: %s (%.2f), %s (%.2f), %s (%.2f).",
                classes.get(byEntropy[0]), perClass[byEntropy[0]], classes.get(byEntropy[1]), perClass[byEntropy[1]],
                classes.get(byEntropy[2]), perClass[byEntropy[2]])));
        Path reportFile = report.build().write(out.resolve("report.html"));
        say("wrote " + reportFile);
        return new Result(reportFile, pngs, seconds);
    }

    static BufferedImage picture(INDArray x) {
        BufferedImage small = Inputs.picture(x, 0);
        BufferedImage big = new BufferedImage(DISPLAY, DISPLAY, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(small, 0, 0, DISPLAY, DISPLAY, null);
        g.dispose();
        return big;
    }

    static BufferedImage overlay(BufferedImage picture, ScalarMap map, OverlayStyle style) {
        ScalarMap big = map.resize(picture.getHeight(), picture.getWidth());
        return Overlay.apply(picture, big, style);
    }

    /** An explanation's map as height × width: a CAM as it is, other maps summed over the channels. */
    static INDArray map2d(Explanation e) {
        INDArray v = MethodEntry.values(e);
        return MethodEntry.output(e) == MethodEntry.Output.CAM ? v.reshape(v.size(-2), v.size(-1))
                : v.reshape(v.shape()).sum(1).reshape(v.size(-2), v.size(-1));
    }

    static String explainedDescription(String choice, List<String> classes) {
        String c = choice.trim();
        if (c.equalsIgnoreCase("predicted")) {
            return "the predicted class of each image (choose with --class predicted|true|NAME|INDEX)";
        }
        if (c.equalsIgnoreCase("true")) {
            return "the true class of each image";
        }
        for (int k = 0; k < classes.size(); k++) {
            if (classes.get(k).equalsIgnoreCase(c) || Integer.toString(k).equals(c)) {
                return classes.get(k) + " (class " + k + ") for every image";
            }
        }
        return c;
    }

    /** Mostly correctly classified images, a quarter misclassified, in test-set order. */
    static int[] choose(int[] predicted, int[] labels, int n) {
        int wrongWanted = n / 4;
        List<Integer> right = new ArrayList<>();
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            (predicted[i] == labels[i] ? right : wrong).add(i);
        }
        List<Integer> picked = new ArrayList<>(wrong.subList(0, Math.min(wrongWanted, wrong.size())));
        picked.addAll(right.subList(0, Math.min(n - picked.size(), right.size())));
        picked.sort(null);
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    static int[] toInts(INDArray a) {
        long[] v = a.castTo(DataType.LONG).reshape(a.length()).toLongVector();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }
}
