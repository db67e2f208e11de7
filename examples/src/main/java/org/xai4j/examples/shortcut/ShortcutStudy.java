package org.xai4j.examples.shortcut;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.attribution.lrp.ChannelCondition;
import org.xai4j.attribution.lrp.Crp;
import org.xai4j.attribution.lrp.CrpConfig;
import org.xai4j.attribution.lrp.Lrp;
import org.xai4j.attribution.lrp.LrpConfig;
import org.xai4j.cam.CamConfig;
import org.xai4j.cam.GradCam;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.examples.DataFolder;
import org.xai4j.examples.ExampleOptions;
import org.xai4j.examples.Examples;
import org.xai4j.examples.LesionGenerator;
import org.xai4j.examples.StudyWriter;
import org.xai4j.examples.TrainingCache;
import org.xai4j.metrics.similarity.PearsonCorrelation;
import org.xai4j.metrics.UndefinedMetricException;
import org.xai4j.viz.ScalarMap;
import org.xai4j.viz.chart.BarChart;
import org.xai4j.viz.chart.ChartOptions;
import org.xai4j.viz.image.ImageGrid;
import org.xai4j.viz.image.ImageTensors;
import org.xai4j.viz.image.Overlay;
import org.xai4j.viz.report.ConceptPanel;

/**
 * Report R5 reproduced: a classifier that learns a shortcut, and the explanations that show it. In the training
 * images every melanoma carries a dark circular ring (a dermatoscope's vignette, {@link Vignette}) and no naevus
 * does; a ResNet-style network with batch norms, residual blocks and a squeeze-and-excitation block
 * ({@link ShortcutNet}) is trained on them, and a control network of the same architecture on the same images
 * without rings. Test and validation images carry rings on a random half of both classes (the ground truth).
 *
 * <p>Shown: Grad-CAM and attention-weighted Grad-CAM ({@link AttentionGradCam}); LRP (EpsilonPlusFlat,
 * EpsilonGammaBox; batch norms merged, residual additions by the norm rule, the attention product by
 * {@link org.xai4j.attribution.lrp.SignalTakesAll}) for a true positive, false positive, true negative and false
 * negative; the ring finder ({@link RingFinder}); CRP maps of the most relevant channels of the last block.
 * Measured: the share of positive LRP relevance (for the predicted class) inside the ring region over ring images,
 * for both models; the ring finder's precision and recall; the mean correlation between CRP maps of different
 * channels; accuracies.
 */
public final class ShortcutStudy {
    /** The study's name on the command line. */
    public static final String NAME = "shortcut";
    /** A shortcut share this far above the control's counts as clearly above it. */
    static final double CLEAR_MARGIN = 0.1;
    /** The precision and recall the ring finder should reach. */
    static final double FINDER_GOAL = 0.9;
    /** CRP: channels shown and correlated per image. */
    static final int TOP_CHANNELS = 4;

    static final double LEARNING_RATE = 2e-3;
    private static final PearsonCorrelation PEARSON = new PearsonCorrelation();

    /** Study sizes; the quick ones keep the run well under 90 s. */
    record Sizes(int side, int train, int validation, int test, int epochs, int crpImages) {
        static Sizes of(boolean quick) {
            return quick ? new Sizes(32, 120, 40, 60, 3, 2) : new Sizes(32, 600, 150, 300, 12, 8);
        }
    }

    record Data(RingedSet train, RingedSet control, RingedSet uncorrelated, RingedSet validation, RingedSet test,
                int positive) {
    }

    record Model(String name, ComputationGraph net, Graph graph) {
    }

    private ShortcutStudy() {
    }

    public static void main(String[] args) {
        Examples.main(NAME, args);
    }

