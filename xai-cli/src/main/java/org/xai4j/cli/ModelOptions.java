package org.xai4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model} and {@code --engine}, shared by the commands that load a model. */
final class ModelOptions {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "model file (.onnx)")
    Path model;

    @Option(names = "--engine", defaultValue = "graph", paramLabel = "ENGINE",
            description = "graph (default: every method) or onnxruntime (forward only: black-box methods)")
    String engine;

    ModelHandle load() {
        ModelHandle.Engine e = switch (engine) {
            case "graph" -> ModelHandle.Engine.GRAPH;
            case "onnxruntime" -> ModelHandle.Engine.ONNXRUNTIME;
            default -> throw new UsageException("--engine must be graph or onnxruntime but was '" + engine + "'");
        };
        return ModelHandle.load(model, e);
    }
}
