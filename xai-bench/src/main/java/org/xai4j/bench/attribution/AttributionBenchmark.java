package org.xai4j.bench.attribution;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
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
import org.xai4j.attribution.AttributionMethod;
import org.xai4j.attribution.gradient.GradientShap;
import org.xai4j.attribution.gradient.GradientShapConfig;
import org.xai4j.attribution.gradient.IntegratedGradients;
import org.xai4j.attribution.gradient.IntegratedGradientsConfig;
import org.xai4j.attribution.NoiseTunnel;
import org.xai4j.attribution.NoiseTunnelConfig;
import org.xai4j.attribution.NoiseTunnelType;
import org.xai4j.attribution.gradient.Saliency;
import org.xai4j.bench.support.BenchModels;
import org.xai4j.bench.support.CallLog;
import org.xai4j.bench.support.RawPasses;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;

/**
 * Gradient attribution methods against the raw passes they need. {@link #explain} runs the method;
 * {@link #rawPasses} replays the model calls the method made (recorded once in setup by a {@link CallLog}:
 * the same forwards and forward+input-gradient passes on the same batches and targets, on the same graph).
 * Overhead = explain ÷ rawPasses.
 * <ul>
 *   <li>{@code ig50}: Integrated Gradients, 50 Gauss–Legendre steps, zero baseline (with its convergence
 *       delta, so it also runs a forward of the input and of the baseline);</li>
 *   <li>{@code smoothgrad25}: NoiseTunnel SmoothGrad over Saliency, 25 samples, σ = 0.15·range;</li>
 *   <li>{@code gradshap25}: GradientShap, 25 samples over 8 background rows, no noise, no delta
 *       (Captum's defaults apart from the sample count).</li>
 * </ul>
 * Every method uses its default batch policy (64 rows per model call).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AttributionBenchmark {
    @Param({"fashion-cnn", "resnet18"})
    public String model;

    @Param({"ig50", "smoothgrad25", "gradshap25"})
    public String method;

    @Param({"1"})
    public int rows;

    AttributionMethod explainer;
    INDArray input;
    Target target;
    RawPasses raw;

    @Setup
    public void setup() {
        Graph graph = BenchModels.graph(model);
        input = BenchModels.input(model, rows);
        int[] classes = new int[rows];
        for (int i = 0; i < rows; i++) {
            classes[i] = (7 * i + 3) % BenchModels.classes(model);
        }
        target = Target.perRow(classes);
        CallLog log = new CallLog(graph);
        create(log).explain(input, target);
        explainer = create(graph);
        raw = new RawPasses(graph, log.calls());
        System.out.println("\n" + method + " on " + model + ", " + rows + " row(s): " + log.summary());
    }

    AttributionMethod create(DifferentiableModel m) {
        return switch (method) {
            case "ig50" -> new IntegratedGradients(m, IntegratedGradientsConfig.DEFAULTS.withSteps(50));
            case "smoothgrad25" -> new NoiseTunnel(new Saliency(m), NoiseTunnelConfig.DEFAULTS
                    .withType(NoiseTunnelType.SMOOTHGRAD).withSamples(25).withFractionOfRange(0.15).withSeed(3));
            case "gradshap25" -> new GradientShap(m, GradientShapConfig.of(Baseline.background(
                    Rng.seeded(4).uniform(DataType.FLOAT, 0, 1, withRows(8, input.shape())))).withSamples(25).withSeed(3));
            default -> throw new IllegalArgumentException("unknown method " + method);
        };
    }

    static long[] withRows(long n, long[] shape) {
        long[] s = shape.clone();
        s[0] = n;
        return s;
    }

    @Benchmark
    public Object explain() {
        return explainer.explain(input, target);
    }

    @Benchmark
    public double rawPasses() {
        return raw.run();
    }
}
