package org.xai4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.metrics.dynamics.TrainingDynamics;
import org.xai4j.metrics.dynamics.TrainingHistory;
import org.xai4j.models.io.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai dynamics}: InstanceFlow and confusion evolution from saved per-epoch predictions. */
@Command(name = "dynamics", mixinStandardHelpOptions = true,
        description = {"Training dynamics from per-epoch predictions on a fixed evaluation set (saved by xai4j's recorder, or by numpy.save "
                + "from any training loop). Writes DIR/dynamics.json, DIR/instance-flow.png (+ .svg), DIR/confusion-evolution.png (+ .svg) "
                + "and DIR/dynamics.html."})
final class DynamicsCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--predictions", required = true, paramLabel = "P.npy", description = "predicted classes, E × N integers (epochs × instances)")
    Path predictions;

    @Option(names = "--labels", required = true, paramLabel = "Y.npy", description = "true classes, N integers")
    Path labels;

    @Option(names = "--probabilities", paramLabel = "Q.npy", description = "class probabilities, E × N × K (sets K; must agree with P)")
    Path probabilities;

    @Option(names = "--curves", paramLabel = "C.json", description = "per-epoch curves: {\"train_loss\": [E numbers or null], \"val_loss\": …, "
            + "\"train_accuracy\": …, \"val_accuracy\": …}")
    Path curves;

    @Option(names = "--images", paramLabel = "X.npy", description = "the evaluation images (N × C × H × W, N × H × W × C or N × H × W) for the page")
    Path images;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--classes", paramLabel = "NAME", split = ",", description = "class names, comma-separated, in class order")
    List<String> classes = new ArrayList<>();

    @Option(names = "--order", paramLabel = "KEY", description = "heatmap row order: misclassification, frequency, variability, "
            + "learned, label (default ${DEFAULT-VALUE})")
    String order = DynamicsReport.Settings.DEFAULTS.order().name().toLowerCase(Locale.ROOT);

    @Option(names = "--max-rows", paramLabel = "R", description = "at most R heatmap rows, evenly spaced along the order (default ${DEFAULT-VALUE})")
    int maxRows = DynamicsReport.Settings.DEFAULTS.maxRows();

    @Option(names = "--flow-epochs", paramLabel = "E", split = ",", description = "epochs of the flow view, 1-based, increasing "
            + "(default: all, or 10 evenly spaced)")
    List<Integer> flowEpochs = new ArrayList<>();

    @Option(names = "--flow-changed", description = "the flow view shows only instances whose prediction changed")
    boolean flowChanged;

    @Option(names = "--flow-class", paramLabel = "K", description = "the flow view shows only instances of true class K")
    Integer flowClass;

    @Option(names = "--unstable-frequency", paramLabel = "F", description = "unstable: prediction changed in at least this share of "
            + "epoch transitions (default ${DEFAULT-VALUE})")
    double unstableFrequency = DynamicsReport.Settings.DEFAULTS.unstableFrequency();

    @Override
    public Integer call() throws Exception {
        requireFile(predictions, "--predictions");
        requireFile(labels, "--labels");
        if (probabilities != null) {
            requireFile(probabilities, "--probabilities");
        }
        if (curves != null) {
            requireFile(curves, "--curves");
        }
        if (images != null) {
            requireFile(images, "--images");
        }
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("--predictions", predictions);
        inputs.put("--labels", labels);
        inputs.put("--probabilities", probabilities);
        inputs.put("--curves", curves);
        inputs.put("--images", images);
        org.xai4j.core.util.OutputFiles.requireNoneIsInput(out, "--out", DynamicsReport.FILES, inputs);
        TrainingDynamics.Order o;
        try {
            o = TrainingDynamics.Order.valueOf(order.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--order must be one of " + Arrays.stream(TrainingDynamics.Order.values())
                    .map(v -> v.name().toLowerCase(Locale.ROOT)).toList() + " but was '" + order + "'");
        }
        List<Integer> epochs = new ArrayList<>();
        for (int e : flowEpochs) {
            epochs.add(e - 1);
        }
        TrainingHistory h = TrainingHistory.load(predictions, labels, probabilities, curves);
        if (!flowEpochs.isEmpty()) {
            for (int e : flowEpochs) {
                if (e < 1 || e > h.epochs()) {
                    throw new UsageException("--flow-epochs holds " + e + " but the predictions have epochs 1.." + h.epochs());
                }
            }
        }
        if (flowClass != null && (flowClass < 0 || flowClass >= h.classes())) {
            throw new UsageException("--flow-class must be a class in 0.." + (h.classes() - 1) + " but was " + flowClass);
        }
        if (!classes.isEmpty() && classes.size() != h.classes()) {
            throw new UsageException("--classes names " + classes.size() + " classes but the data have " + h.classes());
        }
        INDArray x = images == null ? null : Npy.read(images);
        DynamicsReport.Settings s = DynamicsReport.Settings.DEFAULTS.withClassNames(classes).withOrder(o).withMaxRows(maxRows)
                .withFlowEpochs(epochs).withFlowChangedOnly(flowChanged).withFlowClass(flowClass == null ? -1 : flowClass)
                .withUnstableFrequency(unstableFrequency);
        TrainingDynamics d = DynamicsReport.write(h, x, s, out);
        double[] acc = d.epochAccuracy();
        spec.commandLine().getOut().printf(Locale.ROOT, "xai dynamics: %d epochs × %d instances, %d classes; accuracy %.4f → %.4f; %d unstable, %d never learned; "
                + "wrote %s%n", d.epochs(), d.size(), d.classes(), acc[0], acc[acc.length - 1], d.unstable().length, d.neverLearned().length,
                out.resolve(DynamicsReport.HTML));
        return Main.OK;
    }

    private static void requireFile(Path p, String option) {
        if (!Files.isRegularFile(p)) {
            throw new UsageException(option + ": file not found: " + p);
        }
    }
}
