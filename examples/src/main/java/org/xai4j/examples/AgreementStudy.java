package org.xai4j.examples;

import static org.xai4j.examples.StudyArrays.accuracy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.attribution.gradient.DeepLift;
import org.xai4j.attribution.gradient.IntegratedGradients;
import org.xai4j.attribution.gradient.IntegratedGradientsConfig;
import org.xai4j.cam.CamConfig;
import org.xai4j.cam.GradCam;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.metrics.similarity.Agreement;
import org.xai4j.metrics.similarity.AgreementMatrix;
import org.xai4j.metrics.similarity.CosineSimilarity;
import org.xai4j.metrics.similarity.MapSimilarity;
import org.xai4j.metrics.similarity.ModelComparison;
import org.xai4j.metrics.similarity.PearsonCorrelation;
import org.xai4j.metrics.similarity.Ssim;
import org.xai4j.metrics.similarity.SsimConfig;
import org.xai4j.metrics.similarity.TopKJaccard;
import org.xai4j.metrics.uncertainty.Calibration;
import org.xai4j.metrics.uncertainty.ClassProbabilities;
import org.xai4j.metrics.uncertainty.TemperatureScaling;
import org.xai4j.models.dl4j.Dl4jImporter;
import org.xai4j.viz.ScalarMap;
import org.xai4j.viz.chart.Charts;
import org.xai4j.viz.chart.ReliabilityBins;
import org.xai4j.viz.image.ImageGrid;
import org.xai4j.viz.image.ImageTensors;
import org.xai4j.viz.image.Overlay;

/**
 * Report R3 reproduced: do explanation methods agree, within one model and between two models of similar accuracy?
 * A generated melanoma-like vs naevus-like set of 170 training images (MED-NODE's size) trains two CNNs of
 * different architecture; Grad-CAM, DeepLIFT and Integrated Gradients explain the true class of held-out images;
 * their maps are compared by SSIM, Pearson correlation, cosine similarity and the Jaccard index of the top 10% of
 * pixels, within each model and per method across the models ("model comparison mode"). Calibration: reliability
 * diagrams and ECE before and after temperature scaling fitted on a validation split.
 *
 * <p>Maps are compared as evidence for the class: each map's positive part (pixel attributions summed over colour
 * channels first), scaled to a maximum of 1.
 */
public final class AgreementStudy {
    /** The study's name on the command line. */
    public static final String NAME = "agreement";
    /** Training images, as MED-NODE. */
    public static final int TRAIN_IMAGES = 170;

    /** Adam's step size (3e-3 let CNN-B collapse to one class in a 40-epoch run). */
    static final double LEARNING_RATE = 1e-3;
    /** Accuracies further apart than this are reported as not similar. */
    static final double SIMILAR_ACCURACY = 0.1;

    private static final List<String> METHODS = List.of("Grad-CAM", "DeepLIFT", "Integrated Gradients");

    /** Study sizes; the quick ones keep the whole run in a few seconds. */
    record Sizes(int side, int validation, int test, int explained, int epochs, int igSteps) {
        static Sizes of(boolean quick) {
            return quick ? new Sizes(32, 40, 40, 6, 6, 8) : new Sizes(32, 80, 160, 40, 40, 32);
        }
    }

    /** One trained model and its Grad-CAM layer. */
    record Model(String name, MultiLayerNetwork net, String camLayer) {
    }

    private AgreementStudy() {
    }

    public static void main(String[] args) {
        Examples.main(prepend(NAME, args));
    }

