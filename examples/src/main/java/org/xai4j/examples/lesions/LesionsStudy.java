package org.xai4j.examples.lesions;

import static org.xai4j.examples.StudyArrays.accuracy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.cam.CamConfig;
import org.xai4j.cam.GradCam;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.examples.ExampleOptions;
import org.xai4j.examples.Examples;
import org.xai4j.examples.LesionGenerator;
import org.xai4j.examples.LesionGenerator.LesionSet;
import org.xai4j.examples.StudyProgress;
import org.xai4j.examples.StudyWriter;
import org.xai4j.examples.TrainingCache;
import org.xai4j.metrics.uncertainty.ClassProbabilities;
import org.xai4j.metrics.uncertainty.PredictiveEntropy;
import org.xai4j.models.dl4j.Dl4jImporter;
import org.xai4j.perturbation.features.Superpixels;
import org.xai4j.perturbation.lime.Lime;
import org.xai4j.perturbation.lime.LimeConfig;
import org.xai4j.perturbation.lime.LimeExplanation;
import org.xai4j.perturbation.occlusion.Occlusion;
import org.xai4j.perturbation.occlusion.OcclusionConfig;
import org.xai4j.viz.ScalarMap;
import org.xai4j.viz.chart.Charts;
import org.xai4j.viz.image.ImageGrid;
import org.xai4j.viz.image.ImageTensors;
import org.xai4j.viz.image.Overlay;
import org.xai4j.viz.image.SegmentMap;
import org.xai4j.viz.image.SuperpixelStyle;

/**
 * Report R1 reproduced: a seven-class skin-lesion classifier (HAM10000's class imbalance, class-weighted loss) and a
 * lesion segmenter, explained. Figures: class-probability bars for correct and wrong test images, Grad-CAM for sharp-
 * and blurred-border lesions, LIME superpixels for two classes, mean predictive entropy per class, the segmenter's
 * Grad-CAM at five depths (target: the lesion class summed over the predicted mask) and its occlusion sensitivity.
 * Measured: accuracy, Dice, entropy per class and, because the generated images carry their masks, the share of each
 * map's positive mass on the lesion, on its border band and on the skin, for sharp and for blurred borders.
 */
public final class LesionsStudy {
    /** The study's name on the command line. */
    public static final String NAME = "lesions";
    /** Border band half-width in pixels (at 32×32 input). */
    static final int BAND = 2;
    /** The blur (σ in pixels) that hides an occluded patch. */
    static final double OCCLUSION_BLUR = 3;

    /** Study sizes; the quick ones keep the run well under 90 seconds. */
    record Sizes(int side, int train, int test, int epochs, int segTrain, int segEpochs, int explained,
                 int limeSamples, double learningRate) {
        static Sizes of(boolean quick) {
            return quick ? new Sizes(32, 300, 120, 3, 200, 3, 8, 150, 2e-3)
                    : new Sizes(32, 2000, 600, 10, 600, 6, 48, 1000, 1e-3);
        }
    }

    private LesionsStudy() {
    }

    public static void main(String[] args) {
        Examples.main(NAME, args);
    }

