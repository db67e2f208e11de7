package org.xai4j.viz.docs;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.Provenance;
import org.xai4j.core.util.Rng;
import org.xai4j.viz.ScalarMap;
import org.xai4j.viz.chart.Charts;
import org.xai4j.viz.chart.ReliabilityBins;
import org.xai4j.viz.color.Colormap;
import org.xai4j.viz.color.CumulativeMass;
import org.xai4j.viz.color.Normalization;
import org.xai4j.viz.image.Heatmaps;
import org.xai4j.viz.image.ImageGrid;
import org.xai4j.viz.image.ImageTensors;
import org.xai4j.viz.image.MaskedImage;
import org.xai4j.viz.image.Overlay;
import org.xai4j.viz.image.OverlayStyle;
import org.xai4j.viz.image.Png;
import org.xai4j.viz.image.SegmentMap;
import org.xai4j.viz.image.SuperpixelStyle;
import org.xai4j.viz.image.SuperpixelOverlay;
import org.xai4j.viz.report.ClassScore;
import org.xai4j.viz.report.HtmlReport;
import org.xai4j.viz.report.MethodResult;
import org.xai4j.viz.report.ReportInput;
import org.xai4j.viz.report.ReportSection;

/**
 * Writes the pictures of docs/visualisation.md and a sample report from synthetic images and maps
 * (smooth colour blobs; Gaussian bumps standing in for explanations; made-up times). No model is run.
 *
 * <pre>java -cp … org.xai4j.viz.docs.Gallery OUT_DIR</pre>
 */
public final class Gallery {
    static final int SIZE = 64;
    static final List<String> CLASSES = List.of("orange", "blue", "green", "purple", "none");
    static final List<String> METHODS = List.of("Grad-CAM", "Integrated Gradients", "Occlusion", "LIME", "KernelSHAP");

    private Gallery() {
    }

    /** One synthetic input: image, the "object" bump (+) and a distractor bump (−). */
    record Sample(String name, INDArray tensor, double[] object, double[] distractor, String truth, double[] probs) {
    }

    static List<Sample> samples() {
        List<Sample> s = new ArrayList<>();
        s.add(new Sample("sample 1", Synthetic.image(SIZE, new Synthetic.Blob(22, 40, 9, 0.95, 0.55, 0.10),
                new Synthetic.Blob(44, 18, 7, 0.15, 0.35, 0.85)), new double[] {22, 40}, new double[] {44, 18}, "orange",
                new double[] {0.81, 0.12, 0.04, 0.02, 0.01}));
        s.add(new Sample("sample 2", Synthetic.image(SIZE, new Synthetic.Blob(36, 30, 11, 0.15, 0.35, 0.85),
                new Synthetic.Blob(14, 50, 5, 0.30, 0.70, 0.25)), new double[] {36, 30}, new double[] {14, 50}, "blue",
                new double[] {0.05, 0.71, 0.19, 0.04, 0.01}));
        s.add(new Sample("sample 3 <script>alert(1)</script>", Synthetic.image(SIZE,
                new Synthetic.Blob(40, 44, 8, 0.30, 0.70, 0.25), new Synthetic.Blob(20, 16, 8, 0.55, 0.25, 0.70)),
                new double[] {40, 44}, new double[] {20, 16}, "green", new double[] {0.03, 0.04, 0.38, 0.52, 0.03}));
        return s;
    }

