package org.xai4j.cli;

import java.nio.charset.StandardCharsets;
import org.xai4j.core.util.OutputFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.concepts.ice.ConceptStats;
import org.xai4j.concepts.ice.Ice;
import org.xai4j.concepts.ice.IceConcepts;
import org.xai4j.concepts.ice.IceConfig;
import org.xai4j.concepts.ice.IceExplanation;
import org.xai4j.concepts.ice.IceFidelity;
import org.xai4j.concepts.tcav.Tcav;
import org.xai4j.concepts.tcav.TcavConfig;
import org.xai4j.concepts.tcav.TcavResult;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.Json;
import org.xai4j.models.io.Npy;
import org.xai4j.viz.ScalarMap;
import org.xai4j.viz.chart.ChartOptions;
import org.xai4j.viz.chart.Charts;
import org.xai4j.viz.chart.MatrixChart;
import org.xai4j.viz.color.Colormap;
import org.xai4j.viz.image.Overlay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xai concepts}: concept-based explanations (ICE, TCAV). */
@Command(name = "concepts", mixinStandardHelpOptions = true,
        description = "Concept-based explanations: ICE (NMF concepts of a layer) and TCAV (concepts from example images).",
        subcommands = {ConceptsCommand.IceCommand.class, ConceptsCommand.TcavCommand.class})