    /** Runs the study and writes its report into {@code options.out()}. */
    public static StudyWriter run(ExampleOptions options) {
        long start = System.nanoTime();
        Sizes sizes = Sizes.of(options.quick());
        Data data = data(options, sizes);
        TrainingCache cache = new TrainingCache(options.out());
        String key = options.seed() + "|" + sizes + "|" + LEARNING_RATE + "|" + data.train.size() + "|" + data.train.classes();
        ComputationGraph shortcutNet = options.model() != null ? load(options)
                : cache.computationGraph("shortcut-ringed", key,
                        () -> train(ShortcutNet.create(sizes.side, data.train.classes().size(), options.seed(), LEARNING_RATE),
                                data.train, sizes.epochs, options.seed()));
        ComputationGraph controlNet = cache.computationGraph("shortcut-control", key,
                () -> train(ShortcutNet.create(sizes.side, data.train.classes().size(), options.seed(), LEARNING_RATE),
                        data.control, sizes.epochs, options.seed()));
        ComputationGraph uncorrelatedNet = cache.computationGraph("shortcut-uncorrelated", key,
                () -> train(ShortcutNet.create(sizes.side, data.train.classes().size(), options.seed(), LEARNING_RATE),
                        data.uncorrelated, sizes.epochs, options.seed()));
        InputType type = InputType.convolutional(sizes.side, sizes.side, 3);
        Model shortcut = new Model("shortcut", shortcutNet, org.xai4j.models.dl4j.Dl4jImporter
                .fromComputationGraph(shortcutNet, type, true));
        Model control = new Model("control", controlNet, org.xai4j.models.dl4j.Dl4jImporter
                .fromComputationGraph(controlNet, type, true));
        Model uncorrelated = new Model("uncorrelated", uncorrelatedNet, org.xai4j.models.dl4j.Dl4jImporter
                .fromComputationGraph(uncorrelatedNet, type, true));
        String positiveName = data.train.classes().get(data.positive);

        StudyWriter w = new StudyWriter(options.out(), "R5 — a shortcut (a dark ring) and the explanations that find it");
        w.paragraph(String.format(Locale.ROOT, "Two-class lesion images (%s), %d×%d pixels, %s. Training: %d images; every "
                        + "%s image carries a dark circular ring (vignette), no other does. Validation (%d) and test (%d) "
                        + "images carry rings on a random half of both classes: the ground truth for the measurements. "
                        + "Models: a ResNet-style network (conv–BN–ReLU stem, two residual blocks with batch norms, one "
                        + "squeeze-and-excitation block, %d epochs of Adam) trained on the ringed images (\"shortcut\")%s, "
                        + "the same network trained on the same images without rings (\"control\", the issue's control), "
                        + "and trained on the same images with rings on a random half of both classes, so that the ring "
                        + "carries no class information (\"uncorrelated\").",
                String.join(" vs ", data.train.classes()), sizes.side, sizes.side,
                options.data() == null ? "generated with seed " + options.seed() : "read from " + options.data(),
                data.train.size(), positiveName, data.validation.size(), data.test.size(), sizes.epochs,
                options.model() == null ? "" : " — here loaded from " + options.model()));
        w.figure("training-images", trainingImages(data), "Training images: the shortcut model sees a ring on every "
                + positiveName + " (top row) and on no other image (bottom row); the control model sees the same images "
                + "without rings.");

        int[] predShortcut = predict(shortcut.net, data.test.images());
        int[] predControl = predict(control.net, data.test.images());
        int[] predUncorrelated = predict(uncorrelated.net, data.test.images());
        Map<String, int[]> predictions = Map.of(shortcut.name, predShortcut, control.name, predControl,
                uncorrelated.name, predUncorrelated);
        Map<String, Object> accuracy = new LinkedHashMap<>();
        Map<String, Object> split = new LinkedHashMap<>();
        for (Model m : List.of(shortcut, control, uncorrelated)) {
            int[] p = predictions.get(m.name);
            accuracy.put(m.name, accuracy(p, data.test.labels(), null, true));
            split.put(m.name, Map.of("ring", accuracy(p, data.test.labels(), data.test.ring(), true),
                    "no_ring", accuracy(p, data.test.labels(), data.test.ring(), false)));
        }
        w.measure("accuracy", accuracy).measure("accuracy_by_ring", split);
        w.heading("Accuracy");
        w.table(List.of("model", "test accuracy", "images with a ring", "images without"), List.of(
                accuracyRow(shortcut.name, accuracy, split), accuracyRow(control.name, accuracy, split),
                accuracyRow(uncorrelated.name, accuracy, split)));

        // LRP for each model's predicted class: where does the decision rest?
        LrpConfig lrpConfig = LrpConfig.DEFAULTS;
        Lrp lrpShortcut = new Lrp(shortcut.graph, ShortcutNet.epsilonPlusFlat(), lrpConfig);
        Lrp lrpControl = new Lrp(control.graph, ShortcutNet.epsilonPlusFlat(), lrpConfig);
        INDArray relShortcut = lrpShortcut.explain(data.test.images(), Target.perRow(predShortcut)).values();
        INDArray relControl = lrpControl.explain(data.test.images(), Target.perRow(predControl)).values();
        double[] shareShortcut = RingFinder.shares(relShortcut, data.test.regions());
        double[] shareControl = RingFinder.shares(relControl, data.test.regions());
        Lrp lrpUncorrelated = new Lrp(uncorrelated.graph, ShortcutNet.epsilonPlusFlat(), lrpConfig);
        double[] shareUncorrelated = RingFinder.shares(lrpUncorrelated.explain(data.test.images(),
                Target.perRow(predUncorrelated)).values(), data.test.regions());
        double meanShortcut = meanOver(shareShortcut, data.test.ring());
        double meanControl = meanOver(shareControl, data.test.ring());
        double meanUncorrelated = meanOver(shareUncorrelated, data.test.ring());
        double area = meanOver(data.test.regions().castTo(DataType.DOUBLE).mean(1, 2).toDoubleVector(), data.test.ring());
        Map<String, Object> shares = new LinkedHashMap<>();
        shares.put("shortcut", meanShortcut);
        shares.put("control", meanControl);
        shares.put("uncorrelated", meanUncorrelated);
        w.measure("ring_relevance_share", shares);
        w.measure("ring_area_share", area);

        w.heading("Where the relevance lies");
        w.figure("ring-relevance-share", BarChart.builder()
                        .options(ChartOptions.builder().title("Share of positive LRP relevance inside the ring region")
                                .xLabel("").yLabel("mean share over ring images").build())
                        .categories(List.of("shortcut", "control (no rings)", "uncorrelated rings", "ring area"))
                        .series("share", new double[] {meanShortcut, meanControl, meanUncorrelated, area}).yRange(0, 1)
                        .build().render(),
                String.format(Locale.ROOT, "Mean share of positive LRP relevance (EpsilonPlusFlat, predicted class) "
                                + "inside the ring region, over the %d test images with a ring: shortcut %.3f, control "
                                + "%.3f, uncorrelated %.3f; the ring region covers %.3f of the pixels.", data.test.rings(),
                        meanShortcut, meanControl, meanUncorrelated, area));
        boolean shortcutShown = meanShortcut > 0.5 && meanShortcut >= meanControl + CLEAR_MARGIN;
        boolean shownVsUncorrelated = meanShortcut > 0.5 && meanShortcut >= meanUncorrelated + CLEAR_MARGIN;
        w.paragraph(verdict(options.quick(), meanShortcut, meanControl, meanUncorrelated, area, split));
        // Cases: TP, FP, TN, FN of the shortcut model (positive = the ringed training class)
        List<int[]> cases = cases(data, predShortcut);
        List<String> caseNames = List.of("true positive", "false positive", "true negative", "false negative");
        List<String> found = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            if (cases.get(k).length > 0) {
                found.add(caseNames.get(k));
                rows.add(cases.get(k)[0]);
            }
        }
        int[] idx = rows.stream().mapToInt(Integer::intValue).toArray();
        if (idx.length > 0) {
            INDArray x = pick(data.test.images(), idx);
            int[] target = pickLabels(predShortcut, idx);
            w.heading("Grad-CAM");
            GradCam gradCam = new GradCam(shortcut.graph, CamConfig.of(ShortcutNet.BLOCK_OUT));
            AttentionGradCam attention = new AttentionGradCam(shortcut.graph, CamConfig.of(ShortcutNet.BLOCK_OUT),
                    ShortcutNet.GATE);
            INDArray cam = gradCam.explain(x, Target.perRow(target)).map();
            INDArray att = attention.explain(x, Target.perRow(target)).map();
            INDArray camControl = new GradCam(control.graph, CamConfig.of(ShortcutNet.BLOCK_OUT))
                    .explain(x, Target.perRow(pickLabels(predControl, idx))).map();
            w.figure("grad-cam", overlays(x, labels(found, data, idx, predShortcut), List.of("image", "Grad-CAM",
                            "attention weighted Grad-CAM", "control: Grad-CAM"), List.of(cam, att, camControl)),
                    "Grad-CAM at the last residual block for the shortcut model's prediction, the same weighted by the "
                            + "squeeze-and-excitation block's channel weights, and the control model's Grad-CAM for its "
                            + "own prediction.");
            w.heading("LRP");
            INDArray eps = lrpShortcut.explain(x, Target.perRow(target)).values().sum(1);
            INDArray box = new Lrp(shortcut.graph, ShortcutNet.epsilonGammaBox(0, 1), lrpConfig)
                    .explain(x, Target.perRow(target)).values().sum(1);
            INDArray epsControl = lrpControl.explain(x, Target.perRow(pickLabels(predControl, idx))).values().sum(1);
            INDArray epsUncorrelated = lrpUncorrelated.explain(x, Target.perRow(pickLabels(predUncorrelated, idx)))
                    .values().sum(1);
            w.figure("lrp", heatmaps(x, labels(found, data, idx, predShortcut), List.of("image",
                            "EpsilonPlusFlat", "EpsilonGammaBox", "control: EpsilonPlusFlat", "uncorrelated: EpsilonPlusFlat"),
                            List.of(eps, box, epsControl, epsUncorrelated)),
                    "LRP for the shortcut model's prediction (EpsilonPlusFlat and EpsilonGammaBox [0, 1]; batch norms merged, "
                            + "residual additions by the norm rule, the attention product by signal-takes-all) and the "
                            + "control and uncorrelated models' EpsilonPlusFlat for their own predictions; red: evidence for, "
                            + "blue: against (zennit's coldnhot, symmetric about zero).");
        }
        if (found.size() < 4) {
            List<String> missing = new ArrayList<>(caseNames);
            missing.removeAll(found);
            w.paragraph("The shortcut model made no " + String.join(" and no ", missing) + " on the test images, so "
                    + (missing.size() == 1 ? "that row is" : "those rows are") + " missing from the figures.");
        }

