package org.xai4j.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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

    /**
     * What each method costs, in rows through the model for N input rows, as its plan states it (the budget,
     * -Dxai4j.maxPasses, refuses a call above it before any work; --verbose prints the plan).
     */
    static final Map<String, String> COST = Map.ofEntries(
            Map.entry("saliency", "2·N (a forward to resolve the target, then one gradient per row)"),
            Map.entry("input-x-gradient", "2·N"),
            Map.entry("integrated-gradients", "N·(steps + 2)"),
            Map.entry("layer-integrated-gradients", "N·(steps + 4)"),
            Map.entry("layer-gradient-x-activation", "2·N"),
            Map.entry("gradient-shap", "N·(samples + 1); with convergence-delta also the background rows, and N·samples"
                    + " more when noise-sd > 0"),
            Map.entry("smoothgrad", "N·(1 + samples × the wrapped method's passes per row: 1, or steps for"
                    + " integrated-gradients)"),
            Map.entry("deeplift", "3·N"),
            Map.entry("deeplift-shap", "N·(B + 1) + B for B background rows"),
            Map.entry("lrp", "2·N"),
            Map.entry("crp", "N·(channels + 2)"),
            Map.entry("guided-backprop", "2·N"),
            Map.entry("deconvolution", "2·N"),
            Map.entry("guided-gradcam", "2·N"),
            Map.entry("gradcam", "N (7·N with aug-smooth)"),
            Map.entry("gradcam-plus-plus", "N (7·N with aug-smooth)"),
            Map.entry("xgradcam", "N (7·N with aug-smooth)"),
            Map.entry("hirescam", "N (7·N with aug-smooth)"),
            Map.entry("layercam", "N (7·N with aug-smooth)"),
            Map.entry("eigencam", "N (7·N with aug-smooth)"),
            Map.entry("eigen-gradcam", "N (7·N with aug-smooth)"),
            Map.entry("scorecam", "N + one per row and non-constant channel of the layer (stated and checked"
                    + " after the first pass)"),
            Map.entry("ablationcam", "N + N·channels of the layer (stated and checked after the first pass)"),
            Map.entry("occlusion", "N·(window positions + 1)"),
            Map.entry("feature-ablation", "N + the features of all rows"),
            Map.entry("lime", "N·(samples + 1)"),
            Map.entry("lime-tabular", "N·(samples + 1)"),
            Map.entry("kernel-shap", "N + N·(2 + the distinct coalitions drawn: at most samples, 0 meaning 2·F + 2048,"
                    + " and at most 2^F - 2)·B, for F features and B background rows (1 without)"),
            Map.entry("shapley-exact", "N + N·2^F·B, for F features and B background rows (1 without)"),
            Map.entry("shapley-sampling", "N + N·(2 + samples·(F - 1))·B, for F features and B background rows"
                    + " (1 without)"),
            Map.entry("partition-shap", "N + N·(2 + 2·min(the hierarchy's expansions, (samples - 2) / 2))"));

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
