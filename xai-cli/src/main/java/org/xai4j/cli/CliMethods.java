package org.xai4j.cli;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.cli.MethodEntry.Output;
import org.xai4j.cli.MethodEntry.ParamDoc;
import org.xai4j.attribution.Deconvolution;
import org.xai4j.attribution.DeepLift;
import org.xai4j.attribution.DeepLiftConfig;
import org.xai4j.attribution.DeepLiftShap;
import org.xai4j.attribution.DeepLiftShapConfig;
import org.xai4j.attribution.ConceptRelevance;
import org.xai4j.attribution.Crp;
import org.xai4j.attribution.CrpConfig;
import org.xai4j.attribution.GuidedBackprop;
import org.xai4j.attribution.Lrp;
import org.xai4j.attribution.LrpConfig;
import org.xai4j.attribution.lrp.LrpComposite;
import org.xai4j.attribution.lrp.RelevanceInit;
import org.xai4j.attribution.ModifiedReluConfig;
import org.xai4j.attribution.RuleVariant;
import org.xai4j.cam.CamConfig;
import org.xai4j.cam.GuidedGradCam;
import org.xai4j.cam.GuidedGradCamConfig;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.cam.CamMap;
import org.xai4j.cam.CamMethod;
import org.xai4j.cam.Resolution;
import org.xai4j.core.Explanation;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.graph.Graph;
import org.xai4j.perturbation.features.Segmenter;
import org.xai4j.perturbation.features.Superpixels;
import org.xai4j.perturbation.lime.Lime;
import org.xai4j.perturbation.lime.LimeConfig;
import org.xai4j.perturbation.lime.LimeExplanation;
import org.xai4j.perturbation.occlusion.FeatureAblation;
import org.xai4j.perturbation.occlusion.FeatureAblationConfig;
import org.xai4j.perturbation.occlusion.Occlusion;
import org.xai4j.perturbation.occlusion.OcclusionConfig;
import org.xai4j.perturbation.shapley.ExactShapley;
import org.xai4j.perturbation.shapley.ExactShapleyConfig;
import org.xai4j.perturbation.shapley.KernelShap;
import org.xai4j.perturbation.shapley.KernelShapConfig;
import org.xai4j.perturbation.shapley.PartitionShap;
import org.xai4j.perturbation.shapley.PartitionShapConfig;
import org.xai4j.perturbation.shapley.ShapleyExplanation;
import org.xai4j.perturbation.shapley.ShapleyValueSampling;
import org.xai4j.perturbation.shapley.ShapleyValueSamplingConfig;

/** The CAM and perturbation families' command-line entries. */
final class CliMethods {
    private CliMethods() {
    }

    static ParamDoc p(String name, String def, String description) {
        return new ParamDoc(name, def, description);
    }

    /** The CLI's CAM names (issue 8's spelling) and the methods they run. */
    static final java.util.Map<String, CamMethod> CAMS = new java.util.LinkedHashMap<>();

    static {
        CAMS.put("gradcam", CamMethod.GRAD_CAM);
        CAMS.put("gradcam-plus-plus", CamMethod.GRAD_CAM_PLUS_PLUS);
        CAMS.put("xgradcam", CamMethod.XGRAD_CAM);
        CAMS.put("hirescam", CamMethod.HIRES_CAM);
        CAMS.put("layercam", CamMethod.LAYER_CAM);
        CAMS.put("scorecam", CamMethod.SCORE_CAM);
        CAMS.put("ablationcam", CamMethod.ABLATION_CAM);
        CAMS.put("eigencam", CamMethod.EIGEN_CAM);
        CAMS.put("eigen-gradcam", CamMethod.EIGEN_GRAD_CAM);
    }

