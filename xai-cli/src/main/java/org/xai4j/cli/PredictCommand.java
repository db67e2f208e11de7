package org.xai4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.models.io.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xai predict}: the model's scores (N×K) for a batch. */
@Command(name = "predict", mixinStandardHelpOptions = true, description = "Write the model's scores (N×K) for a batch.")
final class PredictCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Mixin
    BatchOptions batch = new BatchOptions();

    @Option(names = "--out", required = true, paramLabel = "Y.npy", description = "where to write the scores")
    Path out;

    @Option(names = "--probabilities", description = "apply a softmax over the classes")
    boolean probabilities;

    @Override
    public Integer call() throws Exception {
        java.util.Map<String, Path> inputs = new java.util.LinkedHashMap<>();
        inputs.putAll(batch.files());
        inputs.put("--model", modelOptions.model);
        org.xai4j.core.util.OutputFiles.requireNotInput(out, "--out", inputs);
        INDArray example = batch.example(modelOptions);
        try (ModelHandle m = modelOptions.load(example)) {
            INDArray x = batch.read(example, m.prediction());
            ModelCalls.requireInput(m.prediction(), x, "input");
            INDArray y = ModelCalls.predict(m.prediction(), x);
            if (probabilities) {
                y = Transforms.softmax(y, true);
            }
            Npy.write(y, out);
        }
        return Main.OK;
    }
}