    static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** Runs the study and writes its report into {@code options.out()}. */
    public static StudyWriter run(ExampleOptions options) {
        long start = System.nanoTime();
        if (options.model() != null) {
            throw new InvalidConfigException("agreement compares two models it trains itself; --model is not "
                    + "supported by this study (got " + options.model() + ")");
        }
        Sizes sizes = Sizes.of(options.quick());
        Split split = split(options, sizes);
        TrainingCache cache = new TrainingCache(options.out());
        String key = options.seed() + "|" + sizes + "|" + split.train.size() + "|" + split.classes;
        Model a = new Model("CNN-A", cache.multiLayer("agreement-cnn-a", key,
                () -> train(netA(sizes.side, split.classes.size(), options.seed()), split, sizes.epochs, options.seed())),
                "relu2");
        Model b = new Model("CNN-B", cache.multiLayer("agreement-cnn-b", key,
                () -> train(netB(sizes.side, split.classes.size(), options.seed() + 1), split, sizes.epochs,
                        options.seed() + 1)), "relu3");

        StudyWriter w = new StudyWriter(options.out(), "R3 — agreement between explanation methods and models");
        w.paragraph("Two-class lesion images (" + String.join(" vs ", split.classes) + "), "
                + split.train.size() + " training, " + split.validation.size() + " validation (temperature), "
                + split.test.size() + " test images, " + sizes.side + "×" + sizes.side + " pixels; "
                + (options.data() == null ? "generated with seed " + options.seed() : "read from " + options.data())
                + ". Models: CNN-A (two 3×3 convolutions, max pooling, dense head) and CNN-B (5×5 then two 3×3 "
                + "convolutions, a narrower dense head), each trained " + sizes.epochs + " epochs with Adam.");

        Map<String, Object> accuracy = new LinkedHashMap<>();
        Map<String, Object> ece = new LinkedHashMap<>();
        Map<String, Object> temperature = new LinkedHashMap<>();
        w.heading("Calibration");
        for (Model m : List.of(a, b)) {
            INDArray logValid = logProbabilities(m.net, split.validation.images());
            INDArray logTest = logProbabilities(m.net, split.test.images());
            ClassProbabilities before = ClassProbabilities.fromLogits(logTest);
            TemperatureScaling t = TemperatureScaling.fit(logValid, split.validation.labels());
            ClassProbabilities after = t.apply(logTest);
            Calibration cb = Calibration.of(before, split.test.labels(), 10);
            Calibration ca = Calibration.of(after, split.test.labels(), 10);
            accuracy.put(m.name, accuracy(before.predicted(), split.test.labels()));
            ece.put(m.name, Map.of("before", cb.ece(), "after", ca.ece()));
            temperature.put(m.name, t.temperature());
            w.figure("reliability-" + m.name.toLowerCase(Locale.ROOT),
                    side(Charts.reliability(m.name + ": before temperature scaling",
                                    bins(before, split.test.labels())).render(),
                            Charts.reliability(m.name + String.format(Locale.ROOT, ": after (T = %.2f)",
                                    t.temperature()), bins(after, split.test.labels())).render()),
                    String.format(Locale.ROOT, "%s reliability on the test images: accuracy %.3f, ECE %.3f before "
                            + "and %.3f after temperature scaling.", m.name,
                            accuracy(before.predicted(), split.test.labels()), cb.ece(), ca.ece()));
        }
        w.measure("accuracy", accuracy).measure("ece", ece).measure("temperature", temperature);
        double gap = Math.abs((Double) accuracy.get(a.name) - (Double) accuracy.get(b.name));
        w.measure("accuracy_gap", gap);
        if (gap > SIMILAR_ACCURACY) {
            w.paragraph(String.format(Locale.ROOT, "The two models' test accuracies differ by %.3f (more than %.2f): "
                    + "the comparison below is not between models of similar accuracy, as the original study's "
                    + "was.", gap, SIMILAR_ACCURACY));
        }

        INDArray x = split.test.images().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, sizes.explained))
                .dup();
        int[] y = java.util.Arrays.copyOf(split.test.labels(), sizes.explained);
        Map<String, INDArray> mapsA = explain(a, x, y, sizes);
        Map<String, INDArray> mapsB = explain(b, x, y, sizes);

        w.heading("Heatmaps");
        w.figure("heatmaps", heatmaps(x, y, split.classes, mapsA, mapsB),
                "Grad-CAM, DeepLIFT and Integrated Gradients for the true class of test images, CNN-A then CNN-B "
                        + "(each map's positive part, scaled to its maximum).");

        w.heading("Agreement");
        List<MapSimilarity> measures = List.of(new Ssim(SsimConfig.DEFAULTS), new PearsonCorrelation(),
                new CosineSimilarity(), new TopKJaccard(0.1));
        Map<String, Object> agreement = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        for (MapSimilarity measure : measures) {
            ModelComparison c = Agreement.acrossModels(a.name, mapsA, b.name, mapsB, measure,
                    Agreement.WhenUndefined.SKIP_ROW);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("within_" + a.name, matrix(c.withinA()));
            entry.put("within_" + b.name, matrix(c.withinB()));
            entry.put("across_models", new LinkedHashMap<>(c.perMethod()));
            agreement.put(measure.name(), entry);
            String slug = measure.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            w.figure("agreement-" + slug,
                    side(Charts.agreement(measure.name() + " within " + a.name, METHODS, c.withinA().mean()).render(),
                            Charts.agreement(measure.name() + " within " + b.name, METHODS, c.withinB().mean())
                                    .render(),
                            Charts.agreement(measure.name() + ": " + a.name + " (rows) vs " + b.name, METHODS,
                                    c.across().mean()).render()),
                    measure.name() + " between the methods' maps, averaged over " + sizes.explained
                            + " test images: within each model, and between the models (diagonal: the same method).");
            List<String> row = new ArrayList<>();
            row.add(measure.name());
            for (String method : METHODS) {
                row.add(String.format(Locale.ROOT, "%.3f", c.perMethod().get(method)));
            }
            rows.add(row);
        }
        w.paragraph("Model comparison mode: the same method on the two models.");
        List<String> header = new ArrayList<>();
        header.add("measure");
        header.addAll(METHODS);
        w.table(header, rows);
        w.measure("agreement", agreement);
        double seconds = (System.nanoTime() - start) / 1e9;
        w.measure("seconds", seconds);
        w.paragraph(String.format(Locale.ROOT, "Run time %.1f s (%s mode, training included unless cached).",
                seconds, options.quick() ? "quick" : "full"));
        w.finish();
        return w;
    }

    record Split(LesionGenerator.LesionSet train, LesionGenerator.LesionSet validation,
                 LesionGenerator.LesionSet test, List<String> classes) {
    }

    static Split split(ExampleOptions options, Sizes sizes) {
        if (options.data() == null) {
            LesionGenerator g = new LesionGenerator(LesionGenerator.MELANOMA_NAEVUS, sizes.side, 0.3);
            LesionGenerator.LesionSet train = g.generate(TRAIN_IMAGES, options.seed());
            return new Split(train, g.generate(sizes.validation, options.seed() + 1),
                    g.generate(sizes.test, options.seed() + 2), train.classes());
        }
        LesionGenerator.LesionSet all = DataFolder.read(options.data(), sizes.side);
        int n = all.size();
        if (n < 10) {
            throw new InvalidConfigException("--data " + options.data() + " holds " + n
                    + " images; the study needs at least 10 (60% train, 15% validation, 25% test)");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random rng = new Random(options.seed());
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int nt = (int) Math.round(n * 0.6);
        int nv = (int) Math.round(n * 0.15);
        return new Split(subset(all, order, 0, nt), subset(all, order, nt, nt + nv), subset(all, order, nt + nv, n),
                all.classes());
    }

    static LesionGenerator.LesionSet subset(LesionGenerator.LesionSet s, int[] order, int from, int to) {
        long[] idx = new long[to - from];
        int[] labels = new int[to - from];
        boolean[] blurred = new boolean[to - from];
        for (int i = from; i < to; i++) {
            idx[i - from] = order[i];
            labels[i - from] = s.labels()[order[i]];
            blurred[i - from] = s.blurred()[order[i]];
        }
        return new LesionGenerator.LesionSet(Nd4j.pullRows(s.images().reshape(s.size(), -1), 1, toInt(idx))
                .reshape(idx.length, 3, s.images().size(2), s.images().size(3)),
                labels, Nd4j.pullRows(s.masks().reshape(s.size(), -1), 1, toInt(idx))
                .reshape(idx.length, s.masks().size(1), s.masks().size(2)), blurred, s.classes());
    }

    private static int[] toInt(long[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }

    static ConvolutionLayer conv(String name, int k, int nOut) {
        return new ConvolutionLayer.Builder(k, k).name(name).nOut(nOut).stride(1, 1).padding(k / 2, k / 2)
                .activation(Activation.IDENTITY).build();
    }

    static ActivationLayer relu(String name) {
        return new ActivationLayer.Builder().name(name).activation(Activation.RELU).build();
    }

    static SubsamplingLayer pool(String name) {
        return new SubsamplingLayer.Builder(PoolingType.MAX).name(name).kernelSize(2, 2).stride(2, 2).build();
    }

    static OutputLayer output(int classes) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(classes)
                .activation(Activation.SOFTMAX).build();
    }

    static MultiLayerNetwork netA(int side, int classes, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU).updater(new Adam(LEARNING_RATE)).list()
                .layer(conv("conv1", 3, 8)).layer(relu("relu1")).layer(pool("pool1"))
                .layer(conv("conv2", 3, 16)).layer(relu("relu2")).layer(pool("pool2"))
                .layer(new DenseLayer.Builder().name("fc1").nOut(32).activation(Activation.RELU).build())
                .layer(output(classes)).setInputType(InputType.convolutional(side, side, 3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static MultiLayerNetwork netB(int side, int classes, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU).updater(new Adam(LEARNING_RATE)).list()
                .layer(conv("conv1", 5, 6)).layer(relu("relu1")).layer(pool("pool1"))
                .layer(conv("conv2", 3, 12)).layer(relu("relu2"))
                .layer(conv("conv3", 3, 12)).layer(relu("relu3")).layer(pool("pool2"))
                .layer(new DenseLayer.Builder().name("fc1").nOut(16).activation(Activation.RELU).build())
                .layer(output(classes)).setInputType(InputType.convolutional(side, side, 3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static MultiLayerNetwork train(MultiLayerNetwork net, Split split, int epochs, long seed) {
        int n = split.train.size();
        int k = split.classes.size();
        INDArray onehot = Nd4j.zeros(DataType.FLOAT, n, k);
        for (int i = 0; i < n; i++) {
            onehot.putScalar(i, split.train.labels()[i], 1);
        }
        // DataSet.shuffle permutes the arrays it wraps in place: shuffle a copy, never the split's own images
        DataSet all = new DataSet(split.train.images().dup(), onehot);
        Random rng = new Random(seed);
        for (int e = 0; e < epochs; e++) {
            all.shuffle(rng.nextLong());
            for (DataSet batch : all.batchBy(32)) {
                net.fit(batch);
            }
        }
        return net;
    }

    static INDArray logProbabilities(MultiLayerNetwork net, INDArray x) {
        INDArray p = net.output(x, false).castTo(DataType.DOUBLE);
        return Transforms.log(Transforms.max(p, 1e-12), false);
    }

    static ReliabilityBins bins(ClassProbabilities p, int[] labels) {
        int[] pred = p.predicted();
        boolean[] correct = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            correct[i] = pred[i] == labels[i];
        }
        return ReliabilityBins.of(p.confidence(), correct, 10);
    }

    static Map<String, INDArray> explain(Model m, INDArray x, int[] y, Sizes sizes) {
        Graph g = Dl4jImporter.fromMultiLayer(m.net, InputType.convolutional(sizes.side, sizes.side, 3), true);
        Target target = Target.perRow(y);
        Map<String, INDArray> maps = new LinkedHashMap<>();
        maps.put(METHODS.get(0), positiveScaled(new GradCam(g, CamConfig.of(m.camLayer)).explain(x, target).map()));
        maps.put(METHODS.get(1), positiveScaled(new DeepLift(g).explain(x, target).values().sum(1)));
        maps.put(METHODS.get(2), positiveScaled(new IntegratedGradients(g,
                IntegratedGradientsConfig.DEFAULTS.withSteps(sizes.igSteps)).explain(x, target).values().sum(1)));
        return maps;
    }

    /** Each row's positive part divided by its maximum (rows with no positive value stay zero). */
    static INDArray positiveScaled(INDArray maps) {
        INDArray m = Transforms.relu(maps.castTo(DataType.DOUBLE), true);
        long n = m.size(0);
        INDArray out = m.reshape(n, -1).dup();
        for (int i = 0; i < n; i++) {
            double max = out.getRow(i).maxNumber().doubleValue();
            if (max > 0) {
                out.getRow(i).divi(max);
            }
        }
        return out.reshape(m.shape());
    }

    static Map<String, Object> matrix(AgreementMatrix m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < m.rows().size(); i++) {
            for (int j = i + 1; j < m.columns().size(); j++) {
                out.put(m.rows().get(i) + " vs " + m.columns().get(j), m.mean()[i][j]);
            }
        }
        return out;
    }

    static BufferedImage heatmaps(INDArray x, int[] y, List<String> classes, Map<String, INDArray> a,
                                  Map<String, INDArray> b) {
        ImageGrid.Builder grid = ImageGrid.builder().cellSize(96);
        List<String> titles = new ArrayList<>();
        titles.add("image");
        for (String p : List.of("A", "B")) {
            for (String method : METHODS) {
                titles.add(p + ": " + method);
            }
        }
        grid.columnTitles(titles);
        int rows = (int) Math.min(4, x.size(0));
        for (int i = 0; i < rows; i++) {
            BufferedImage img = ImageTensors.toImage(x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).dup());
            List<BufferedImage> cells = new ArrayList<>();
            cells.add(img);
            for (Map<String, INDArray> maps : List.of(a, b)) {
                for (String method : METHODS) {
                    cells.add(Overlay.apply(img, ScalarMap.of(maps.get(method)
                            .get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).dup())));
                }
            }
            grid.row(classes.get(y[i]), cells);
        }
        return grid.build().render();
    }

    static BufferedImage side(BufferedImage... images) {
        int w = 0;
        int h = 0;
        for (BufferedImage i : images) {
            w += i.getWidth();
            h = Math.max(h, i.getHeight());
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, w, h);
        int at = 0;
        for (BufferedImage i : images) {
            g.drawImage(i, at, 0, null);
            at += i.getWidth();
        }
        g.dispose();
        return out;
    }
}
