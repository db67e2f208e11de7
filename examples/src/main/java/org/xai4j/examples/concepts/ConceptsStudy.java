package org.xai4j.examples.concepts;

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
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.attribution.gradient.Saliency;
import org.xai4j.concepts.ice.ConceptStats;
import org.xai4j.concepts.ice.Ice;
import org.xai4j.concepts.ice.IceConcepts;
import org.xai4j.concepts.ice.IceConfig;
import org.xai4j.concepts.ice.IceExplanation;
import org.xai4j.concepts.ice.IceFidelity;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.examples.ExampleOptions;
import org.xai4j.examples.Examples;
import org.xai4j.examples.StudyProgress;
import org.xai4j.examples.StudyWriter;
import org.xai4j.examples.TrainingCache;
import org.xai4j.examples.fashion.FashionFigures;
import org.xai4j.examples.fashion.FashionSplit;
import org.xai4j.examples.fashion.LabelledImages;
import org.xai4j.examples.fashion.RecordedTraining;
import org.xai4j.examples.fashion.RunClock;
import org.xai4j.examples.fashion.TrainingFlow;
import org.xai4j.metrics.dynamics.TrainingDynamics;
import org.xai4j.models.dl4j.Dl4jImporter;
import org.xai4j.perturbation.shapley.PartitionShap;
import org.xai4j.perturbation.shapley.PartitionShapConfig;
import org.xai4j.viz.chart.BarChart;
import org.xai4j.viz.chart.ChartOptions;
import org.xai4j.viz.chart.MatrixChart;
import org.xai4j.viz.color.Colormap;
import org.xai4j.viz.image.ImageGrid;

/**
 * Report R2 reproduced, with Fashion-MNIST standing in for CIFAR-10: a conv–BN–ReLU–pool CNN with dropout
 * ({@link ConceptsNet}) trained with the training-dynamics recorder; vanilla-gradient saliency (Simonyan et al.
 * 2014) and Partition SHAP (Lundberg and Lee 2017; shap's PartitionExplainer) for single predictions; Invertible
 * Concept-based Explanations (Zhang et al., AAAI 2021) with 10 concepts at the last ReLU — concept heatmaps, the
 * share of each class's test images where a concept is present, the highest- and lowest-scoring test images per
 * concept, the reconstruction error and fidelity; and the InstanceFlow view (Pühringer et al., IEEE VIS 2020) of
 * every test image's prediction after every epoch with the table of unstable instances.
 */
public final class ConceptsStudy {
    /** The study's name on the command line. */
    public static final String NAME = "concepts";
    /** ICE's number of concepts, as in the original. */
    static final int CONCEPTS = 10;
    /** Images per concept row in the figures. */
    static final int PER_CONCEPT = 6;
    /** Rows of the unstable-instance table. */
    static final int TABLE_ROWS = 15;

    /** Study sizes: quick ones finish in well under a minute; full ones in a few minutes on two cores. */
    record Sizes(FashionSplit.Sizes split, int epochs, int iceImages, int explained, int shapEvals) {
        static Sizes of(boolean quick) {
            return quick ? new Sizes(new FashionSplit.Sizes(600, 100, 200), 3, 200, 4, 300)
                    : new Sizes(new FashionSplit.Sizes(2000, 400, 600), 15, 1000, 8, 1500);
        }
    }

    private ConceptsStudy() {
    }

    public static void main(String[] args) {
        Examples.main(NAME, args);
    }

