package org.xai4j.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.xai4j.attribution.NoiseTunnel;
import org.xai4j.attribution.gradient.Deconvolution;
import org.xai4j.attribution.gradient.DeepLift;
import org.xai4j.attribution.gradient.DeepLiftShap;
import org.xai4j.attribution.gradient.GradientShap;
import org.xai4j.attribution.gradient.GuidedBackprop;
import org.xai4j.attribution.gradient.InputXGradient;
import org.xai4j.attribution.gradient.IntegratedGradients;
import org.xai4j.attribution.gradient.Saliency;
import org.xai4j.attribution.layer.LayerGradientXActivation;
import org.xai4j.attribution.layer.LayerIntegratedGradients;
import org.xai4j.attribution.lrp.Crp;
import org.xai4j.attribution.lrp.Lrp;
import org.xai4j.cam.CamMethod;
import org.xai4j.cam.GuidedGradCam;
import org.xai4j.perturbation.lime.Lime;
import org.xai4j.perturbation.lime.LimeTabular;
import org.xai4j.perturbation.occlusion.FeatureAblation;
import org.xai4j.perturbation.occlusion.Occlusion;
import org.xai4j.perturbation.shapley.ExactShapley;
import org.xai4j.perturbation.shapley.KernelShap;
import org.xai4j.perturbation.shapley.PartitionShap;
import org.xai4j.perturbation.shapley.ShapleyValueSampling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code xai methods}: one line per method with its parameters and their defaults; {@code xai methods NAME...}
 * adds one line per parameter with its help. Both come from the settings records (defaults from the registry's
 * defaults, help from {@link org.xai4j.core.Help}).
 */
@Command(name = "methods", mixinStandardHelpOptions = true,
        description = "List the methods and their parameters; name methods to see each parameter's help.")
final class MethodsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "methods whose parameters to explain")
    List<String> names = List.of();

    private static final String GRADIENT_CAM = "N (7·N with aug-smooth)";
    private static final String ONE_PASS = "N (one pass per row, which also resolves the class or predicted target)";

    /**
     * What each method costs, in rows through the model for N input rows, as its plan states it (the budget,
     * -Dxai4j.maxPasses, refuses a call above it before any work; --verbose prints the plan), for the class or
     * predicted targets the command line gives. Keyed by the methods' name constants ({@code MethodRegistryTest}
     * checks each key is a registry name); a method without an entry shows "counted as they happen".
     */
    static final Map<String, String> COST = Map.ofEntries(
            Map.entry(Saliency.NAME, ONE_PASS),
            Map.entry(InputXGradient.NAME, ONE_PASS),
            Map.entry(IntegratedGradients.NAME, "N·(steps + 2)"),
            Map.entry(LayerIntegratedGradients.NAME, "N·(steps + 4)"),
            Map.entry(LayerGradientXActivation.NAME, "2·N"),
            Map.entry(GradientShap.NAME, "N·(samples + 1); with convergence-delta also the background rows, and N·samples"
                    + " more when noise-sd > 0"),
            Map.entry(NoiseTunnel.NAME, "N·(1 + samples × the wrapped method's passes per row: 1, or steps for"
                    + " integrated-gradients)"),
            Map.entry(DeepLift.NAME, "3·N"),
            Map.entry(DeepLiftShap.NAME, "N·(B + 1) + B for B background rows"),
            Map.entry(Lrp.NAME, "2·N"),
            Map.entry(Crp.NAME, "2·N (the channels ride as rows of one relevance pass below the layer)"),
            Map.entry(GuidedBackprop.NAME, ONE_PASS),
            Map.entry(Deconvolution.NAME, ONE_PASS),
            Map.entry(GuidedGradCam.NAME, "2·N"),
            Map.entry(CamMethod.GRAD_CAM.methodName(), GRADIENT_CAM),
            Map.entry(CamMethod.GRAD_CAM_PLUS_PLUS.methodName(), GRADIENT_CAM),
            Map.entry(CamMethod.XGRAD_CAM.methodName(), GRADIENT_CAM),
            Map.entry(CamMethod.HIRES_CAM.methodName(), GRADIENT_CAM),
            Map.entry(CamMethod.LAYER_CAM.methodName(), GRADIENT_CAM),
            Map.entry(CamMethod.EIGEN_CAM.methodName(), GRADIENT_CAM),
            Map.entry(CamMethod.EIGEN_GRAD_CAM.methodName(), GRADIENT_CAM),
            Map.entry(CamMethod.SCORE_CAM.methodName(), "N + one per row and non-constant channel of the layer (stated"
                    + " and checked after the first pass)"),
            Map.entry(CamMethod.ABLATION_CAM.methodName(), "N + N·channels of the layer (stated and checked after the"
                    + " first pass)"),
            Map.entry(Occlusion.NAME, "N·(window positions + 1)"),
            Map.entry(FeatureAblation.NAME, "N + the features of all rows"),
            Map.entry(Lime.NAME, "N·(samples + 1)"),
            Map.entry(LimeTabular.NAME, "N·(samples + 1)"),
            Map.entry(KernelShap.NAME, "N + N·(2 + the distinct coalitions drawn: at most samples, 0 meaning 2·F + 2048,"
                    + " and at most 2^F - 2)·B, for F features and B background rows (1 without)"),
            Map.entry(ExactShapley.NAME, "N + N·2^F·B, for F features and B background rows (1 without)"),
            Map.entry(ShapleyValueSampling.NAME, "N + N·(2 + samples·(F - 1))·B, for F features and B background rows"
                    + " (1 without)"),
            Map.entry(PartitionShap.NAME, "N + N·(2 + 2·min(the hierarchy's expansions, (samples - 2) / 2))"));

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        List<MethodEntry> entries = names.isEmpty() ? MethodCatalog.all() : names.stream().map(MethodCatalog::get).toList();
        for (MethodEntry e : entries) {
            StringBuilder sb = new StringBuilder(String.format("%-22s", e.name()));
            for (MethodEntry.ParamDoc p : e.params()) {
                sb.append(' ').append(p.name()).append('=').append(p.defaultValue());
            }
            out.println(sb.toString().stripTrailing());
            if (!names.isEmpty()) {
                for (MethodEntry.ParamDoc p : e.params()) {
                    out.println(String.format("    %-20s %s (default %s)", p.name(), p.description(), p.defaultValue()));
                }
                out.println(String.format("    %-20s %s", "model passes", COST.getOrDefault(e.name(),
                        "counted as they happen")));
            }
        }
        out.flush();
        return Main.OK;
    }
}