    /** Runs the study and writes its report into {@code options.out()}. */
    public static StudyWriter run(ExampleOptions options) {
        long start = System.nanoTime();
        Sizes sizes = Sizes.of(options.quick());
        InputType type = InputType.convolutional(sizes.side, sizes.side, 3);
        Data data = data(options, sizes);
        List<String> classes = data.train.classes();
        int k = classes.size();
        TrainingCache cache = new TrainingCache(options.out());
        String key = options.seed() + "|" + sizes + "|" + data.train.size() + "|" + classes;
        double[] weights = LesionModels.classWeights(data.train.labels(), k);
        MultiLayerNetwork classifier = options.model() != null ? load(options, k) : cache.multiLayer(
                "lesions-classifier", key, () -> {
                    MultiLayerNetwork net = LesionModels.classifier(sizes.side, weights, options.seed(),
                            sizes.learningRate);
                    LesionModels.train(net::fit, data.train.images(), LesionModels.oneHot(data.train.labels(), k),
                            sizes.epochs, options.seed());
                    return net;
                });
        LesionSet segTrain = data.segmentationTrain(sizes.segTrain);
        ComputationGraph segmenter = segTrain.size() == 0 ? null : cache.computationGraph("lesions-segmenter", key,
                () -> {
                    ComputationGraph net = LesionModels.segmenter(sizes.side, options.seed() + 1, 3e-3);
                    LesionModels.train(net::fit, segTrain.images(), LesionModels.maskLabels(segTrain.masks()),
                            sizes.segEpochs, options.seed() + 1);
                    return net;
                });

        StudyWriter w = new StudyWriter(options.out(), "R1 — skin-lesion classification and segmentation");
        LesionSet test = data.test;
        int[] counts = new int[k];
        for (int l : data.train.labels()) {
            counts[l]++;
        }
        w.paragraph(String.format(Locale.ROOT, "%d training and %d test images, %d×%d pixels, %s. Training images "
                        + "per class: %s. Classifier: MobileNet-style (depthwise-separable convolutions, batch norm), "
                        + "%d epochs with Adam and class weights %s (square-root balanced). Segmenter: a two-level "
                        + "U-Net, %d epochs on %d images with masks.", data.train.size(), test.size(), sizes.side,
                sizes.side, options.data() == null ? "generated with seed " + options.seed()
                        + " (HAM10000's seven classes and class frequencies, half the borders blurred)"
                        : "read from " + options.data(), perClassText(classes, counts), sizes.epochs,
                perClassText(classes, weights), sizes.segEpochs, segTrain.size()));

        // classification: accuracy, probability bars, entropy
        INDArray probs = classifier.output(test.images(), false).castTo(DataType.DOUBLE);
        ClassProbabilities p = ClassProbabilities.fromProbabilities(probs);
        int[] predicted = p.predicted();
        double accuracy = accuracy(predicted, test.labels());
        Map<String, Object> perClassAccuracy = perClassAccuracy(predicted, test.labels(), classes);
        w.measure("accuracy", accuracy).measure("accuracy_per_class", perClassAccuracy);
        w.heading("Classification");
        w.paragraph(String.format(Locale.ROOT, "Test accuracy %.3f; per true class (recall): %s.", accuracy,
                perClassAccuracy));
        w.figure("probabilities", probabilityBars(test, p, classes),
                "Class probabilities for three correctly (top) and up to three wrongly (bottom) classified test "
                        + "images.");
        PredictiveEntropy entropy = PredictiveEntropy.of(p, test.labels());
        Map<String, Object> entropyPerClass = new LinkedHashMap<>();
        for (int c = 0; c < k; c++) {
            if (entropy.perClassCount()[c] > 0) {
                entropyPerClass.put(classes.get(c), entropy.perClassMean()[c]);
            }
        }
        w.measure("entropy_per_class", entropyPerClass);
        w.figure("entropy", Charts.perClass("Mean predictive entropy per true class (nats)", "entropy", classes,
                        finiteOrZero(entropy.perClassMean())).render(),
                "Mean predictive entropy of the test images of each class (the maximum is ln " + k + " = "
                        + String.format(Locale.ROOT, "%.2f", Math.log(k)) + "); rare classes are the least certain "
                        + "where their bars are highest.");

        // the explained subset: test images with masks, sharp and blurred alternately where possible
        int[] explained = data.explainedRows(sizes.explained);
        INDArray x = rows(test.images(), explained);
        int[] y = pick(predicted, explained);
        List<LesionRegions> regions = new ArrayList<>();
        boolean[] blurred = new boolean[explained.length];
        for (int i = 0; i < explained.length; i++) {
            regions.add(LesionRegions.of(rows(test.masks(), new int[] {explained[i]}).castTo(DataType.FLOAT)
                    .dup('c').data().asFloat(), sizes.side, sizes.side, BAND));
            blurred[i] = test.blurred()[explained[i]];
        }
        Map<String, Object> shares = new LinkedHashMap<>();

        Graph logits = Dl4jImporter.fromMultiLayer(classifier, type, true);
        INDArray cam = new GradCam(logits, CamConfig.of(camLayer(classifier, sizes.side))).explain(x, Target.perRow(y)).map();
        shares.put("classifier_gradcam", shares(cam, regions, blurred));
        w.heading("Grad-CAM of the classifier");
        w.figure("gradcam", overlays(x, cam, blurred, y, classes, 4),
                "Grad-CAM for the predicted class: sharp-border lesions (left rows) and blurred-border lesions.");
        w.table(List.of("map", "border", "lesion", "border band", "skin", "images"), shareRows(shares));

        w.heading("LIME superpixels");
        w.figure("lime", lime(logits, test, predicted, options.seed(), sizes), "LIME (SLIC superpixels, "
                + sizes.limeSamples + " samples) for correctly classified test images of the two most frequent "
                + "classes: green superpixels support the class, red ones oppose it.");

        if (segmenter != null) {
            w.heading("Segmentation");
            INDArray segOut = segmenter.outputSingle(false, test.images());
            INDArray predMask = threshold(segOut.get(NDArrayIndex.all(), NDArrayIndex.point(1)));
            double dice = dice(predMask, test.masks(), data.testHasMask);
            w.measure("dice", dice);
            w.paragraph(String.format(Locale.ROOT, "Mean Dice of the predicted masks on the test images with a "
                    + "ground-truth mask: %.3f.", dice));
            Graph seg = Dl4jImporter.fromComputationGraph(segmenter, type, true);
            INDArray maskX = rows(predMask, explained);
            Target lesion = Target.classOverMask(1, maskX);
            Map<String, INDArray> depthMaps = new LinkedHashMap<>();
            for (String layer : LesionModels.SEGMENTER_DEPTHS) {
                INDArray m = new GradCam(seg, CamConfig.of(layer)).explain(x, lesion).map();
                depthMaps.put(layer, m);
                shares.put("segmenter_gradcam_" + layer, shares(m, regions, blurred));
            }
            w.figure("segmenter-gradcam", depthGrid(x, rows(test.masks(), explained), maskX, depthMaps, 4),
                    "The segmenter's Grad-CAM at five depths, encoder to decoder (target: the lesion class's logits "
                            + "summed over the predicted mask).");
            // a blurred copy hides a patch's structure but keeps its colour (black patches would look like lesion)
            Occlusion occlusion = new Occlusion(seg, OcclusionConfig.of(4, 4).withStrides(2, 2)
                    .withBaseline(org.xai4j.core.baseline.Baseline.blur(OCCLUSION_BLUR)));
            INDArray occ = StudyProgress.run("occlusion", () -> occlusion.explain(x, lesion)).values().sum(1);
            shares.put("segmenter_occlusion", shares(occ, regions, blurred));
            w.figure("segmenter-occlusion", overlays(x, occ, blurred, y, classes, 4),
                    "Occlusion sensitivity of the segmenter (4×4 patches, stride 2, replaced by a Gaussian blur "
                            + "of the image, σ = " + OCCLUSION_BLUR + " pixels): how much the lesion score over the "
                            + "predicted mask drops when a patch is hidden.");
        } else {
            w.paragraph("No image of --data has a mask (sub-folder '" + LesionFolder.MASKS + "'): the segmenter "
                    + "was not trained and its figures and Dice are missing.");
        }
        w.heading("Where the maps' evidence lies");
        w.paragraph("Share of each map's positive mass on the lesion (mask minus a " + BAND + "-pixel band), on the "
                + "border band (" + BAND + " pixels either side of the mask's edge) and on the skin, averaged over "
                + explained.length + " test images, separately for sharp and blurred borders; in brackets each region's "
                + "share of the pixels (what a map spread evenly would give).");
        w.table(List.of("map", "border", "lesion", "border band", "skin", "images"), shareRows(shares));
        w.measure("region_shares", shares);
        double seconds = (System.nanoTime() - start) / 1e9;
        w.measure("seconds", seconds);
        w.paragraph(String.format(Locale.ROOT, "Run time %.1f s (%s mode, training included unless cached).",
                seconds, options.quick() ? "quick" : "full"));
        w.finish();
        return w;
    }