        // The ring finder: relevance for the ringed class inside the ring region, threshold fitted on validation.
        // The relevance starts at the class's logit, so its mass measures how strongly the ring region drives the
        // score (an image the model does not call positive has little positive mass anywhere).
        w.heading("Ring finder");
        Target positive = Target.classIndex(data.positive);
        Lrp finderLrp = new Lrp(shortcut.graph, ShortcutNet.epsilonPlusFlat(),
                lrpConfig.withInit(org.xai4j.attribution.lrp.RelevanceInit.LOGIT));
        double[] validShares = RingFinder.masses(finderLrp.explain(data.validation.images(), positive).values(),
                data.validation.regions());
        RingFinder finder = RingFinder.fit(validShares, data.validation.ring());
        double[] testShares = RingFinder.masses(finderLrp.explain(data.test.images(), positive).values(),
                data.test.regions());
        RingFinder.Score score = finder.score(testShares, data.test.ring());
        w.measure("ring_finder", Map.of("precision", score.precision(), "recall", score.recall(),
                "threshold", finder.threshold(), "flagged", score.flagged(), "planted", score.planted()));
        w.figure("ring-finder", histogram(testShares, data.test.ring(), finder.threshold(), positiveName),
                String.format(Locale.ROOT, "The ring finder on the %d test images: each image's positive LRP relevance "
                                + "for %s inside the ring region (shortcut model, EpsilonPlusFlat started at the logit), by "
                                + "whether a ring was planted; images above %.3f (fitted on %d validation images) are flagged. "
                                + "Precision %.3f, recall %.3f (%d flagged, %d planted).", data.test.size(), positiveName,
                        finder.threshold(), data.validation.size(), score.precision(), score.recall(), score.flagged(),
                        score.planted()));
        boolean finderOk = score.precision() >= FINDER_GOAL && score.recall() >= FINDER_GOAL;
        w.paragraph(finderOk
                ? String.format(Locale.ROOT, "The ring finder recovers the planted rings: precision %.3f, recall %.3f.",
                        score.precision(), score.recall())
                : String.format(Locale.ROOT, "Not met in this run: the ring finder's precision %.3f and recall %.3f "
                        + "are not both at least %.1f. %s", score.precision(), score.recall(), FINDER_GOAL,
                        options.quick() ? "Quick mode trains too few epochs and fits the threshold on few images; run "
                                + "the full study." : "The model's relevance does not separate ring images from the "
                                + "others well enough."));

