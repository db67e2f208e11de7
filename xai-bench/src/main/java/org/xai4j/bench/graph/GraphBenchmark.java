package org.xai4j.bench.graph;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xai4j.bench.support.BenchModels;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;

/**
 * The explanation graph's raw passes: a forward pass, and a forward pass plus the input gradient of one
 * class score per row (a different class per row), for the small CNN and ResNet-18 at 224² read from
 * ONNX, at batch 1 and 16. The PyTorch numbers for the same table come from
 * {@code xai-bench/src/main/python/time_torch.py}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GraphBenchmark {
    @Param({"resnet18", "fashion-cnn"})
    public String model;

    @Param({"1", "16"})
    public int batch;

    Graph graph;
    INDArray input;
    Target target;

    @Setup
    public void setup() {
        graph = BenchModels.graph(model);
        input = BenchModels.input(model, batch);
        int[] classes = new int[batch];
        for (int i = 0; i < batch; i++) {
            classes[i] = (7 * i + 3) % BenchModels.classes(model);
        }
        target = Target.perRow(classes);
    }

    @Benchmark
    public INDArray forward() {
        return graph.predict(input);
    }

    @Benchmark
    public INDArray forwardInputGradient() {
        return graph.gradients(input, target).inputGradient();
    }
}