    /** The five stand-in explanations of a sample, keyed by method name. */
    static Map<String, BufferedImage> pictures(Sample s, BufferedImage image) {
        double oy = s.object()[0];
        double ox = s.object()[1];
        double dy = s.distractor()[0];
        double dx = s.distractor()[1];
        Map<String, BufferedImage> out = new LinkedHashMap<>();
        // Grad-CAM: a coarse 8×8 map (ReLU'd), stretched bilinearly to the image.
        ScalarMap cam = Synthetic.bumps(8, 8, new double[] {oy / 8 - 0.5, ox / 8 - 0.5, 1.2, 1.0},
                new double[] {dy / 8 - 0.5, dx / 8 - 0.5, 1.0, 0.25});
        out.put("Grad-CAM", Overlay.apply(image, cam, OverlayStyle.defaults()));
        // Integrated Gradients: signed and textured at full resolution.
        ScalarMap ig = integratedGradientsLike(s);
        out.put("Integrated Gradients", Overlay.apply(image, ig, OverlayStyle.signed()));
        // Occlusion: 8-pixel blocks.
        ScalarMap occ = Synthetic.blocky(Synthetic.bumps(SIZE, SIZE, new double[] {oy, ox, 9, 1.0},
                new double[] {dy, dx, 7, -0.3}), 8);
        out.put("Occlusion", Overlay.apply(image, occ, OverlayStyle.builder().colormap(Colormap.VIRIDIS).alpha(0.55).build()));
        // LIME: Voronoi superpixels, weights = mean of a signed map per segment.
        int[] labels = voronoi(SIZE, 24, 5L + s.name().length());
        ScalarMap signed = Synthetic.bumps(SIZE, SIZE, new double[] {oy, ox, 8, 1.0}, new double[] {dy, dx, 7, -0.8});
        double[] w = Synthetic.segmentMeans(signed, labels, 24);
        out.put("LIME", SuperpixelOverlay.render(image, SegmentMap.of(SIZE, SIZE, labels), w,
                SuperpixelStyle.builder().topK(4).build()));
        // KernelSHAP over a 4×4 grid of features: every pixel carries its feature's value.
        int[] grid = Synthetic.gridSegments(SIZE, 16);
        double[] phi = Synthetic.segmentMeans(signed, grid, 16);
        double[] perPixel = new double[SIZE * SIZE];
        for (int i = 0; i < perPixel.length; i++) {
            perPixel[i] = phi[grid[i]];
        }
        out.put("KernelSHAP", Overlay.apply(image, ScalarMap.of(SIZE, SIZE, perPixel), OverlayStyle.signed()));
        return out;
    }

    static ScalarMap integratedGradientsLike(Sample s) {
        return Synthetic.textured(Synthetic.bumps(SIZE, SIZE, new double[] {s.object()[0], s.object()[1], 8, 1.0},
                new double[] {s.distractor()[0], s.distractor()[1], 6, -0.7}), 0.25);
    }