        // CRP: the most relevant channels of the last block for ring images the shortcut model calls positive
        w.heading("Concept relevance (CRP)");
        double correlation = crp(w, shortcut, data, predShortcut, sizes);
        w.measure("crp_channel_correlation", correlation);
        w.measure("shortcut_shown", shortcutShown);
        w.measure("shortcut_shown_vs_uncorrelated", shownVsUncorrelated);
        w.measure("ring_finder_goal_met", finderOk);
        double seconds = (System.nanoTime() - start) / 1e9;
        w.measure("seconds", seconds);
        w.paragraph(String.format(Locale.ROOT, "Run time %.1f s (%s mode, training included unless cached).",
                seconds, options.quick() ? "quick" : "full"));
        w.finish();
        return w;
    }

    static Data data(ExampleOptions options, Sizes sizes) {
        LesionGenerator.LesionSet train;
        LesionGenerator.LesionSet validation;
        LesionGenerator.LesionSet test;
        if (options.data() == null) {
            LesionGenerator g = new LesionGenerator(LesionGenerator.MELANOMA_NAEVUS, sizes.side, 0.3);
            train = g.generate(sizes.train, options.seed());
            validation = g.generate(sizes.validation, options.seed() + 1);
            test = g.generate(sizes.test, options.seed() + 2);
        } else {
            LesionGenerator.LesionSet all = DataFolder.read(options.data(), sizes.side);
            int n = all.size();
            if (n < 20) {
                throw new InvalidConfigException("--data " + options.data() + " holds " + n
                        + " images; the study needs at least 20 (60% train, 15% validation, 25% test)");
            }
            int[] order = shuffled(n, options.seed());
            int nt = (int) Math.round(n * 0.6);
            int nv = (int) Math.round(n * 0.15);
            train = subset(all, order, 0, nt);
            validation = subset(all, order, nt, nt + nv);
            test = subset(all, order, nt + nv, n);
        }
        int positive = Math.max(0, train.classes().indexOf("melanoma"));
        return new Data(RingedSet.plant(train, RingedSet.onClass(positive), options.seed() + 10),
                RingedSet.plant(train, RingedSet.none(), options.seed() + 10),
                RingedSet.plant(train, RingedSet.atRandom(0.5), options.seed() + 13),
                RingedSet.plant(validation, RingedSet.atRandom(0.5), options.seed() + 11),
                RingedSet.plant(test, RingedSet.atRandom(0.5), options.seed() + 12), positive);
    }

    static LesionGenerator.LesionSet subset(LesionGenerator.LesionSet s, int[] order, int from, int to) {
        int[] idx = Arrays.copyOfRange(order, from, to);
        int[] labels = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            labels[i] = s.labels()[idx[i]];
        }
        return new LesionGenerator.LesionSet(pick(s.images(), idx), labels, pick(s.masks(), idx),
                new boolean[idx.length], s.classes());
    }

    private static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random rng = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static ComputationGraph load(ExampleOptions options) {
        String f = options.model().getFileName().toString().toLowerCase(Locale.ROOT);
        if (!f.endsWith(".zip") || !Files.isRegularFile(options.model())) {
            throw new InvalidConfigException("--model " + options.model() + ": the shortcut study takes a DL4J "
                    + "ComputationGraph saved by ModelSerializer (.zip) with ShortcutNet's layer names; got "
                    + (Files.isRegularFile(options.model()) ? "a file that is not a .zip" : "no such file"));
        }
        try {
            ComputationGraph net = ModelSerializer.restoreComputationGraph(options.model().toFile(), false);
            for (String layer : List.of(ShortcutNet.BLOCK_OUT, ShortcutNet.GATE, ShortcutNet.SCALE)) {
                if (net.getVertex(layer) == null) {
                    throw new InvalidConfigException("--model " + options.model() + " has no layer '" + layer
                            + "'; the study needs ShortcutNet's layer names");
                }
            }
            return net;
        } catch (IOException e) {
            throw new InvalidConfigException("--model " + options.model() + " is not a DL4J ComputationGraph: "
                    + e.getMessage(), e);
        }
    }

    static ComputationGraph train(ComputationGraph net, RingedSet set, int epochs, long seed) {
        int n = set.size();
        int k = set.classes().size();
        INDArray onehot = Nd4j.zeros(DataType.FLOAT, n, k);
        for (int i = 0; i < n; i++) {
            onehot.putScalar(i, set.labels()[i], 1);
        }
        // DataSet.shuffle permutes the arrays it wraps in place: shuffle a copy
        DataSet all = new DataSet(set.images().dup(), onehot);
        Random rng = new Random(seed);
        for (int e = 0; e < epochs; e++) {
            all.shuffle(rng.nextLong());
            for (DataSet batch : all.batchBy(32)) {
                net.fit(batch);
            }
        }
        return net;
    }

    /** What the ring shares show, in words, with the reason where the shortcut does not stand out. */
    @SuppressWarnings("unchecked")
    static String verdict(boolean quick, double shortcut, double control, double uncorrelated, double area,
                          Map<String, Object> split) {
        StringBuilder sb = new StringBuilder();
        if (shortcut <= 0.5) {
            sb.append(String.format(Locale.ROOT, "Not shown in this run: the shortcut model puts only %.3f of its "
                    + "positive relevance on the ring (ring area %.3f). ", shortcut, area));
            sb.append(quick ? "Quick mode trains too few epochs for the shortcut to dominate; run the full study."
                    : "The model did not rely on the ring as much as planned.");
            return sb.toString();
        }
        sb.append(String.format(Locale.ROOT, "The shortcut model puts most of its positive relevance on the ring "
                + "(%.3f; the ring region is %.3f of the pixels). ", shortcut, area));
        if (shortcut >= control + CLEAR_MARGIN) {
            sb.append(String.format(Locale.ROOT, "The control model trained without rings puts %.3f there: LRP shows "
                    + "the shortcut. ", control));
        } else {
            Map<String, Object> c = (Map<String, Object>) split.get("control");
            sb.append(String.format(Locale.ROOT, "Not shown against the control trained without rings: it puts %.3f "
                    + "there too, not clearly less. That control never saw a ring and reads the dark ring as dark "
                    + "lesion: its accuracy is %.3f on test images without a ring and %.3f on images with one. ", control,
                    (Double) c.get("no_ring"), (Double) c.get("ring")));
        }
        sb.append(shortcut >= uncorrelated + CLEAR_MARGIN
                ? String.format(Locale.ROOT, "The model trained with rings on both classes at random (the ring carries "
                        + "no class information) puts %.3f there: against it the shortcut is clear.", uncorrelated)
                : String.format(Locale.ROOT, "The model trained with rings on both classes at random puts %.3f there, "
                        + "not clearly less either.", uncorrelated));
        return sb.toString();
    }

    static int[] predict(ComputationGraph net, INDArray x) {
        INDArray p = net.outputSingle(false, x);
        return p.argMax(1).toIntVector();
    }

    /** Accuracy over the images whose {@code ring} flag equals {@code which} (all when {@code ring} is null). */
    static double accuracy(int[] predicted, int[] labels, boolean[] ring, boolean which) {
        int right = 0;
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (ring == null || ring[i] == which) {
                n++;
                right += predicted[i] == labels[i] ? 1 : 0;
            }
        }
        return n == 0 ? 0 : right / (double) n;
    }

    @SuppressWarnings("unchecked")
    private static List<String> accuracyRow(String name, Map<String, Object> accuracy, Map<String, Object> split) {
        Map<String, Object> s = (Map<String, Object>) split.get(name);
        return List.of(name, fmt((Double) accuracy.get(name)), fmt((Double) s.get("ring")), fmt((Double) s.get("no_ring")));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static double meanOver(double[] values, boolean[] which) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (which[i]) {
                s += values[i];
                n++;
            }
        }
        return n == 0 ? 0 : s / n;
    }

    /**
     * Test images by case, best examples first: TP (ring first), FP (ring first), TN (no ring first), FN (no ring
     * first); positive is the ringed training class.
     */
    static List<int[]> cases(Data data, int[] predicted) {
        List<List<Integer>> c = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            c.add(new ArrayList<>());
        }
        int[] y = data.test.labels();
        for (int i = 0; i < y.length; i++) {
            boolean actual = y[i] == data.positive;
            boolean said = predicted[i] == data.positive;
            int k = actual ? (said ? 0 : 3) : (said ? 1 : 2);
            c.get(k).add(i);
        }
        List<int[]> out = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            boolean preferRing = k < 2;
            out.add(c.get(k).stream().sorted((a, b) -> Boolean.compare(data.test.ring()[b] == preferRing,
                    data.test.ring()[a] == preferRing)).mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    static INDArray pick(INDArray x, int[] idx) {
        INDArray[] rows = new INDArray[idx.length];
        for (int i = 0; i < idx.length; i++) {
            rows[i] = x.get(NDArrayIndex.interval(idx[i], idx[i] + 1)).dup();
        }
        return Nd4j.concat(0, rows);
    }

    static int[] pickLabels(int[] v, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }

    private static List<String> labels(List<String> cases, Data data, int[] idx, int[] predicted) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < idx.length; i++) {
            out.add(cases.get(i) + "\n" + data.test.classes().get(data.test.labels()[idx[i]])
                    + (data.test.ring()[idx[i]] ? ", ring" : ", no ring") + "\nsaid " + data.test.classes()
                    .get(predicted[idx[i]]));
        }
        return out;
    }

    private static BufferedImage image(INDArray x, int i) {
        return ImageTensors.toImage(x.get(NDArrayIndex.point(i)).dup());
    }

    private static BufferedImage overlays(INDArray x, List<String> rowTitles, List<String> columns, List<INDArray> maps) {
        ImageGrid.Builder grid = ImageGrid.builder().cellSize(112).columnTitles(columns);
        for (int i = 0; i < rowTitles.size(); i++) {
            BufferedImage img = image(x, i);
            List<BufferedImage> cells = new ArrayList<>();
            cells.add(img);
            for (INDArray m : maps) {
                cells.add(Overlay.apply(img, ScalarMap.of(m.get(NDArrayIndex.point(i)).dup())));
            }
            grid.row(rowTitles.get(i), cells);
        }
        return grid.build().render();
    }

    private static BufferedImage heatmaps(INDArray x, List<String> rowTitles, List<String> columns, List<INDArray> maps) {
        ImageGrid.Builder grid = ImageGrid.builder().cellSize(112).columnTitles(columns);
        for (int i = 0; i < rowTitles.size(); i++) {
            List<BufferedImage> cells = new ArrayList<>();
            cells.add(image(x, i));
            for (INDArray m : maps) {
                cells.add(ConceptPanel.heatmap(ScalarMap.of(m.get(NDArrayIndex.point(i)).dup())));
            }
            grid.row(rowTitles.get(i), cells);
        }
        return grid.build().render();
    }

    private static BufferedImage trainingImages(Data data) {
        ImageGrid.Builder grid = ImageGrid.builder().cellSize(72);
        for (boolean positiveRow : new boolean[] {true, false}) {
            List<BufferedImage> cells = new ArrayList<>();
            for (int i = 0; i < data.train.size() && cells.size() < 6; i++) {
                if ((data.train.labels()[i] == data.positive) == positiveRow) {
                    cells.add(image(data.train.images(), i));
                }
            }
            grid.row(positiveRow ? data.train.classes().get(data.positive) + " (ring)" : "others (no ring)", cells);
        }
        return grid.build().render();
    }

    private static BufferedImage histogram(double[] scores, boolean[] ring, double threshold, String positiveName) {
        int bins = 10;
        double max = Math.max(threshold, Arrays.stream(scores).max().orElse(1));
        double width = max > 0 ? max / bins : 1;
        double[] withRing = new double[bins];
        double[] without = new double[bins];
        for (int i = 0; i < scores.length; i++) {
            int b = Math.max(0, Math.min(bins - 1, (int) Math.floor(scores[i] / width)));
            (ring[i] ? withRing : without)[b]++;
        }
        List<String> cats = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            cats.add(String.format(Locale.ROOT, "%.2g–%.2g", b * width, (b + 1) * width));
        }
        return BarChart.builder().options(ChartOptions.builder()
                        .title(String.format(Locale.ROOT, "Ring relevance for %s (threshold %.3g)",
                                positiveName, threshold)).xLabel("positive relevance inside the ring region")
                        .yLabel("test images").build())
                .categories(cats).series("ring planted", withRing).series("no ring", without).build().render();
    }

    /**
     * CRP at the last block for up to {@code sizes.crpImages} ring images the shortcut model calls positive: each
     * image's {@value #TOP_CHANNELS} most relevant channels, their conditional maps, and the mean Pearson
     * correlation between the maps of different channels (averaged over the images).
     */
    static double crp(StudyWriter w, Model shortcut, Data data, int[] predicted, Sizes sizes) {
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < data.test.size() && chosen.size() < sizes.crpImages; i++) {
            if (data.test.ring()[i] && predicted[i] == data.positive) {
                chosen.add(i);
            }
        }
        for (int i = 0; i < data.test.size() && chosen.size() < sizes.crpImages; i++) {
            if (!chosen.contains(i)) {
                chosen.add(i);
            }
        }
        int[] idx = chosen.stream().mapToInt(Integer::intValue).toArray();
        INDArray x = pick(data.test.images(), idx);
        int[] target = pickLabels(predicted, idx);
        Crp crp = new Crp(shortcut.graph, ShortcutNet.epsilonPlusFlat(),
                CrpConfig.of(ShortcutNet.BLOCK_OUT, List.of(0)));
        INDArray channelRelevance = crp.channelRelevance(x, Target.perRow(target)).castTo(DataType.DOUBLE);
        double total = 0;
        ImageGrid.Builder grid = ImageGrid.builder().cellSize(96);
        List<String> columns = new ArrayList<>(List.of("image"));
        for (int k = 1; k <= TOP_CHANNELS; k++) {
            columns.add("channel rank " + k);
        }
        grid.columnTitles(columns);
        int shown = Math.min(2, idx.length);
        for (int i = 0; i < idx.length; i++) {
            int[] top = top(channelRelevance.getRow(i).toDoubleVector(), TOP_CHANNELS);
            List<List<ChannelCondition>> concepts = new ArrayList<>();
            for (int c : top) {
                concepts.add(List.of(new ChannelCondition(ShortcutNet.BLOCK_OUT, c)));
            }
            INDArray maps = crp.conditional(x.get(NDArrayIndex.interval(i, i + 1)).dup(),
                    Target.perRow(target[i]), concepts).get(NDArrayIndex.point(0)).sum(1).castTo(DataType.DOUBLE);
            total += meanPairwiseCorrelation(maps);
            if (i < shown) {
                List<BufferedImage> cells = new ArrayList<>();
                cells.add(image(x, i));
                for (int k = 0; k < top.length; k++) {
                    cells.add(ConceptPanel.heatmap(ScalarMap.of(maps.get(NDArrayIndex.point(k)).dup())));
                }
                StringBuilder title = new StringBuilder(data.test.ring()[idx[i]] ? "ring" : "no ring");
                for (int c : top) {
                    title.append(String.format(Locale.ROOT, "\nch %d: %.3g", c, channelRelevance.getDouble(i, c)));
                }
                grid.row(title.toString(), cells);
            }
        }
        double mean = total / idx.length;
        w.figure("crp", grid.build().render(), String.format(Locale.ROOT, "CRP (EpsilonPlusFlat, parallel paths "
                        + "excluded) at the last residual block (%s): the input relevance that flows through each of the "
                        + "%d channels most relevant for the shortcut model's prediction (row titles: channel and its "
                        + "relevance). Mean Pearson correlation between different channels' maps over %d images: %.3f.",
                ShortcutNet.BLOCK_OUT, TOP_CHANNELS, idx.length, mean));
        return mean;
    }

    /** The indices of the {@code k} largest values, largest first. */
    static int[] top(double[] v, int k) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[b], v[a]));
        int[] out = new int[Math.min(k, v.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = order[i];
        }
        return out;
    }

    /** The mean Pearson correlation over every pair of rows of {@code maps} (K × H × W); pairs with a flat map skip. */
    static double meanPairwiseCorrelation(INDArray maps) {
        int k = (int) maps.size(0);
        double[][] rows = new double[k][];
        for (int i = 0; i < k; i++) {
            rows[i] = maps.get(NDArrayIndex.point(i)).dup('c').data().asDouble();
        }
        long[] shape = {maps.size(1), maps.size(2)};
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                try {
                    sum += PEARSON.between(rows[a], rows[b], shape);
                    pairs++;
                } catch (UndefinedMetricException flat) {
                    // a channel whose map is constant (no relevance flows through it) has no correlation
                }
            }
        }
        return pairs == 0 ? 0 : sum / pairs;
    }
}