    /** DeepLIFT, DeepLiftShap, guided backprop and deconvolution: backward rules on the explanation graph. */
    static void addRules(List<MethodEntry> list) {
        ParamDoc batch = p("batch-size", "64", "rows per model call");
        ParamDoc rules = p("rules", "captum", "captum (Captum's max-pool/softmax rules) or exact (conserve exactly)");
        list.add(new MethodEntry("deeplift", Output.ATTRIBUTION,
                List.of(p("baseline", "zeros", "a number, zeros, blur:SIGMA or uniform:LO:HI"),
                        p("multiply-by-inputs", "true", "multipliers × (input − baseline)"), rules, p("seed", "0", "seed for random baselines"), batch),
                (m, p, l) -> new DeepLift(m.graph("deeplift"), DeepLiftConfig.builder()
                        .baseline(Baselines.parse(p.string("baseline", "zeros")))
                        .multiplyByInputs(p.bool("multiply-by-inputs", true))
                        .rules(p.choice("rules", RuleVariant.class, RuleVariant.CAPTUM))
                        .seed(p.longValue("seed", 0)).batchPolicy(MethodCatalog.batch(p)).build()),
                MethodCatalog::attributionValues));
        list.add(new MethodEntry("deeplift-shap", Output.ATTRIBUTION,
                List.of(p("background", "zeros", "a .npy file of reference rows, or zeros"),
                        p("multiply-by-inputs", "true", "multipliers × (input − baseline)"), rules, batch),
                (m, p, l) -> new DeepLiftShap(m.graph("deeplift-shap"),
                        DeepLiftShapConfig.builder(Baseline.background(MethodCatalog.background(p, m)))
                                .multiplyByInputs(p.bool("multiply-by-inputs", true))
                                .rules(p.choice("rules", RuleVariant.class, RuleVariant.CAPTUM))
                                .batchPolicy(MethodCatalog.batch(p)).build()),
                MethodCatalog::attributionValues));
        addLrp(list);
        list.add(new MethodEntry("guided-backprop", Output.ATTRIBUTION, List.of(batch),
                (m, p, l) -> new GuidedBackprop(m.graph("guided-backprop"),
                        ModifiedReluConfig.builder().batchPolicy(MethodCatalog.batch(p)).build()),
                MethodCatalog::attributionValues));
        list.add(new MethodEntry("deconvolution", Output.ATTRIBUTION, List.of(batch),
                (m, p, l) -> new Deconvolution(m.graph("deconvolution"),
                        ModifiedReluConfig.builder().batchPolicy(MethodCatalog.batch(p)).build()),
                MethodCatalog::attributionValues));
    }

    /** LRP with zennit's composites, and CRP (channels of a layer). */
    static void addLrp(List<MethodEntry> list) {
        ParamDoc composite = p("composite", "epsilon-plus-flat", String.join("|", LrpComposite.NAMES));
        ParamDoc low = p("low", "0", "lowest input value (z-box bound of epsilon-gamma-box)");
        ParamDoc high = p("high", "1", "highest input value (z-box bound of epsilon-gamma-box)");
        ParamDoc canonize = p("canonize", "true", "merge batch norms into the adjacent Conv/Gemm first");
        list.add(new MethodEntry(Lrp.NAME, Output.ATTRIBUTION,
                List.of(composite, low, high, p("init", "one-hot", "one-hot (zennit) or logit: the relevance at the output"),
                        canonize, p("batch-size", "64", "rows per pass")),
                (m, p, l) -> new Lrp(m.graph(Lrp.NAME), lrpConfig(p, LrpConfig.DEFAULTS)
                        .withBatch(MethodCatalog.batch(p))),
                MethodCatalog::attributionValues));
        list.add(new MethodEntry(Crp.NAME, Output.CONCEPT_MAPS,
                List.of(p("channels", "0,1,2,3", "channels of --layer, each alone"), composite, low, high,
                        p("init", "logit", "logit (zennit-crp) or one-hot: the relevance at the output"), canonize,
                        p("exclude-parallel", "true", "leave out relevance flowing around the layer (skip connections)")),
                (m, p, l) -> {
                    if (l == null) {
                        throw new UsageException("crp needs --layer (the layer whose channels condition the relevance)");
                    }
                    List<Integer> channels = java.util.Arrays.stream(p.integers("channels", new int[] {0, 1, 2, 3}))
                            .boxed().toList();
                    return new Crp(m.graph(Crp.NAME), new CrpConfig(l, channels, lrpConfig(p, CrpConfig.LRP_DEFAULTS),
                            p.bool("exclude-parallel", true)));
                },
                e -> ((ConceptRelevance) e).conditional(),
                java.util.Map.of("channel-relevance", e -> ((ConceptRelevance) e).channelRelevance())));
    }

