package org.xai4j.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Node;
import org.xai4j.core.model.LayerPass;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code xai layers}: node names, their types, outputs and output shapes. */
@Command(name = "layers", mixinStandardHelpOptions = true,
        description = "List the model's layers (graph nodes) with their output shapes for one input row.")
final class LayersCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--input", paramLabel = "X.npy", description = "an input whose shape to use (needed when the model's input has free sizes)")
    Path input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (modelOptions.needsExample() && input == null) {
            throw new UsageException("a DL4J model file does not record its input size; give --input FILE.npy");
        }
        try (ModelOptions.Loaded loaded = modelOptions.loadWith(input)) {
            Graph g = loaded.handle().graph("layers");
            INDArray x = input == null ? Inputs.exampleRow(g) : loaded.input();
            LayerPass p = g.forward(x, g.layerNames());
            var out = spec.commandLine().getOut();
            out.printf("%-32s %-18s %-32s %s%n", "layer", "type", "output", "shape");
            for (String name : g.layerNames()) {
                Node n = g.node(name);
                Map<String, INDArray> acts = p.activations();
                INDArray a = acts.get(name);
                out.printf("%-32s %-18s %-32s %s%n", name, n.opType(), n.output(),
                        a == null ? "-" : Arrays.toString(a.shape()));
            }
            out.flush();
        }
        return Main.OK;
    }
}
