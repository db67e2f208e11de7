package org.xai4j.examples.dynamics;

import static org.xai4j.examples.StudyArrays.accuracy;
import static org.xai4j.examples.StudyArrays.rows;
import static org.xai4j.examples.StudyArrays.toList;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.gradient.Saliency;
import org.xai4j.cam.CamConfig;
import org.xai4j.cam.GradCam;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.examples.ExampleOptions;
import org.xai4j.examples.Examples;
import org.xai4j.examples.StudyWriter;
import org.xai4j.examples.TrainingCache;
import org.xai4j.examples.fashion.FashionFigures;
import org.xai4j.examples.fashion.FashionSplit;
import org.xai4j.examples.fashion.LabelledImages;
import org.xai4j.examples.fashion.RecordedTraining;
import org.xai4j.examples.fashion.RunClock;
import org.xai4j.examples.fashion.TrainingFlow;
import org.xai4j.metrics.dynamics.TrainingDynamics;
import org.xai4j.metrics.dynamics.TrainingHistory;
import org.xai4j.models.dl4j.Dl4jImporter;
import org.xai4j.perturbation.features.Superpixels;
import org.xai4j.perturbation.lime.Lime;
import org.xai4j.perturbation.lime.LimeConfig;
import org.xai4j.viz.chart.Charts;
import org.xai4j.viz.image.ImageGrid;

/**
 * Report R4 reproduced, with six Fashion-MNIST classes standing in for the six Intel scene classes (T-shirt/top and
 * shirt, pullover and coat, sandal and sneaker: three pairs that look alike, as buildings/street and
 * mountain/glacier do): a small ResNet-style network ({@link DynamicsNet}) trained while the training-dynamics
 * recorder keeps every test image's prediction after every epoch. Figures: the confusion-evolution view (each test
 * image's predicted class per epoch with its change frequency, variability and misclassification bars, the loss and
 * accuracy curves aligned to the epochs, the final confusion matrix); LIME (Ribeiro et al., KDD 2016) for wrong
 * predictions; Grad-CAM (Selvaraju et al., ICCV 2017) and vanilla saliency (Simonyan et al. 2014) for correct and
 * wrong ones. Measured: the most confused class pairs, per-epoch accuracy, the number of unstable test images.
 */
public final class DynamicsStudy {
    /** The study's name on the command line. */
    public static final String NAME = "dynamics";
    /** The Fashion-MNIST labels kept: T-shirt/top, Pullover, Coat, Sandal, Shirt, Sneaker. */
    static final int[] CLASSES = {0, 2, 4, 5, 6, 7};
    /** Correct and wrong test images shown with Grad-CAM and saliency (each). */
    static final int SHOWN = 3;
    /** Rows of the unstable-instance table. */
    static final int TABLE_ROWS = 12;

    /** Study sizes: quick ones finish in well under a minute; full ones in a few minutes on two cores. */
    record Sizes(FashionSplit.Sizes split, int epochs, int limeSamples, int limeImages) {
        static Sizes of(boolean quick) {
            return quick ? new Sizes(new FashionSplit.Sizes(300, 60, 120), 3, 200, 1)
                    : new Sizes(new FashionSplit.Sizes(1200, 240, 360), 16, 1000, 2);
        }
    }

    private DynamicsStudy() {
    }

    public static void main(String[] args) {
        Examples.main(NAME, args);
    }