    private static LrpConfig lrpConfig(Params p, LrpConfig defaults) {
        return new LrpConfig(p.string("composite", defaults.composite()), p.number("low", defaults.low()),
                p.number("high", defaults.high()), p.choice("init", RelevanceInit.class, defaults.init()),
                p.bool("canonize", defaults.canonize()), defaults.batch());
    }

    static void addCam(List<MethodEntry> list) {
        addGuidedGradCam(list);
        for (var e : CAMS.entrySet()) {
            String name = e.getKey();
            CamMethod method = e.getValue();
            list.add(new MethodEntry(name, Output.CAM,
                    List.of(p("resolution", "input", "input (upsampled, ReLU, min-max per image) or layer (raw map)"),
                            p("relu", "true", "ReLU on the map (default false with resolution=layer)"),
                            p("normalize", "true", "min-max per image (default false with resolution=layer)"),
                            p("eigen-smooth", "false", "first principal component of the weighted activations"),
                            p("aug-smooth", "false", "average over flipped inputs"),
                            p("batch-size", "16", "masked forwards per call (Score-CAM, Ablation-CAM)")),
                    (m, p, l) -> {
                        LayeredModel model = m.layered(name);
                        String layer = l == null ? defaultCamLayer(model)
                                : model instanceof Graph g ? g.node(l).name() : l; // a node or its output's name
                        boolean layerRes = p.string("resolution", "input").equals("layer");
                        if (!layerRes && !p.string("resolution", "input").equals("input")) {
                            throw new UsageException("resolution must be input or layer but was '" + p.string("resolution", "") + "'");
                        }
                        CamConfig c = CamConfig.builder().layers(layer)
                                .resolution(layerRes ? Resolution.LAYER : Resolution.INPUT)
                                .relu(p.bool("relu", !layerRes)).normalize(p.bool("normalize", !layerRes))
                                .eigenSmooth(p.bool("eigen-smooth", false)).augSmooth(p.bool("aug-smooth", false))
                                .batchSize(p.integer("batch-size", CamConfig.DEFAULT_BATCH_SIZE)).build();
                        return method.create(model, c);
                    },
                    CliMethods::camValues));
        }
    }

    static void addGuidedGradCam(List<MethodEntry> list) {
        list.add(new MethodEntry("guided-gradcam", Output.ATTRIBUTION,
                List.of(p("interpolation", "nearest", "nearest or bilinear: how the layer map reaches the input size"),
                        p("batch-size", "64", "rows per model call")),
                (m, p, l) -> {
                    Graph g = m.graph("guided-gradcam");
                    String layer = l == null ? defaultCamLayer(g) : g.node(l).name();
                    return new GuidedGradCam(g, GuidedGradCamConfig.builder(layer)
                            .interpolation(p.choice("interpolation", GuidedGradCamConfig.Interpolation.class,
                                    GuidedGradCamConfig.Interpolation.NEAREST))
                            .batchPolicy(MethodCatalog.batch(p)).build());
                },
                MethodCatalog::attributionValues));
    }

    static INDArray camValues(Explanation e) {
        return ((CamMap) e).map();
    }

    /**
     * The last layer whose output is N×C×H×W and that is not a pooling node (the last convolution block's
     * activation): the usual Grad-CAM layer when none is named.
     */
    static String defaultCamLayer(LayeredModel model) {
        INDArray x = Inputs.exampleRow(model);
        var acts = model.forward(x, model.layerNames()).activations();
        String last = null;
        for (String name : model.layerNames()) {
            INDArray a = acts.get(name);
            boolean pooling = model instanceof Graph g && g.node(name).opType().contains("Pool");
            if (a != null && a.rank() == 4 && a.size(2) > 1 && a.size(3) > 1 && !pooling) {
                last = name;
            }
        }
        if (last == null) {
            throw new UsageException("the model has no N×C×H×W layer for a CAM; name one with --layer");
        }
        return last;
    }