final class ConceptsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: one of ice, tcav");
    }

    /**
     * {@code xai concepts ice}: fits K concepts at a layer over the input batch and writes {@code ice-directions.npy}
     * (K × C), {@code ice-scores.npy} (N × K × h × w), {@code ice.json} and one PNG per concept (its heatmap on the
     * image where it is strongest).
     */
    @Command(name = "ice", mixinStandardHelpOptions = true,
            description = "Invertible Concept-based Explanations: NMF of a layer's activations into K concepts.")
    static final class IceCommand implements Callable<Integer> {
        @Mixin
        ModelOptions modelOptions;

        @Option(names = "--input", required = true, paramLabel = "X.npy", description = "the images (N×C×H×W)")
        Path input;

        @Option(names = "--layer", required = true, paramLabel = "NODE", description = "an N×C×h×w ReLU output")
        String layer;

        @Option(names = "--concepts", required = true, paramLabel = "K", description = "the number of concepts")
        int concepts;

        @Option(names = "--seed", paramLabel = "S", description = "seed (default ${DEFAULT-VALUE})")
        long seed = IceConfig.DEFAULTS.nmf().seed();

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (concepts < 1) {
                throw new UsageException("--concepts must be at least 1 but was " + concepts);
            }
            List<String> files = new ArrayList<>(List.of("ice-directions.npy", "ice-scores.npy", "ice.json",
                    "ice-presence.png"));
            for (int k = 0; k < concepts; k++) {
                files.add("ice-concept-" + k + ".png");
            }
            modelOptions.requireOutputsApart(out, files, Map.of("--input", input));
            try (ModelOptions.Loaded loaded = modelOptions.loadWith(input)) {
                LayeredModel model = loaded.handle().layered("ice");
                INDArray x = loaded.input();
                ModelCalls.requireInput(model, x, "input");
                IceConfig cfg = IceConfig.of(layer, concepts).withSeed(seed);
                IceConcepts fitted = Ice.fit(model, cfg, x);
                IceExplanation e = new Ice(model, fitted).explain(x, Target.predicted());
                IceFidelity.Fidelity f = IceFidelity.measure(model, fitted, x, null);
                int n = (int) x.size(0);
                int k = fitted.count();
                long h = e.maps().size(2);
                long w = e.maps().size(3);
                Files.createDirectories(out);
                Npy.write(fitted.directions().castTo(DataType.FLOAT), out.resolve("ice-directions.npy"));
                INDArray s = fitted.fit().scoreMatrix().reshape(n, h, w, k).permute(0, 3, 1, 2).dup('c');
                Npy.write(s.castTo(DataType.FLOAT), out.resolve("ice-scores.npy"));
                double[] scores = HostArrays.doubles(fitted.fitScores());
                INDArray output = ModelCalls.predict(model, x);
                int classes = (int) output.size(1);
                int[] predicted = new int[n];
                for (int i = 0; i < n; i++) {
                    predicted[i] = output.getRow(i).argMax().getInt(0);
                }
                double[][] presence = ConceptStats.presence(scores, k, predicted, classes, cfg.presenceThreshold());
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("method", Ice.NAME);
                json.put("layer", layer);
                json.put("concepts", k);
                json.put("images", n);
                json.put("reconstruction_error", fitted.relativeError());
                json.put("fidelity", f.agreement());
                json.put("iterations", fitted.fit().iterations());
                json.put("converged", fitted.fit().converged());
                json.put("presence_threshold", cfg.presenceThreshold());
                Map<String, Object> perClass = new LinkedHashMap<>();
                for (int c = 0; c < classes; c++) {
                    List<Object> row = new ArrayList<>();
                    for (double v : presence[c]) {
                        row.add(Double.isNaN(v) ? null : v);
                    }
                    perClass.put(Integer.toString(c), row);
                }
                json.put("presence_per_class", perClass);
                List<Object> top = new ArrayList<>();
                List<Object> bottom = new ArrayList<>();
                for (int j = 0; j < k; j++) {
                    top.add(toList(ConceptStats.top(scores, k, j, 5)));
                    bottom.add(toList(ConceptStats.bottom(scores, k, j, 5)));
                }
                json.put("top_images", top);
                json.put("bottom_images", bottom);
                json.put("provenance", fitted.provenance().toMap());
                OutputFiles.write(out.resolve("ice.json"), Json.write(json).getBytes(StandardCharsets.UTF_8));
                List<String> classNames = new ArrayList<>();
                List<String> conceptNames = new ArrayList<>();
                double[][] shown = new double[classes][k];
                for (int cl = 0; cl < classes; cl++) {
                    classNames.add("class " + cl);
                    for (int j = 0; j < k; j++) {
                        shown[cl][j] = Double.isNaN(presence[cl][j]) ? 0 : presence[cl][j];
                    }
                }
                for (int j = 0; j < k; j++) {
                    conceptNames.add("concept " + j);
                }
                MatrixChart.builder()
                        .options(ChartOptions.builder().title("ICE concept presence per predicted class").xLabel("concept")
                                .yLabel("class").size(560, 500).build())
                        .values(shown).rowLabels(classNames).columnLabels(conceptNames).colormap(Colormap.VIRIDIS)
                        .range(0, 1).build().writePng(out.resolve("ice-presence.png"));
                if (x.rank() == 4 && (x.size(1) == 1 || x.size(1) == 3)) {
                    for (int j = 0; j < k; j++) {
                        int best = ConceptStats.top(scores, k, j, 1)[0];
                        BufferedImage img = Inputs.picture(x, best);
                        INDArray heat = e.heatmaps().get(org.nd4j.linalg.indexing.NDArrayIndex.point(best),
                                org.nd4j.linalg.indexing.NDArrayIndex.point(j)).dup();
                        Inputs.writePng(Overlay.apply(img, ScalarMap.of(heat)), out.resolve("ice-concept-" + j + ".png"));
                    }
                }
            }
            return Main.OK;
        }

        private static List<Integer> toList(int[] v) {
            List<Integer> out = new ArrayList<>();
            for (int i : v) {
                out.add(i);
            }
            return out;
        }
    }

    /** {@code xai concepts tcav}: one concept against several random sets, for one class; writes {@code tcav.json}. */
    @Command(name = "tcav", mixinStandardHelpOptions = true,
            description = "Testing with Concept Activation Vectors: concept images vs random images at a layer.")
    static final class TcavCommand implements Callable<Integer> {
        @Mixin
        ModelOptions modelOptions;

        @Option(names = "--layer", required = true, paramLabel = "NODE", description = "the layer the CAVs live in")
        String layer;

        @Option(names = "--concept", required = true, paramLabel = "C.npy", description = "the concept's example images")
        Path concept;

        @Option(names = "--random", required = true, paramLabel = "R.npy",
                description = "a set of random images (repeat: at least 3)")
        List<Path> randoms = new ArrayList<>();

        @Option(names = "--input", required = true, paramLabel = "X.npy", description = "the inputs to score (one class's images)")
        Path input;

        @Option(names = "--target-index", required = true, paramLabel = "K", description = "the class whose logit is tested")
        int targetIndex;

        @Option(names = "--seed", paramLabel = "S", description = "seed of the splits (default ${DEFAULT-VALUE})")
        long seed = TcavConfig.DEFAULTS.seed();

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
        Path out;

        @Override
        public Integer call() throws Exception {
            Map<String, Path> inputs = new LinkedHashMap<>();
            inputs.put("--input", input);
            inputs.put("--concept", concept);
            for (int i = 0; i < randoms.size(); i++) {
                inputs.put("--random " + randoms.get(i), randoms.get(i));
            }
            modelOptions.requireOutputsApart(out, List.of("tcav.json", "tcav.png"), inputs);
            try (ModelOptions.Loaded loaded = modelOptions.loadWith(input)) {
                ModelHandle m = loaded.handle();
                LayeredModel model = m.layered("tcav");
                INDArray x = loaded.input();
                INDArray c = Inputs.read(concept, m.prediction());
                List<INDArray> rs = new ArrayList<>();
                for (Path r : randoms) {
                    rs.add(Inputs.read(r, m.prediction()));
                }
                String name = concept.getFileName().toString().replaceFirst("\\.npy$", "");
                TcavResult result = Tcav.train(model, TcavConfig.at(layer).withSeed(seed), name, c, rs)
                        .score(x, Target.classIndex(targetIndex));
                Files.createDirectories(out);
                OutputFiles.write(out.resolve("tcav.json"), Json.write(result.toMap()).getBytes(StandardCharsets.UTF_8));
                Charts.tcav("TCAV, class " + targetIndex + ", layer " + layer + String.format(java.util.Locale.ROOT,
                                " (p = %.3g%s)", result.pValue(), result.significant() ? ", significant" : ""),
                        List.of(name, "random"), Map.of(layer, new double[] {result.mean(), result.randomMean()}),
                        Map.of(layer, new double[] {std(result.scores()), std(result.randomScores())}))
                        .writePng(out.resolve("tcav.png"));
            }
            return Main.OK;
        }

        private static double std(double[] v) {
            double m = 0;
            for (double x : v) {
                m += x / v.length;
            }
            double s = 0;
            for (double x : v) {
                s += (x - m) * (x - m);
            }
            return v.length < 2 ? 0 : Math.sqrt(s / (v.length - 1));
        }
    }
}