    /** Runs the study and writes its report into {@code options.out()}. */
    public static StudyWriter run(ExampleOptions options) {
        RunClock clock = new RunClock();
        if (options.model() != null) {
            throw new InvalidConfigException("concepts trains its own network to record how its predictions evolve; "
                    + "--model is not supported by this study (got " + options.model() + ")");
        }
        Sizes sizes = Sizes.of(options.quick());
        int side = options.data() == null ? 28 : 32;
        FashionSplit split = FashionSplit.of(options, sizes.split(), side);
        List<String> classes = split.classes();
        int channels = (int) split.train().images().size(1);
        String key = options.seed() + "|" + sizes + "|" + split.source() + "|" + classes + "|" + side + "|" + channels;
        RecordedTraining.Trained<MultiLayerNetwork> trained = RecordedTraining.multiLayer(
                new TrainingCache(options.out()), "concepts-cnn", key,
                () -> ConceptsNet.create(side, channels, classes.size(), options.seed()), split, sizes.epochs(), 32,
                options.seed());
        MultiLayerNetwork net = trained.net();
        InputType type = InputType.convolutional(side, side, channels);
        Graph logits = Dl4jImporter.fromMultiLayer(net, type, true);
        Graph probabilities = Dl4jImporter.fromMultiLayer(net, type, false);
        LabelledImages test = split.test();
        int[] predicted = FashionFigures.predicted(net.output(test.images(), false));
        double accuracy = accuracy(predicted, test.labels());

        StudyWriter w = new StudyWriter(options.out(), "R2 — concepts, saliency, SHAP and InstanceFlow of a CNN");
        w.paragraph(String.format(Locale.ROOT, "Data: %s; %d training, %d validation and %d test images, %d×%d pixels, "
                        + "%d classes (seed %d). Model: three blocks of 3×3 convolution, batch normalisation, ReLU and "
                        + "max pooling (16, 32, 64 channels), dropout, a dense layer of 64 units, dropout, softmax; "
                        + "Adam, %d epochs of batches of 32%s. Test accuracy %.3f.",
                split.source(), split.train().size(), split.validation().size(), test.size(), side, side,
                classes.size(), options.seed(), sizes.epochs(),
                trained.trainingSeconds() > 0 ? String.format(Locale.ROOT, " (%.0f s)", trained.trainingSeconds())
                        : " (loaded from the cache)", accuracy));
        w.measure("accuracy", accuracy);

        int[] shown = onePerClass(test.labels(), predicted, sizes.explained());
        INDArray x = rows(test.images(), shown);
        int[] targets = new int[shown.length];
        for (int i = 0; i < shown.length; i++) {
            targets[i] = predicted[shown[i]];
        }
        w.heading("Saliency");
        INDArray saliency = new Saliency(logits).explain(x, Target.perRow(targets)).values();
        w.figure("saliency", pairs(x, shown, test, predicted, saliency, "saliency", false),
                "Vanilla-gradient saliency: |∂ logit of the predicted class / ∂ pixel| for test images (one per class "
                        + "as far as the count allows).");
        w.heading("Partition SHAP");
        PartitionShapConfig shapConfig = PartitionShapConfig.DEFAULTS.withGrid(14).withMaxEvals(sizes.shapEvals())
                .withSeed(options.seed());
        PartitionShap partitionShap = new PartitionShap(probabilities, shapConfig);
        INDArray shap = StudyProgress.run("Partition SHAP", () -> partitionShap.explain(x, Target.perRow(targets))).map();
        w.figure("partition-shap", pairs(x, shown, test, predicted, shap, "Partition SHAP", true),
                String.format(Locale.ROOT, "Partition SHAP (Owen values of a 14×14 grid of 2×2-pixel cells, hidden "
                        + "cells at the image's mean, %d evaluations) of the predicted class's probability; red raises "
                        + "it, blue lowers it.", sizes.shapEvals()));

        Map<String, Object> ice = concepts(w, logits, split, predicted, sizes, options.seed());
        w.measure("ice", ice);

        w.heading("InstanceFlow");
        TrainingDynamics d = TrainingDynamics.of(trained.history());
        w.figure("instance-flow", TrainingFlow.instanceFlow(trained.history(), classes, 8,
                        "InstanceFlow: the " + test.size() + " test images' predicted classes after each epoch"),
                "Each column is an epoch; each node a predicted class, its height the number of test images predicted "
                        + "so; bands show images moving between classes from one shown epoch to the next (strong: "
                        + "changed class).");
        List<Map<String, Object>> unstableClasses = TrainingFlow.unstableClasses(trained.history(), d, classes);
        w.paragraph(String.format(Locale.ROOT, "%d of %d test images are unstable (their prediction changed in at "
                        + "least %.0f%% of the epoch-to-epoch transitions). Most unstable classes: %s.",
                d.unstable().length, test.size(), 100 * d.config().unstableFrequency(),
                describe(unstableClasses, 3)));
        w.table(TrainingFlow.unstableHeader(), TrainingFlow.unstableRows(trained.history(), d, classes, TABLE_ROWS));
        w.measure("per_epoch_accuracy", toList(d.epochAccuracy()));
        w.measure("unstable_instances", d.unstable().length);
        w.measure("most_unstable_classes", unstableClasses);
        w.measure("seconds", clock.seconds());
        w.measure("cpu_seconds", clock.cpuSeconds());
        w.paragraph("Run time: " + clock.describe() + " (" + (options.quick() ? "quick" : "full")
                + " mode, training included unless cached).");
        System.out.println(NAME + ": " + clock.describe());
        w.finish();
        return w;
    }

