package org.xai4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xai4j.core.util.OutputFiles;
import picocli.CommandLine.Option;

/** {@code --model} and {@code --engine}, shared by the commands that load a model. */
final class ModelOptions {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "model file: .onnx, a DL4J .zip (ModelSerializer) or a Keras .h5 (model.save)")
    Path model;

    @Option(names = "--engine", defaultValue = "graph", paramLabel = "ENGINE",
            description = "graph (default: every method) or onnxruntime (forward only: black-box methods)")
    String engine;

    /** Whether the model file is a DL4J one (which needs an example input to know its input size). */
    boolean needsExample() {
        return model.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
    }

    /** A loaded model and the batch {@code --input} named, read once. */
    record Loaded(ModelHandle handle, org.nd4j.linalg.api.ndarray.INDArray input) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            handle.close();
        }
    }

    /**
     * Loads the model and reads {@code input}: after the model, for it (an image's channels and size come from it);
     * where the model needs an example to know its input size (a DL4J file) also before it, and an {@code .npy}
     * batch is then read once. A null {@code input} gives a null batch.
     */
    Loaded loadWith(Path input) {
        org.nd4j.linalg.api.ndarray.INDArray example = input != null && needsExample() ? Inputs.read(input, null) : null;
        ModelHandle m = load(example);
        try {
            // an .npy batch read for the example is the batch; images are read again for the model (its channels
            // and size: the example was read without them)
            boolean reuse = input == null || example != null && Inputs.isNpy(input);
            return new Loaded(m, reuse ? example : Inputs.read(input, m.prediction()));
        } catch (RuntimeException e) {
            try {
                m.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Refuses, before any work, an output folder {@code out} (option {@code --out}) where a file the command writes
     * is one of its inputs: {@code inputs} by option, in order, then this model file.
     */
    void requireOutputsApart(Path out, List<String> files, Map<String, Path> inputs) {
        Map<String, Path> all = new LinkedHashMap<>(inputs);
        all.put("--model", model);
        OutputFiles.requireNoneIsInput(out, "--out", files, all);
    }

    ModelHandle load() {
        return load(null);
    }

    /** Loads the model; {@code example} (any batch of inputs) gives DL4J models their input size. */
    ModelHandle load(org.nd4j.linalg.api.ndarray.INDArray example) {
        ModelHandle.Engine e = switch (engine) {
            case "graph" -> ModelHandle.Engine.GRAPH;
            case "onnxruntime" -> ModelHandle.Engine.ONNXRUNTIME;
            default -> throw new UsageException("--engine must be graph or onnxruntime but was '" + engine + "'");
        };
        long[] row = example == null ? null : java.util.Arrays.copyOfRange(example.shape(), 1, example.rank());
        return ModelHandle.load(model, e, row);
    }
}