    /** grid=G (G×G cells) or superpixels=slic:N|felzenszwalb:K|watershed:MIN; one of them, else the default. */
    static Segmenter segmenter(Params p, String defaultText) {
        if (p.has("grid") && p.has("superpixels")) {
            throw new UsageException("give grid or superpixels, not both");
        }
        if (p.has("grid")) {
            int g = p.integer("grid", 0);
            if (g < 1) {
                throw new UsageException("grid must be at least 1 but was " + g);
            }
            return Segmenter.grid(g);
        }
        String s = p.string("superpixels", defaultText);
        if (s.startsWith("grid:")) {
            return Segmenter.grid(Integer.parseInt(s.substring(5)));
        }
        try {
            if (s.startsWith("slic:")) {
                return Superpixels.slic(Integer.parseInt(s.substring(5)));
            }
            if (s.startsWith("felzenszwalb:")) {
                return Superpixels.felzenszwalb(Float.parseFloat(s.substring(13)), 10);
            }
            if (s.startsWith("watershed:")) {
                return Superpixels.watershed(Integer.parseInt(s.substring(10)));
            }
        } catch (NumberFormatException e) {
            throw new UsageException("superpixels must be slic:N, felzenszwalb:K or watershed:MIN but was '" + s + "'");
        }
        throw new UsageException("superpixels must be slic:N, felzenszwalb:K or watershed:MIN but was '" + s + "'");
    }

    static INDArray limeValues(Explanation e) {
        return ((LimeExplanation) e).attribution().values();
    }

    static INDArray shapValues(Explanation e) {
        return ((ShapleyExplanation) e).attribution().values();
    }

