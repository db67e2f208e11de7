package org.xai4j.bench.perturbation;

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
import org.xai4j.bench.support.CallLog;
import org.xai4j.bench.support.RawPasses;
import org.xai4j.core.Explainer;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.perturbation.features.Segmenter;
import org.xai4j.perturbation.features.Superpixels;
import org.xai4j.perturbation.lime.Lime;
import org.xai4j.perturbation.lime.LimeConfig;
import org.xai4j.perturbation.occlusion.Occlusion;
import org.xai4j.perturbation.occlusion.OcclusionConfig;
import org.xai4j.perturbation.shapley.KernelShap;
import org.xai4j.perturbation.shapley.KernelShapConfig;

/**
 * Perturbation methods against the same number of raw batched forward passes. {@link #explain} runs the
 * method on one row; {@link #rawForwards} replays the forward calls the method made (recorded once in setup
 * by a {@link CallLog}: the same batches, in the same order, on the same graph). Overhead =
 * explain ÷ rawForwards. Batch size: the methods' default, 64 rows.
 * <ul>
 *   <li>{@code occlusion}: window 4×4 stride 2 on the 28×28 CNN, 32×32 stride 16 on ResNet-18's 224²
 *       (13×13 = 169 windows either way), zero baseline;</li>
 *   <li>{@code lime1000}: LIME, 1000 samples, mean-colour hiding, ridge surrogate; features: a 7×7 grid on
 *       the CNN, SLIC with 50 regions on ResNet-18 (segmentation is part of the method's time);</li>
 *   <li>{@code kernelshap2000}: KernelSHAP, 2000 paired samples, zero baseline, same features.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PerturbationBenchmark {
    @Param({"fashion-cnn", "resnet18"})
    public String model;

    @Param({"occlusion", "lime1000", "kernelshap2000"})
    public String method;

    Explainer<INDArray, ?> explainer;
    INDArray input;
    Target target;
    RawPasses raw;

    @Setup
    public void setup() {
        Graph graph = BenchModels.graph(model);
        input = BenchModels.input(model, 1);
        target = Target.classIndex(3);
        CallLog log = new CallLog(graph);
        create(log).explain(input, target);
        explainer = create(graph);
        raw = new RawPasses(graph, log.calls());
        System.out.println("\n" + method + " on " + model + ": " + log.summary());
    }

    Explainer<INDArray, ?> create(PredictionFunction m) {
        boolean small = "fashion-cnn".equals(model);
        Segmenter features = small ? Segmenter.grid(7) : Superpixels.slic(50);
        return switch (method) {
            case "occlusion" -> new Occlusion(m, small
                    ? OcclusionConfig.of(4, 4).withStrides(2, 2)
                    : OcclusionConfig.of(32, 32).withStrides(16, 16));
            case "lime1000" -> new Lime(m, LimeConfig.DEFAULTS.withSegmenter(features).withSamples(1000).withSeed(7));
            case "kernelshap2000" -> new KernelShap(m, KernelShapConfig.DEFAULTS.withSegmenter(features).withSamples(2000)
                    .withSeed(7));
            default -> throw new IllegalArgumentException("unknown method " + method);
        };
    }

    @Benchmark
    public Object explain() {
        return explainer.explain(input, target);
    }

    @Benchmark
    public double rawForwards() {
        return raw.run();
    }
}