    /** Nearest-seed labels of {@code count} seeded random points: superpixel-like cells. */
    static int[] voronoi(int size, int count, long seed) {
        Rng rng = Rng.seeded(seed);
        double[][] p = new double[count][2];
        for (int k = 0; k < count; k++) {
            p[k][0] = rng.nextDouble() * size;
            p[k][1] = rng.nextDouble() * size;
        }
        int[] l = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double best = Double.MAX_VALUE;
                for (int k = 0; k < count; k++) {
                    double d = (y - p[k][0]) * (y - p[k][0]) + (x - p[k][1]) * (x - p[k][1]);
                    if (d < best) {
                        best = d;
                        l[y * size + x] = k;
                    }
                }
            }
        }
        return l;
    }

    static Provenance provenance(String method, Map<String, String> config, long index, Long seed, String baseline) {
        MethodDescriptor d = new MethodDescriptor(method, config, Set.of());
        return Provenance.of(d, "synthetic-blobs-v1", "class " + index + " (predicted)", baseline, seed);
    }

    static final Map<String, Provenance> PROVENANCE = new LinkedHashMap<>();

    static {
        PROVENANCE.put("Grad-CAM", provenance("gradcam", Map.of("layer", "conv2", "relu", "true"), 0, null, null));
        Map<String, String> ig = new LinkedHashMap<>();
        ig.put("steps", "50");
        ig.put("method", "gauss-legendre");
        PROVENANCE.put("Integrated Gradients", provenance("integrated-gradients", ig, 0, null, "constant(0.0)"));
        Map<String, String> occ = new LinkedHashMap<>();
        occ.put("window", "8");
        occ.put("stride", "8");
        PROVENANCE.put("Occlusion", provenance("occlusion", occ, 0, null, "constant(0.0)"));
        PROVENANCE.put("LIME", provenance("lime", Map.of("samples", "500", "segments", "24"), 0, 7L, "constant(0.0)"));
        PROVENANCE.put("KernelSHAP", provenance("kernel-shap", Map.of("samples", "400", "grid", "4"), 0, 7L, "constant(0.0)"));
    }

    static final long[] MILLIS = {38, 412, 95, 690, 540};

    /** Writes every picture and report.html into {@code dir}; returns the files by short name. */
    public static Map<String, Path> write(Path dir) {
        Map<String, Path> files = new LinkedHashMap<>();
        List<Sample> samples = samples();
        HtmlReport.Builder report = HtmlReport.builder("Explanations of a synthetic blob classifier")
                .subtitle("A sample report made from synthetic images and stand-in maps (no model was run).")
                .meta("model", "synthetic-blobs-v1 (none: Gaussian bumps stand in for explanations)")
                .meta("inputs", samples.size() + " images, 64×64 RGB")
                .meta("methods", String.join(", ", METHODS))
                .meta("times", "made up for this sample");
        ImageGrid.Builder grid = ImageGrid.builder().cellSize(112).columnTitles(prepend("input", METHODS));
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            BufferedImage image = ImageTensors.toImage(s.tensor());
            Map<String, BufferedImage> pics = pictures(s, image);
            List<ClassScore> top = ClassScore.topK(CLASSES, s.probs(), 3);
            ReportInput.Builder in = ReportInput.builder(s.name(), image).prediction(top.get(0).label())
                    .trueLabel(s.truth()).topK(top);
            int m = 0;
            for (Map.Entry<String, BufferedImage> e : pics.entrySet()) {
                in.method(new MethodResult(e.getKey(), e.getValue(), Duration.ofMillis(MILLIS[m] + 7L * i),
                        PROVENANCE.get(e.getKey()), null));
                m++;
            }
            report.input(in.build());
            List<BufferedImage> row = new ArrayList<>();
            row.add(image);
            row.addAll(pics.values());
            grid.row(s.name().replaceAll(" <.*", "") + "\n" + top.get(0).label() + " " + String.format(java.util.Locale.ROOT,
                    "%.2f", top.get(0).probability()), row);
        }
        files.put("grid", Png.write(grid.build().render(), dir.resolve("overlay-grid.png")));

        // Normalisation: one textured signed map four ways.
        Sample first = samples.get(0);
        ScalarMap ig = Synthetic.textured(Synthetic.bumps(SIZE, SIZE, new double[] {22, 40, 8, 1.0},
                new double[] {44, 18, 6, -0.7}, new double[] {5, 5, 1.0, 6.0}), 0.25); // with an outlier spike
        files.put("normalisation", Png.write(ImageGrid.builder().cellSize(112)
                .columnTitles("min–max\nviridis", "symmetric (max)\nbwr", "symmetric (p99)\nbwr",
                        "Captum (outlier 2 %)\nseismic")
                .row(null, Heatmaps.render(ig, Colormap.VIRIDIS, Normalization.minMax()),
                        Heatmaps.render(ig, Colormap.BWR, Normalization.symmetric()),
                        Heatmaps.render(ig, Colormap.BWR, Normalization.symmetric(99)),
                        Heatmaps.render(ig, Colormap.SEISMIC, Normalization.captum(2, CumulativeMass.Sign.ALL)))
                .build().render(), dir.resolve("normalisation.png")));

        ImageGrid.Builder cmaps = ImageGrid.builder().cellSize(256, 20).padding(6);
        for (Colormap c : Colormap.values()) {
            cmaps.row(c.id(), Heatmaps.colorbar(c, 256, 20));
        }
        files.put("colormaps", Png.write(cmaps.build().render(), dir.resolve("colormaps.png")));

        BufferedImage firstImage = ImageTensors.toImage(first.tensor());
        ScalarMap firstIg = integratedGradientsLike(first);
        files.put("masked", Png.write(ImageGrid.builder().cellSize(112)
                .columnTitles("input", "top 20 % kept", "scaled by |map|", "LIME top 4")
                .row(null, firstImage, MaskedImage.keepTop(firstImage, firstIg, 0.2, Color.BLACK),
                        MaskedImage.scaleBy(firstImage, firstIg, Normalization.symmetric(99)),
                        pictures(first, firstImage).get("LIME"))
                .build().render(), dir.resolve("masked.png")));

        // Charts.
        var probs = Charts.probabilities("Class probabilities · sample 1", CLASSES, first.probs());
        files.put("probabilities", probs.writePng(dir.resolve("chart-probabilities.png")));
        Map<String, double[]> del = new LinkedHashMap<>();
        del.put("Grad-CAM", decay(21, 6.0, 0.08));
        del.put("Integrated Gradients", decay(21, 4.0, 0.10));
        del.put("random", decay(21, 1.2, 0.12));
        var deletion = Charts.deletionInsertion("Deletion curves (lower is better)", "fraction of pixels removed", del);
        files.put("deletion", deletion.writePng(dir.resolve("chart-deletion.png")));
        Map<String, double[]> train = new LinkedHashMap<>();
        train.put("train loss", new double[] {1.62, 0.91, 0.64, 0.52, 0.45, 0.41, 0.38, 0.36});
        train.put("test loss", new double[] {1.05, 0.74, 0.61, 0.55, 0.52, 0.51, 0.51, 0.52});
        var training = Charts.training("Training", "cross-entropy", train);
        files.put("training", training.writePng(dir.resolve("chart-training.png")));
        long[][] confusion = {{41, 5, 2, 1, 1}, {3, 44, 2, 0, 1}, {1, 2, 38, 8, 1}, {0, 1, 9, 39, 1}, {2, 1, 0, 1, 46}};
        var conf = Charts.confusion("Confusion matrix", CLASSES, confusion);
        files.put("confusion", conf.writePng(dir.resolve("chart-confusion.png")));
        double[][] agree = {
            {1.00, 0.62, 0.71, 0.48, 0.55},
            {0.62, 1.00, 0.58, 0.41, 0.66},
            {0.71, 0.58, 1.00, 0.52, 0.60},
            {0.48, 0.41, 0.52, 1.00, 0.45},
            {0.55, 0.66, 0.60, 0.45, 1.00}};
        var agreement = Charts.agreement("Agreement between methods (Spearman ρ)", METHODS, agree);
        files.put("agreement", agreement.writePng(dir.resolve("chart-agreement.png")));
        var reliability = Charts.reliability("Reliability", syntheticBins());
        files.put("reliability", reliability.writePng(dir.resolve("chart-reliability.png")));
        Map<String, double[]> tcav = new LinkedHashMap<>();
        tcav.put("conv1", new double[] {0.55, 0.48, 0.52});
        tcav.put("conv2", new double[] {0.83, 0.31, 0.47});
        Map<String, double[]> tcavErr = new LinkedHashMap<>();
        tcavErr.put("conv1", new double[] {0.08, 0.07, 0.09});
        tcavErr.put("conv2", new double[] {0.04, 0.06, 0.10});
        var tcavChart = Charts.tcav("TCAV scores for class orange", List.of("round", "striped", "random"), tcav, tcavErr);
        files.put("tcav", tcavChart.writePng(dir.resolve("chart-tcav.png")));
        var entropy = Charts.perClass("Mean predictive entropy per class", "entropy (nats)", CLASSES,
                new double[] {0.41, 0.38, 0.77, 0.81, 0.22});
        files.put("entropy", entropy.writePng(dir.resolve("chart-entropy.png")));

        report.section(ReportSection.chart("Deletion curves", deletion, "Score of the predicted class as pixels are removed "
                + "in order of attribution; the area under the curve is in the legend."));
        report.section(ReportSection.chart("Agreement between methods", agreement, "Spearman rank correlation of the maps, "
                + "averaged over inputs."));
        report.section(ReportSection.chart("Calibration", reliability, "Accuracy per confidence bin."));
        report.section(ReportSection.table("Sanity checks", List.of("method", "randomised layer", "SSIM to original", "passes"),
                List.of(List.of("Grad-CAM", "conv2", "0.12", "yes"), List.of("Integrated Gradients", "fc", "0.31", "yes"),
                        List.of("Guided backprop", "conv2", "0.93", "no")), "Model-randomisation test (Adebayo et al., 2018)."));
        report.section(ReportSection.text("About this report", "Every image above is embedded in this file as a PNG data URI; "
                + "the page loads nothing from elsewhere.", "Titles are escaped: sample 3's name holds a <script> tag that "
                + "is shown as text, not run."));
        files.put("report", report.build().write(dir.resolve("report.html")));
        return files;
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> l = new ArrayList<>();
        l.add(first);
        l.addAll(rest);
        return l;
    }

    /** A noisy decaying curve: exp(−rate·x) plus seeded noise. */
    private static double[] decay(int n, double rate, double noise) {
        Rng rng = Rng.seeded(11 + (long) (rate * 10));
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double x = i / (double) (n - 1);
            y[i] = Math.max(0, Math.min(1, 0.92 * Math.exp(-rate * x) + 0.05 + noise * 0.3 * (rng.nextDouble() - 0.5)));
        }
        y[0] = 0.97;
        return y;
    }

    /** An over-confident synthetic classifier: true accuracy = confidence^1.6. */
    static ReliabilityBins syntheticBins() {
        Rng rng = Rng.seeded(3);
        int n = 2000;
        double[] conf = new double[n];
        boolean[] ok = new boolean[n];
        for (int i = 0; i < n; i++) {
            conf[i] = 0.2 + 0.8 * Math.sqrt(rng.nextDouble());
            ok[i] = rng.nextDouble() < Math.pow(conf[i], 1.6);
        }
        return ReliabilityBins.of(conf, ok, 10);
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/gallery");
        write(dir).forEach((k, v) -> System.out.println(k + " -> " + v));
    }
}