    /** Fits the concepts, draws their figures and returns their numbers. */
    private static Map<String, Object> concepts(StudyWriter w, Graph logits, FashionSplit split, int[] predicted,
                                                Sizes sizes, long seed) {
        List<String> classes = split.classes();
        LabelledImages test = split.test();
        IceConfig config = IceConfig.of(ConceptsNet.LAST_RELU, CONCEPTS).withSeed(seed);
        int fitCount = Math.min(sizes.iceImages(), split.train().size());
        INDArray fitImages = split.train().images().get(NDArrayIndex.interval(0, fitCount)).dup();
        IceConcepts concepts = Ice.fit(logits, config, fitImages);
        IceExplanation e = new Ice(logits, concepts).explain(test.images(), Target.predicted());
        IceFidelity.Fidelity fidelity = IceFidelity.measure(logits, concepts, test.images(), test.labels());
        double[] scores = e.scores().castTo(DataType.DOUBLE).data().asDouble();
        double[][] presence = ConceptStats.presence(scores, CONCEPTS, test.labels(), classes.size(),
                config.presenceThreshold());
        List<String> names = new ArrayList<>();
        for (int k = 0; k < CONCEPTS; k++) {
            names.add("c" + (k + 1));
        }

        w.heading("Invertible concept-based explanations (ICE)");
        w.paragraph(String.format(Locale.ROOT, "The activations of %s (%d channels on a %d×%d grid) of %d training "
                        + "images are factorised by NMF into %d non-negative concept directions. Reconstruction error "
                        + "‖A − S·P‖/‖A‖: %.3f on the fitting images, %.3f on the %d test images. Fidelity: with the "
                        + "layer replaced by its reconstruction the network keeps its prediction for %.1f%% of the "
                        + "test images (accuracy %.3f instead of %.3f).",
                ConceptsNet.LAST_RELU, concepts.channels(), e.maps().size(2), e.maps().size(3), fitCount, CONCEPTS,
                concepts.relativeError(), fidelity.relativeError(), test.size(), 100 * fidelity.agreement(),
                fidelity.accuracy(), fidelity.originalAccuracy()));
        w.figure("concept-heatmaps", heatmaps(test, e.heatmaps(), scores, names),
                "Each concept's presence map (NNLS scores on the layer's grid, upsampled) over the " + PER_CONCEPT
                        + " test images where the concept scores highest.");
        w.figure("concept-extremes", extremes(test, scores, names),
                "For each concept, the " + PER_CONCEPT / 2 + " highest- and " + PER_CONCEPT / 2
                        + " lowest-scoring test images (score: the concept map's mean).");
        List<BufferedImage> bars = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            bars.add(BarChart.builder().options(ChartOptions.builder().title(classes.get(c)).yLabel("presence")
                            .size(330, 230).build()).categories(names).series("presence", presence[c]).yRange(0, 1)
                    .build().render());
        }
        w.figure("concept-presence", FashionFigures.tiles(bars, 5), String.format(Locale.ROOT, "Per class: the share "
                + "of its test images in which each concept is present (score at least %.0f%% of the concept's "
                + "highest score over the test images; TCAV-style presence).", 100 * config.presenceThreshold()));
        w.figure("concept-presence-matrix", MatrixChart.builder()
                        .options(ChartOptions.builder().title("concept presence: class × concept").xLabel("concept")
                                .yLabel("true class").size(720, 560).build())
                        .values(presence).rowLabels(classes).columnLabels(names).colormap(Colormap.VIRIDIS).range(0, 1)
                        .build().render(),
                "The same shares as one matrix (rows: true class).");
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < CONCEPTS; k++) {
            int best = 0;
            for (int c = 1; c < classes.size(); c++) {
                if (presence[c][k] > presence[best][k]) {
                    best = c;
                }
            }
            int[] top = ConceptStats.top(scores, CONCEPTS, k, PER_CONCEPT);
            StringBuilder topClasses = new StringBuilder();
            for (int i : top) {
                topClasses.append(topClasses.length() == 0 ? "" : ", ").append(classes.get(test.labels()[i]));
            }
            rows.add(List.of(names.get(k), classes.get(best), String.format(Locale.ROOT, "%.2f", presence[best][k]),
                    Integer.toString(presentIn(presence, k, 0.5)), topClasses.toString()));
        }
        w.table(List.of("concept", "most present in", "share", "classes where present in ≥ 50%", "top images' classes"),
                rows);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("layer", ConceptsNet.LAST_RELU);
        out.put("concepts", CONCEPTS);
        out.put("fit_images", fitCount);
        out.put("reconstruction_error_fit", concepts.relativeError());
        out.put("reconstruction_error_test", fidelity.relativeError());
        out.put("fidelity_agreement", fidelity.agreement());
        out.put("fidelity_accuracy", fidelity.accuracy());
        out.put("original_accuracy", fidelity.originalAccuracy());
        Map<String, Object> matrix = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            matrix.put(classes.get(c), toList(presence[c]));
        }
        out.put("presence_threshold", config.presenceThreshold());
        out.put("presence", matrix);
        return out;
    }

    private static int presentIn(double[][] presence, int k, double share) {
        int n = 0;
        for (double[] row : presence) {
            n += row[k] >= share ? 1 : 0;
        }
        return n;
    }

    private static BufferedImage heatmaps(LabelledImages test, INDArray heatmaps, double[] scores, List<String> names) {
        ImageGrid.Builder grid = ImageGrid.builder().cellSize(64);
        for (int k = 0; k < CONCEPTS; k++) {
            List<BufferedImage> cells = new ArrayList<>();
            for (int i : ConceptStats.top(scores, CONCEPTS, k, PER_CONCEPT)) {
                INDArray map = heatmaps.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.point(k)).dup();
                cells.add(FashionFigures.overlay(FashionFigures.image(test.images(), i), map, 0, false));
            }
            grid.row(names.get(k), cells);
        }
        return grid.build().render();
    }

    private static BufferedImage extremes(LabelledImages test, double[] scores, List<String> names) {
        ImageGrid.Builder grid = ImageGrid.builder().cellSize(56);
        List<String> titles = new ArrayList<>();
        for (int j = 0; j < PER_CONCEPT / 2; j++) {
            titles.add("high " + (j + 1));
        }
        for (int j = 0; j < PER_CONCEPT / 2; j++) {
            titles.add("low " + (j + 1));
        }
        grid.columnTitles(titles);
        for (int k = 0; k < CONCEPTS; k++) {
            List<BufferedImage> cells = new ArrayList<>();
            for (int i : ConceptStats.top(scores, CONCEPTS, k, PER_CONCEPT / 2)) {
                cells.add(FashionFigures.image(test.images(), i));
            }
            for (int i : ConceptStats.bottom(scores, CONCEPTS, k, PER_CONCEPT / 2)) {
                cells.add(FashionFigures.image(test.images(), i));
            }
            grid.row(names.get(k), cells);
        }
        return grid.build().render();
    }

    /** Image and map side by side for each shown test image. */
    private static BufferedImage pairs(INDArray x, int[] shown, LabelledImages test, int[] predicted, INDArray maps,
                                       String method, boolean signed) {
        ImageGrid.Builder grid = ImageGrid.builder().cellSize(112).columnTitles("image", method);
        for (int r = 0; r < shown.length; r++) {
            BufferedImage img = FashionFigures.image(x, r);
            grid.row(test.classes().get(test.labels()[shown[r]]) + " → " + test.classes().get(predicted[shown[r]]),
                    img, FashionFigures.overlay(img, maps, r, signed));
        }
        return grid.build().render();
    }

    /** Up to {@code count} test images, the first of each class in turn (correct and wrong alike). */
    static int[] onePerClass(int[] labels, int[] predicted, int count) {
        List<Integer> out = new ArrayList<>();
        int k = 0;
        for (int y : labels) {
            k = Math.max(k, y + 1);
        }
        for (int c = 0; c < k && out.size() < count; c++) {
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    out.add(i);
                    break;
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    static String describe(List<Map<String, Object>> unstableClasses, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(max, unstableClasses.size()); i++) {
            Map<String, Object> m = unstableClasses.get(i);
            s.append(i == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s (%d unstable, %.0f%% of the class)",
                    m.get("class"), (Integer) m.get("unstable"), 100 * (Double) m.get("share")));
        }
        return s.toString();
    }
}
