package org.xai4j.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.Explainer;
import org.xai4j.core.Explanation;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.models.io.Npy;
import org.xai4j.viz.ChannelReduction;
import org.xai4j.viz.ScalarMap;
import org.xai4j.viz.image.Overlay;
import org.xai4j.viz.image.OverlayStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xai explain}: runs one method on a batch, writes {@code DIR/<method>.npy} and one PNG overlay per row. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a batch with one method; writes DIR/<method>.npy and DIR/<method>-<row>.png.")
final class ExplainCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Mixin
    BatchOptions batch = new BatchOptions();

    @Mixin
    MethodOptions chosen = new MethodOptions();

    @Option(names = "--target", paramLabel = "T.npy", description = "one class index per row")
    Path targetFile;

    @Option(names = "--target-index", paramLabel = "K", description = "the same class for every row")
    Integer targetIndex;

    @Option(names = "--predicted", description = "explain each row's predicted class (the default)")
    boolean predicted;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--verbose", description = "print the method's plan (model passes) before the work")
    boolean verbose;

    private MethodEntry.Output output = MethodEntry.Output.ATTRIBUTION;

    @Override
    public Integer call() throws Exception {
        MethodEntry entry = MethodCatalog.get(chosen.method);
        Params p = Params.parse(chosen.params);
        Inputs.requireOneTargetOption(targetFile, targetIndex, predicted);
        INDArray example = batch.example(modelOptions);
        try (ModelHandle m = modelOptions.load(example)) {
            INDArray x = batch.read(example, m.prediction());
            Target target = Inputs.target(targetFile, targetIndex, predicted, x.size(0));
            requireNoInputReplaced(x);
            Explainer<INDArray, ? extends Explanation> explainer = entry.create(m, p, chosen.layer);
            p.requireAllUsed("method " + chosen.method, entry.paramNames());
            ModelCalls.requireInput(m.prediction(), x, "input");
            // The whole batch's plan, refused above the budget before the first row is explained.
            java.util.Optional<org.xai4j.core.run.Plan> plan = explainer.plan(x, target);
            plan.ifPresent(org.xai4j.core.run.Plan::requireWithinBudget);
            if (verbose) {
                spec.commandLine().getErr().println(plan.map(org.xai4j.core.run.Plan::toString)
                        .orElse(chosen.method + ": model passes known after the first pass (one per channel of the layer),"
                                + " checked against the budget then")
                        + "; budget " + String.format(java.util.Locale.ROOT, "%,d",
                        org.xai4j.core.run.Limits.current().maxPasses()) + " (-D"
                        + org.xai4j.core.run.Limits.MAX_PASSES_PROPERTY + ")");
            }
            Map<String, List<INDArray>> extras = new LinkedHashMap<>();
            INDArray values = explain(explainer, entry, x, target, extras, plan.map(org.xai4j.core.run.Plan::passes).orElse(0L));
            Npy.write(values, out.resolve(chosen.method + ".npy"));
            for (var e : extras.entrySet()) {
                Npy.write(Nd4j.concat(0, e.getValue().toArray(INDArray[]::new)),
                        out.resolve(chosen.method + "." + e.getKey() + ".npy"));
            }
            writeOverlays(x, values);
        }
        return Main.OK;
    }

    /** Refuses, before any work, an output folder where a file this call writes is one of its inputs. */
    private void requireNoInputReplaced(INDArray x) {
        java.util.Map<String, Path> inputs = new java.util.LinkedHashMap<>();
        inputs.putAll(batch.files());
        inputs.put("--target", targetFile);
        List<String> files = new ArrayList<>();
        files.add(chosen.method + ".npy");
        for (String extra : MethodCatalog.get(chosen.method).extraFiles()) {
            files.add(chosen.method + "." + extra + ".npy");
        }
        for (int i = 0; i < x.size(0); i++) {
            files.add(chosen.method + "-" + i + ".png");
        }
        modelOptions.requireOutputsApart(out, files, inputs);
    }

    private INDArray explain(Explainer<INDArray, ? extends Explanation> explainer, MethodEntry entry, INDArray x, Target target,
                             Map<String, List<INDArray>> extras, long plannedPasses) {
        int n = (int) x.size(0);
        // Rows one at a time: the contract makes a row's result independent of its batch, and a bar can follow.
        // With a stated plan the bar counts model passes (fed by ModelCalls through Limits' progress listener),
        // else rows.
        List<INDArray> rows = new ArrayList<>();
        ProgressBar bar = quiet || n < 2 ? null : new ProgressBarBuilder().setTaskName(chosen.method)
                .setInitialMax(plannedPasses > 0 ? plannedPasses : n)
                .setStyle(ProgressBarStyle.ASCII).continuousUpdate().setConsumer(
                        new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
        long[] before = new long[1];
        org.xai4j.core.run.Limits limits = org.xai4j.core.run.Limits.current().withProgress((done, planned) -> {
            if (bar != null && plannedPasses > 0) {
                bar.stepTo(Math.min(plannedPasses, before[0] + done));
            }
        });
        try {
            for (int i = 0; i < n; i++) {
                INDArray row = Batching.rows(x, i, i + 1);
                Target t = targetFile == null ? target : target.rows(i, i + 1);
                Explanation e = limits.call(() -> explainer.explain(row, t));
                before[0] = bar == null ? 0 : bar.getCurrent();
                output = MethodEntry.output(e);
                rows.add(MethodEntry.values(e));
                MethodEntry.extras(e).forEach((k, v) -> extras.computeIfAbsent(k, key -> new ArrayList<>()).add(v));
                if (bar != null && plannedPasses == 0) {
                    bar.step();
                }
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        return Nd4j.concat(0, rows.toArray(INDArray[]::new));
    }

    private void writeOverlays(INDArray x, INDArray values) {
        if (x.rank() != 4 || (x.size(1) != 1 && x.size(1) != 3)
                || values.size(-1) != x.size(3) || values.size(-2) != x.size(2)) {
            return; // not an image batch, or a map of another size (a layer's): the .npy is the whole result
        }
        for (int i = 0; i < x.size(0); i++) {
            BufferedImage img = Inputs.picture(x, i, batch.images.normalization((int) x.size(1)));
            INDArray v = values.slice(i);
            if (output == MethodEntry.Output.CONCEPT_MAPS) {
                for (int k = 0; k < v.size(0); k++) {
                    ScalarMap map = ScalarMap.fromChannels(v.slice(k), ChannelReduction.SUM);
                    Inputs.writePng(Overlay.apply(img, map, OverlayStyle.signed()),
                            out.resolve(chosen.method + "-" + i + "-" + k + ".png"));
                }
                continue;
            }
            ScalarMap map = output == MethodEntry.Output.CAM ? ScalarMap.of(v)
                    : ScalarMap.fromChannels(v, ChannelReduction.SUM);
            BufferedImage overlay = output == MethodEntry.Output.CAM ? Overlay.apply(img, map)
                    : Overlay.apply(img, map, OverlayStyle.signed());
            Inputs.writePng(overlay, out.resolve(chosen.method + "-" + i + ".png"));
        }
    }
}