    static void addPerturbation(List<MethodEntry> list) {
        ParamDoc batch = p("batch-size", "64", "rows per model call");
        ParamDoc baseline = p("baseline", "zeros", "value that hides a feature: a number, zeros, blur:SIGMA or uniform:LO:HI");
        ParamDoc grid = p("grid", "-", "features are G×G equal cells (instead of superpixels)");
        ParamDoc seed = p("seed", "0", "random seed");
        list.add(new MethodEntry("occlusion", Output.ATTRIBUTION,
                List.of(p("window", "4,4", "window per axis (trailing axes; leading ones whole)"),
                        p("stride", "2,2", "stride per axis"), baseline, batch),
                (m, p, l) -> new Occlusion(m.prediction(), OcclusionConfig.builder().window(p.integers("window", new int[] {4, 4}))
                        .strides(p.integers("stride", new int[] {2, 2})).baseline(Baselines.parse(p.string("baseline", "zeros")))
                        .batchSize(p.integer("batch-size", 64)).build()),
                MethodCatalog::attributionValues));
        list.add(new MethodEntry("feature-ablation", Output.ATTRIBUTION,
                List.of(p("grid", "4", "features are G×G equal cells"), baseline, batch),
                (m, p, l) -> new FeatureAblation(m.prediction(), FeatureAblationConfig.builder()
                        .segmenter(Segmenter.grid(p.integer("grid", 4))).baseline(Baselines.parse(p.string("baseline", "zeros")))
                        .batchSize(p.integer("batch-size", 64)).build()),
                MethodCatalog::attributionValues));
        list.add(new MethodEntry("lime", Output.ATTRIBUTION,
                List.of(p("superpixels", "slic:50", "slic:N, felzenszwalb:K or watershed:MIN"), grid,
                        p("samples", "1000", "perturbed samples"), p("kernel-width", "0.25", "width of the exponential kernel on cosine distance"),
                        p("hide", "mean", "mean (superpixel mean colour), blur:SIGMA or a number"), seed, batch),
                (m, p, l) -> {
                    LimeConfig.Builder b = LimeConfig.builder().segmenter(segmenter(p, "slic:50"))
                            .samples(p.integer("samples", 1000)).kernelWidth(p.number("kernel-width", 0.25))
                            .seed(p.longValue("seed", 0)).batchSize(p.integer("batch-size", 64));
                    String hide = p.string("hide", "mean");
                    if (hide.startsWith("blur:")) {
                        b.hideWithBlur(Double.parseDouble(hide.substring(5)));
                    } else if (!hide.equals("mean")) {
                        try {
                            b.hideWith(Double.parseDouble(hide));
                        } catch (NumberFormatException e) {
                            throw new UsageException("hide must be mean, blur:SIGMA or a number but was '" + hide + "'");
                        }
                    } else {
                        b.hideWithMean();
                    }
                    return new Lime(m.prediction(), b.build());
                },
                CliMethods::limeValues));
        list.add(new MethodEntry("kernel-shap", Output.ATTRIBUTION,
                List.of(p("grid", "7", "features are G×G equal cells"), p("superpixels", "-", "slic:N, felzenszwalb:K or watershed:MIN instead of a grid"),
                        p("samples", "2000", "coalitions sampled"), baseline, seed, batch),
                (m, p, l) -> new KernelShap(m.prediction(), KernelShapConfig.builder().segmenter(segmenter(p, "grid:7"))
                        .samples(p.integer("samples", 2000)).baseline(Baselines.parse(p.string("baseline", "zeros")))
                        .seed(p.longValue("seed", 0)).batchSize(p.integer("batch-size", 64)).build()),
                CliMethods::shapValues));
        list.add(new MethodEntry("shapley-exact", Output.ATTRIBUTION,
                List.of(p("grid", "4", "features are G×G equal cells (at most 20 features by default)"),
                        p("max-features", "20", "refuse more features than this (2^features coalitions)"), baseline, batch),
                (m, p, l) -> new ExactShapley(m.prediction(), ExactShapleyConfig.builder().segmenter(Segmenter.grid(p.integer("grid", 4)))
                        .maxFeatures(p.integer("max-features", 20)).baseline(Baselines.parse(p.string("baseline", "zeros")))
                        .batchSize(p.integer("batch-size", 64)).build()),
                CliMethods::shapValues));
        list.add(new MethodEntry("shapley-sampling", Output.ATTRIBUTION,
                List.of(p("grid", "7", "features are G×G equal cells"), p("samples", "25", "permutations"),
                        p("antithetic", "true", "pair each permutation with its reverse"), baseline, seed, batch),
                (m, p, l) -> new ShapleyValueSampling(m.prediction(), ShapleyValueSamplingConfig.builder()
                        .segmenter(Segmenter.grid(p.integer("grid", 7))).permutations(p.integer("samples", 25))
                        .antithetic(p.bool("antithetic", true)).baseline(Baselines.parse(p.string("baseline", "zeros")))
                        .seed(p.longValue("seed", 0)).batchSize(p.integer("batch-size", 64)).build()),
                CliMethods::shapValues));
        list.add(new MethodEntry("partition-shap", Output.ATTRIBUTION,
                List.of(p("grid", "8", "finest cells of the G×G hierarchy"), p("samples", "500", "model evaluations (budget)"),
                        p("masker", "blur:2", "blur:SIGMA or mean"), seed, batch),
                (m, p, l) -> {
                    PartitionShapConfig.Builder b = PartitionShapConfig.builder().grid(p.integer("grid", 8))
                            .maxEvals(p.integer("samples", 500)).seed(p.longValue("seed", 0)).batchSize(p.integer("batch-size", 64));
                    String masker = p.string("masker", "blur:2");
                    if (masker.equals("mean")) {
                        b.mean();
                    } else if (masker.startsWith("blur:")) {
                        b.blur(Double.parseDouble(masker.substring(5)));
                    } else {
                        throw new UsageException("masker must be blur:SIGMA or mean but was '" + masker + "'");
                    }
                    return new PartitionShap(m.prediction(), b.build());
                },
                CliMethods::shapValues));
    }

    /** The demo's CAM and perturbation methods for {@code model}. */
    static List<Demo.Spec> demoSpecs(Graph model) {
        List<Demo.Spec> s = new ArrayList<>();
        s.add(new Demo.Spec("DeepLIFT", "deeplift", List.of(), null));
        s.add(new Demo.Spec("Guided backprop", "guided-backprop", List.of(), null));
        s.add(new Demo.Spec("Grad-CAM", "gradcam", List.of(), defaultCamLayer(model)));
        s.add(new Demo.Spec("Score-CAM", "scorecam", List.of(), defaultCamLayer(model)));
        s.add(new Demo.Spec("Occlusion", "occlusion", List.of("window=4,4", "stride=2,2"), null));
        s.add(new Demo.Spec("LIME", "lime", List.of("superpixels=slic:40", "samples=500"), null));
        s.add(new Demo.Spec("KernelSHAP", "kernel-shap", List.of("grid=7", "samples=1000"), null));
        return s;
    }
}