    /** Runs the study and writes its report into {@code options.out()}. */
    public static StudyWriter run(ExampleOptions options) {
        RunClock clock = new RunClock();
        if (options.model() != null) {
            throw new InvalidConfigException("dynamics trains its own network to record how its predictions evolve; "
                    + "--model is not supported by this study (got " + options.model() + ")");
        }
        Sizes sizes = Sizes.of(options.quick());
        int side = options.data() == null ? 28 : 32;
        FashionSplit split = FashionSplit.of(options, sizes.split(), side, CLASSES);
        List<String> classes = split.classes();
        int channels = (int) split.train().images().size(1);
        String key = options.seed() + "|" + sizes + "|" + split.source() + "|" + classes + "|" + side + "|" + channels;
        RecordedTraining.Trained<ComputationGraph> trained = RecordedTraining.graph(new TrainingCache(options.out()),
                "dynamics-resnet", key, () -> DynamicsNet.create(side, channels, classes.size(), options.seed()), split,
                sizes.epochs(), 32, options.seed());
        ComputationGraph net = trained.net();
        TrainingHistory history = trained.history();
        TrainingDynamics d = TrainingDynamics.of(history);
        InputType type = InputType.convolutional(side, side, channels);
        Graph logits = Dl4jImporter.fromComputationGraph(net, type, true);
        Graph probabilities = Dl4jImporter.fromComputationGraph(net, type, false);
        LabelledImages test = split.test();
        int[] predicted = FashionFigures.predicted(net.outputSingle(false, test.images()));
        double accuracy = accuracy(predicted, test.labels());
        int last = history.epochs() - 1;

        StudyWriter w = new StudyWriter(options.out(), "R4 — confusion evolution of a ResNet-style classifier");
        w.paragraph(String.format(Locale.ROOT, "Data: %s; classes %s; %d training, %d validation and %d test images, "
                        + "%d×%d pixels (seed %d). Model: a ResNet-style network (stem, three residual blocks with batch "
                        + "normalisation, global average pooling), Adam, %d epochs of batches of 32%s. Test accuracy "
                        + "%.3f. Every test image's prediction was recorded after every epoch.",
                split.source(), classes, split.train().size(), split.validation().size(), test.size(), side, side,
                options.seed(), sizes.epochs(),
                trained.trainingSeconds() > 0 ? String.format(Locale.ROOT, " (%.0f s)", trained.trainingSeconds())
                        : " (loaded from the cache)", accuracy));
        w.measure("accuracy", accuracy);

        w.heading("Confusion evolution");
        w.figure("confusion-evolution", TrainingFlow.confusionEvolution(history, d, classes, 240,
                        "Confusion evolution: predicted class of each test image after each epoch"),
                "Rows: test images (most often wrong first), columns: epochs, colour: predicted class; left strip: "
                        + "true class; bars: how often the prediction changed, how many classes it visited, how often "
                        + "it was wrong. Above: loss and accuracy per epoch; right: the last epoch's confusion matrix.");
        Map<String, double[]> loss = new LinkedHashMap<>();
        Map<String, double[]> acc = new LinkedHashMap<>();
        history.curves().forEach((name, v) -> (name.contains("acc") ? acc : loss).put(name, v));
        acc.put("test_accuracy", d.epochAccuracy());
        w.figure("training-curves", FashionFigures.tiles(List.of(
                        Charts.training("loss per epoch", "loss", loss).render(),
                        Charts.training("accuracy per epoch", "accuracy", acc).render()), 2),
                "Mean training loss, validation loss, validation accuracy and the recorded test images' accuracy "
                        + "after each epoch.");
        w.figure("confusion-matrix", Charts.confusion("confusion after epoch " + (last + 1), classes,
                        d.confusion(last)).render(),
                "The last epoch's confusion matrix on the test images (rows: true class).");
        List<Map<String, Object>> pairs = confusedPairs(d, classes, last, last);
        List<Map<String, Object>> pairsOverTraining = confusedPairs(d, classes, 0, last);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(5, pairs.size()); i++) {
            Map<String, Object> p = pairs.get(i);
            rows.add(List.of((String) p.get("pair"), String.format(Locale.ROOT, "%.0f", (Double) p.get("count")),
                    String.format(Locale.ROOT, "%.1f%%", 100 * (Double) p.get("share_of_pair_images"))));
        }
        w.paragraph("Most confused class pairs after the last epoch (test images of either class predicted as the "
                + "other):");
        w.table(List.of("pair", "confused images", "share of the pair's test images"), rows);
        w.paragraph(String.format(Locale.ROOT, "%d of %d test images are unstable (prediction changed in at least "
                        + "%.0f%% of the epoch-to-epoch transitions); %d were never predicted correctly.",
                d.unstable().length, test.size(), 100 * d.config().unstableFrequency(), d.neverLearned().length));
        w.table(TrainingFlow.unstableHeader(), TrainingFlow.unstableRows(history, d, classes, TABLE_ROWS));

        int[] correct = pick(test.labels(), predicted, true, SHOWN);
        int[] wrong = pick(test.labels(), predicted, false, SHOWN);
        w.heading("LIME for wrong predictions");
        if (wrong.length == 0) {
            w.paragraph("No test image is predicted wrongly: there is no wrong prediction to explain.");
        } else {
            int n = Math.min(sizes.limeImages(), wrong.length);
            int[] chosen = java.util.Arrays.copyOf(wrong, n);
            INDArray x = rows(test.images(), chosen);
            LimeConfig config = LimeConfig.DEFAULTS.withSegmenter(Superpixels.slic(25)).withSamples(sizes.limeSamples())
                    .withSeed(options.seed());
            Lime lime = new Lime(probabilities, config);
            int[] pred = new int[n];
            int[] truth = new int[n];
            for (int i = 0; i < n; i++) {
                pred[i] = predicted[chosen[i]];
                truth[i] = test.labels()[chosen[i]];
            }
            INDArray forPredicted = lime.explain(x, Target.perRow(pred)).map();
            INDArray forTrue = lime.explain(x, Target.perRow(truth)).map();
            ImageGrid.Builder grid = ImageGrid.builder().cellSize(112)
                    .columnTitles("image", "LIME: predicted class", "LIME: true class");
            for (int i = 0; i < n; i++) {
                BufferedImage img = FashionFigures.image(x, i);
                grid.row(classes.get(truth[i]) + " → " + classes.get(pred[i]), img,
                        FashionFigures.overlay(img, forPredicted, i, true),
                        FashionFigures.overlay(img, forTrue, i, true));
            }
            w.figure("lime-wrong", grid.build().render(), String.format(Locale.ROOT, "LIME (about 25 SLIC "
                    + "superpixels, %d samples, ridge surrogate) for wrongly predicted test images: superpixel weights "
                    + "for the predicted (wrong) class and for the true class; red raises the class's probability, "
                    + "blue lowers it.", sizes.limeSamples()));
        }