    /** Training and test sets, and which test images have masks. */
    record Data(LesionSet train, LesionSet test, boolean[] trainHasMask, boolean[] testHasMask) {
        LesionSet segmentationTrain(int max) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < train.size() && idx.size() < max; i++) {
                if (trainHasMask[i]) {
                    idx.add(i);
                }
            }
            return subset(train, idx.stream().mapToInt(Integer::intValue).toArray());
        }

        /** Up to {@code n} test rows with masks, sharp and blurred borders alternating while both last. */
        int[] explainedRows(int n) {
            List<Integer> sharp = new ArrayList<>();
            List<Integer> blur = new ArrayList<>();
            for (int i = 0; i < test.size(); i++) {
                if (testHasMask[i]) {
                    (test.blurred()[i] ? blur : sharp).add(i);
                }
            }
            List<Integer> out = new ArrayList<>();
            int a = 0;
            int b = 0;
            while (out.size() < n && (a < sharp.size() || b < blur.size())) {
                if (a < sharp.size() && (out.size() % 2 == 0 || b >= blur.size())) {
                    out.add(sharp.get(a++));
                } else {
                    out.add(blur.get(b++));
                }
            }
            if (out.isEmpty()) {
                for (int i = 0; i < Math.min(n, test.size()); i++) {
                    out.add(i);
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    static Data data(ExampleOptions options, Sizes sizes) {
        if (options.data() == null) {
            LesionGenerator g = new LesionGenerator(LesionGenerator.HAM10000, sizes.side, 0.5,
                    LesionGenerator.Variation.HAM10000);
            LesionSet train = g.generate(sizes.train, options.seed());
            LesionSet test = g.generate(sizes.test, options.seed() + 2);
            return new Data(train, test, filled(train.size()), filled(test.size()));
        }
        LesionFolder folder = LesionFolder.read(options.data(), sizes.side);
        LesionSet all = folder.set();
        int n = all.size();
        if (n < 20) {
            throw new InvalidConfigException("--data " + options.data() + " holds " + n
                    + " images; the study needs at least 20 (75% train, 25% test)");
        }
        int[] order = shuffled(n, options.seed());
        int nt = (int) Math.round(n * 0.75);
        int[] tr = java.util.Arrays.copyOfRange(order, 0, nt);
        int[] te = java.util.Arrays.copyOfRange(order, nt, n);
        return new Data(subset(all, tr), subset(all, te), pick(folder.hasMask(), tr), pick(folder.hasMask(), te));
    }

    private static MultiLayerNetwork load(ExampleOptions options, int classes) {
        String file = options.model().getFileName().toString().toLowerCase(Locale.ROOT);
        if (!file.endsWith(".zip")) {
            throw new InvalidConfigException("--model " + options.model() + ": the lesions study takes a DL4J "
                    + "MultiLayerNetwork saved with ModelSerializer (a .zip file), such as its own cache/"
                    + "lesions-classifier-*.zip");
        }
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(options.model().toFile(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --model " + options.model() + ": " + e.getMessage(), e);
        }
        long out = net.layerSize(net.getnLayers() - 1);
        if (out != 0 && out != classes) {
            throw new InvalidConfigException("--model " + options.model() + " has " + out
                    + " outputs but the data has " + classes + " classes");
        }
        return net;
    }

    /** The name of the last layer whose output is still an image (the classifier's Grad-CAM layer). */
    static String camLayer(MultiLayerNetwork net, int side) {
        var conf = net.getLayerWiseConfigurations();
        String last = null;
        InputType t = InputType.convolutional(side, side, 3);
        for (int i = 0; i < net.getnLayers(); i++) {
            var layer = conf.getConf(i).getLayer();
            if (conf.getInputPreProcess(i) != null) {
                t = conf.getInputPreProcess(i).getOutputType(t);
            }
            t = layer.getOutputType(i, t);
            if (t.getType() == InputType.Type.CNN) {
                last = layer.getLayerName() != null ? layer.getLayerName() : "layer" + i;
            }
        }
        if (last == null) {
            throw new InvalidConfigException("the classifier has no convolutional layer for Grad-CAM");
        }
        return last;
    }

    /** Mean shares {lesion, border, background} per border type, over rows with a finite share. */
    static Map<String, Object> shares(INDArray maps, List<LesionRegions> regions, boolean[] blurred) {
        INDArray m = maps.castTo(DataType.DOUBLE).reshape(maps.size(0), -1).dup('c');
        double[][] sum = new double[2][3];
        double[][] area = new double[2][3];
        int[] count = new int[2];
        for (int i = 0; i < regions.size(); i++) {
            double[] s = regions.get(i).positiveShares(m.getRow(i).toDoubleVector());
            if (Double.isFinite(s[0])) {
                int b = blurred[i] ? 1 : 0;
                int[] sizes = regions.get(i).sizes();
                double pixels = sizes[0] + sizes[1] + sizes[2];
                for (int r = 0; r < 3; r++) {
                    sum[b][r] += s[r];
                    area[b][r] += sizes[r] / pixels;
                }
                count[b]++;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        String[] names = {"sharp", "blurred"};
        for (int b = 0; b < 2; b++) {
            if (count[b] == 0) {
                continue;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("lesion", sum[b][0] / count[b]);
            e.put("border", sum[b][1] / count[b]);
            e.put("background", sum[b][2] / count[b]);
            // what a map spread evenly over the image would give: each region's share of the pixels
            e.put("area", Map.of("lesion", area[b][0] / count[b], "border", area[b][1] / count[b],
                    "background", area[b][2] / count[b]));
            e.put("images", count[b]);
            out.put(names[b], e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<List<String>> shareRows(Map<String, Object> shares) {
        List<List<String>> rows = new ArrayList<>();
        shares.forEach((map, v) -> ((Map<String, Object>) v).forEach((border, e) -> {
            Map<String, Object> s = (Map<String, Object>) e;
            Map<String, Object> a = (Map<String, Object>) s.get("area");
            rows.add(List.of(map, border, fmt(s.get("lesion")) + " (" + fmt(a.get("lesion")) + ")",
                    fmt(s.get("border")) + " (" + fmt(a.get("border")) + ")",
                    fmt(s.get("background")) + " (" + fmt(a.get("background")) + ")",
                    String.valueOf(s.get("images"))));
        }));
        return rows;
    }

    private static String fmt(Object v) {
        return String.format(Locale.ROOT, "%.3f", ((Number) v).doubleValue());
    }

    static Map<String, Object> perClassAccuracy(int[] predicted, int[] labels, List<String> classes) {
        int[] right = new int[classes.size()];
        int[] count = new int[classes.size()];
        for (int i = 0; i < labels.length; i++) {
            count[labels[i]]++;
            right[labels[i]] += predicted[i] == labels[i] ? 1 : 0;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            if (count[c] > 0) {
                out.put(classes.get(c), right[c] / (double) count[c]);
            }
        }
        return out;
    }

    /** Mean Dice over the images with a mask (an empty prediction of an empty mask counts 1). */
    static double dice(INDArray predicted, INDArray truth, boolean[] hasMask) {
        long n = predicted.size(0);
        float[] p = predicted.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] t = truth.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int plane = (int) (p.length / n);
        double sum = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (!hasMask[i]) {
                continue;
            }
            double inter = 0;
            double total = 0;
            for (int j = i * plane; j < (i + 1) * plane; j++) {
                boolean a = p[j] > 0.5f;
                boolean b = t[j] > 0.5f;
                inter += a && b ? 1 : 0;
                total += (a ? 1 : 0) + (b ? 1 : 0);
            }
            sum += total == 0 ? 1 : 2 * inter / total;
            count++;
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** 1 where {@code p} > 0.5, else 0 (a Java loop: ND4J's gt on small arrays crashed the JVM in an earlier attempt). */
    static INDArray threshold(INDArray p) {
        float[] v = p.castTo(DataType.FLOAT).dup('c').data().asFloat();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] > 0.5f ? 1 : 0;
        }
        return Nd4j.create(v, p.shape(), 'c');
    }

    private static BufferedImage probabilityBars(LesionSet test, ClassProbabilities p, List<String> classes) {
        int[] pred = p.predicted();
        List<Integer> right = new ArrayList<>();
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            List<Integer> into = pred[i] == test.labels()[i] ? right : wrong;
            if (into.size() < 3) {
                into.add(i);
            }
        }
        List<BufferedImage> tiles = new ArrayList<>();
        for (List<Integer> group : List.of(right, wrong)) {
            List<BufferedImage> row = new ArrayList<>();
            for (int i : group) {
                double[] probs = p.table()[i];
                row.add(stack(scaled(image(test.images(), i), 96), Charts.probabilities(String.format(Locale.ROOT,
                        "true %s, predicted %s", classes.get(test.labels()[i]), classes.get(pred[i])), classes, probs)
                        .render()));
            }
            if (!row.isEmpty()) {
                tiles.add(side(row.toArray(BufferedImage[]::new)));
            }
        }
        return stack(tiles.toArray(BufferedImage[]::new));
    }

    private static BufferedImage overlays(INDArray x, INDArray maps, boolean[] blurred, int[] y, List<String> classes,
                                          int perKind) {
        ImageGrid.Builder grid = ImageGrid.builder().cellSize(96);
        List<String> titles = new ArrayList<>();
        for (String kind : List.of("sharp", "blurred")) {
            for (int j = 0; j < perKind; j++) {
                titles.add(kind);
            }
        }
        grid.columnTitles(titles);
        List<BufferedImage> images = new ArrayList<>();
        List<BufferedImage> heat = new ArrayList<>();
        for (boolean kind : new boolean[] {false, true}) {
            int shown = 0;
            for (int i = 0; i < blurred.length && shown < perKind; i++) {
                if (blurred[i] == kind) {
                    BufferedImage img = image(x, i);
                    images.add(img);
                    heat.add(Overlay.apply(img, ScalarMap.of(maps.get(NDArrayIndex.point(i)).dup())));
                    shown++;
                }
            }
        }
        grid.columnTitles(titles.subList(0, images.size()));
        grid.row("image", images).row("map", heat);
        return grid.build().render();
    }

    private static BufferedImage depthGrid(INDArray x, INDArray truth, INDArray predicted, Map<String, INDArray> maps,
                                           int rows) {
        ImageGrid.Builder grid = ImageGrid.builder().cellSize(96);
        List<String> titles = new ArrayList<>(List.of("image", "true mask", "predicted"));
        titles.addAll(maps.keySet());
        grid.columnTitles(titles);
        for (int i = 0; i < Math.min(rows, x.size(0)); i++) {
            BufferedImage img = image(x, i);
            List<BufferedImage> cells = new ArrayList<>(List.of(img, maskImage(truth, i), maskImage(predicted, i)));
            for (INDArray m : maps.values()) {
                cells.add(Overlay.apply(img, ScalarMap.of(m.get(NDArrayIndex.point(i)).dup())));
            }
            grid.row("test " + i, cells);
        }
        return grid.build().render();
    }

    private static BufferedImage lime(Graph logits, LesionSet test, int[] predicted, long seed, Sizes sizes) {
        int k = test.classes().size();
        int[] counts = new int[k];
        for (int l : test.labels()) {
            counts[l]++;
        }
        Integer[] byCount = new Integer[k];
        for (int c = 0; c < k; c++) {
            byCount[c] = c;
        }
        java.util.Arrays.sort(byCount, (a, b) -> counts[b] - counts[a]);
        List<BufferedImage> panels = new ArrayList<>();
        for (int c : new int[] {byCount[0], byCount[1]}) {
            int row = -1;
            for (int i = 0; i < test.size() && row < 0; i++) {
                if (test.labels()[i] == c && predicted[i] == c) {
                    row = i;
                }
            }
            if (row < 0) {
                continue;
            }
            INDArray xi = rows(test.images(), new int[] {row});
            LimeExplanation e = new Lime(logits, LimeConfig.DEFAULTS.withSegmenter(Superpixels.slic(25))
                    .withSamples(sizes.limeSamples).withSeed(seed)).explain(xi, Target.classIndex(c));
            LimeExplanation.Row r = e.row(0);
            BufferedImage img = scaled(image(xi, 0), 128);
            SegmentMap segments = SegmentMap.of(sizes.side, sizes.side, r.mask().labels());
            BufferedImage small = org.xai4j.viz.image.SuperpixelOverlay.render(image(xi, 0), segments, r.weights(),
                    SuperpixelStyle.builder().topK(4).showNegative(true).build());
            panels.add(side(img, scaled(small, 128)));
        }
        ImageGrid.Builder grid = ImageGrid.builder().cellSize(256, 128);
        for (int i = 0; i < panels.size(); i++) {
            grid.row(test.classes().get(byCount[i]), panels.get(i));
        }
        return panels.isEmpty() ? side(scaled(image(test.images(), 0), 128)) : grid.build().render();
    }

    private static BufferedImage image(INDArray x, int i) {
        return ImageTensors.toImage(x.get(NDArrayIndex.point(i)).dup());
    }

    private static BufferedImage maskImage(INDArray masks, int i) {
        INDArray m = masks.get(NDArrayIndex.point(i)).castTo(DataType.FLOAT);
        return ImageTensors.toImage(Nd4j.stack(0, m, m, m));
    }

    static BufferedImage scaled(BufferedImage img, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(img, 0, 0, size, size, null);
        g.dispose();
        return out;
    }

    static BufferedImage side(BufferedImage... images) {
        int w = 0;
        int h = 0;
        for (BufferedImage i : images) {
            w += i.getWidth();
            h = Math.max(h, i.getHeight());
        }
        BufferedImage out = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        int at = 0;
        for (BufferedImage i : images) {
            g.drawImage(i, at, 0, null);
            at += i.getWidth();
        }
        g.dispose();
        return out;
    }

    static BufferedImage stack(BufferedImage... images) {
        int w = 0;
        int h = 0;
        for (BufferedImage i : images) {
            w = Math.max(w, i.getWidth());
            h += i.getHeight();
        }
        BufferedImage out = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        int at = 0;
        for (BufferedImage i : images) {
            g.drawImage(i, 0, at, null);
            at += i.getHeight();
        }
        g.dispose();
        return out;
    }

    private static String perClassText(List<String> classes, int[] v) {
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            parts.add(classes.get(c) + " " + v[c]);
        }
        return String.join(", ", parts);
    }

    private static String perClassText(List<String> classes, double[] v) {
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            parts.add(String.format(Locale.ROOT, "%s %.2f", classes.get(c), v[c]));
        }
        return String.join(", ", parts);
    }

    private static double[] finiteOrZero(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.isFinite(out[i]) ? out[i] : 0;
        }
        return out;
    }

    private static boolean[] filled(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }

    private static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Random rng = new java.util.Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static int[] pick(int[] v, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }

    private static boolean[] pick(boolean[] v, int[] idx) {
        boolean[] out = new boolean[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }

    private static INDArray rows(INDArray a, int[] idx) {
        long[] shape = a.shape().clone();
        shape[0] = idx.length;
        if (idx.length == 0) {
            return Nd4j.create(a.dataType(), shape);
        }
        return Nd4j.pullRows(a.reshape(a.size(0), -1), 1, idx).reshape(shape);
    }

    static LesionSet subset(LesionSet s, int[] idx) {
        return new LesionSet(rows(s.images(), idx), pick(s.labels(), idx), rows(s.masks(), idx),
                pick(s.blurred(), idx), s.classes());
    }
}