        w.heading("Grad-CAM and saliency for correct and wrong predictions");
        int[] shown = concat(correct, wrong);
        INDArray x = rows(test.images(), shown);
        int[] targets = new int[shown.length];
        for (int i = 0; i < shown.length; i++) {
            targets[i] = predicted[shown[i]];
        }
        INDArray cam = new GradCam(logits, CamConfig.of(DynamicsNet.CAM_LAYER)).explain(x, Target.perRow(targets)).map();
        INDArray saliency = new Saliency(logits).explain(x, Target.perRow(targets)).values();
        w.figure("grad-cam", grid(x, shown, correct.length, test, predicted, cam, "Grad-CAM"),
                "Grad-CAM at " + DynamicsNet.CAM_LAYER + " (7×7, upsampled) for the predicted class: " + correct.length
                        + " correct then " + wrong.length + " wrong test predictions.");
        w.figure("saliency", grid(x, shown, correct.length, test, predicted, saliency, "saliency"),
                "Vanilla saliency (|∂ logit of the predicted class / ∂ pixel|) for the same images.");

        w.measure("per_epoch_accuracy", toList(d.epochAccuracy()));
        w.measure("unstable_instances", d.unstable().length);
        w.measure("never_learned", d.neverLearned().length);
        w.measure("most_confused_pairs", pairs.subList(0, Math.min(5, pairs.size())));
        w.measure("most_confused_pairs_over_training", pairsOverTraining.subList(0, Math.min(5, pairsOverTraining.size())));
        w.measure("seconds", clock.seconds());
        w.measure("cpu_seconds", clock.cpuSeconds());
        w.paragraph("Run time: " + clock.describe() + " (" + (options.quick() ? "quick" : "full")
                + " mode, training included unless cached).");
        System.out.println(NAME + ": " + clock.describe());
        w.finish();
        return w;
    }

    /**
     * Class pairs {a, b} by the number of test images of a predicted b or of b predicted a, summed over epochs
     * {@code from} … {@code to} and divided by the number of epochs (a mean
     * per epoch; the plain count for one epoch); most confused first.
     */
    static List<Map<String, Object>> confusedPairs(TrainingDynamics d, List<String> classes, int from, int to) {
        int k = classes.size();
        long[] counts = d.classCounts();
        long[][] sum = new long[k][k];
        for (int e = from; e <= to; e++) {
            long[][] c = d.confusion(e);
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    sum[a][b] += c[a][b];
                }
            }
        }
        int epochs = to - from + 1;
        List<Map<String, Object>> out = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                Map<String, Object> m = new LinkedHashMap<>();
                long n = sum[a][b] + sum[b][a];
                m.put("pair", classes.get(a) + " ↔ " + classes.get(b));
                m.put("count", n / (double) epochs);
                m.put(classes.get(a) + " → " + classes.get(b), sum[a][b] / (double) epochs);
                m.put(classes.get(b) + " → " + classes.get(a), sum[b][a] / (double) epochs);
                long images = counts[a] + counts[b];
                m.put("share_of_pair_images", images == 0 ? 0.0 : n / (double) (images * epochs));
                out.add(m);
            }
        }
        out.sort((p, q) -> Double.compare(((Number) q.get("count")).doubleValue(), ((Number) p.get("count")).doubleValue()));
        return out;
    }

    private static BufferedImage grid(INDArray x, int[] shown, int correct, LabelledImages test, int[] predicted,
                                      INDArray maps, String method) {
        ImageGrid.Builder grid = ImageGrid.builder().cellSize(112).columnTitles("image", method);
        for (int r = 0; r < shown.length; r++) {
            BufferedImage img = FashionFigures.image(x, r);
            grid.row((r < correct ? "correct: " : "wrong: ") + test.classes().get(test.labels()[shown[r]]) + " → "
                    + test.classes().get(predicted[shown[r]]), img, FashionFigures.overlay(img, maps, r, false));
        }
        return grid.build().render();
    }

    /** The first {@code count} test images predicted correctly (or wrongly), each of a different true class first. */
    static int[] pick(int[] labels, int[] predicted, boolean correct, int count) {
        List<Integer> out = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int pass = 0; pass < 2 && out.size() < count; pass++) {
            for (int i = 0; i < labels.length && out.size() < count; i++) {
                if ((labels[i] == predicted[i]) == correct && !out.contains(i) && (pass == 1 || seen.add(labels[i]))) {
                    out.add(i);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

}
