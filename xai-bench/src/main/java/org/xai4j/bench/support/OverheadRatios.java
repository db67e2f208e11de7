package org.xai4j.bench.support;

import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.bench.attribution.AttributionBenchmark;
import org.xai4j.bench.perturbation.PerturbationBenchmark;
import org.xai4j.cam.CamConfig;
import org.xai4j.cam.GradCam;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;

/**
 * Interleaved overhead ratios ({@link Interleaved}) for the cases of {@link AttributionBenchmark} and
 * {@link PerturbationBenchmark}, with the same setup code, and for Grad-CAM on the ONNX graphs (at the last ReLU:
 * {@code /Relu_1} of the small CNN, {@code /layer4/layer4.1/relu_1/Relu} of ResNet-18; one row) against one
 * forward+backward pass to the input and against the pass it makes itself (stopping at the layer); {@code cam}
 * runs any {@link org.xai4j.cam.CamMethod} (by its name, e.g. {@code score-cam}) against the replay of the model
 * calls it made ({@link LayeredCallLog}):
 * <pre>
 *   java -cp xai-bench/target/benchmarks.jar org.xai4j.bench.support.OverheadRatios \
 *        attribution|perturbation|gradcam|cam &lt;model&gt; &lt;method&gt; [rounds] [warmup]
 * </pre>
 * Prints one line per case: the median of the per-round ratios method ÷ raw passes with its 95% interval.
 */
public final class OverheadRatios {
    private OverheadRatios() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: OverheadRatios attribution|perturbation|gradcam <model> <method> [rounds] [warmup]");
            System.exit(2);
        }
        String suite = args[0];
        String model = args[1];
        String method = args[2];
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        Interleaved.Result r;
        switch (suite) {
            case "attribution" -> {
                AttributionBenchmark b = new AttributionBenchmark();
                b.model = model;
                b.method = method;
                b.rows = 1;
                b.setup();
                r = Interleaved.compare(b::rawPasses, b::explain, warmup, rounds);
            }
            case "perturbation" -> {
                PerturbationBenchmark b = new PerturbationBenchmark();
                b.model = model;
                b.method = method;
                b.setup();
                r = Interleaved.compare(b::rawForwards, b::explain, warmup, rounds);
            }
            case "gradcam" -> {
                // Grad-CAM at the last ReLU: ÷ one full forward+backward (to the input, the yardstick),
                // and ÷ the replay of its own model call (a backward pass that stops at the layer)
                Graph graph = BenchModels.graph(model);
                String layer = BenchModels.lastRelu(model);
                INDArray x = BenchModels.input(model, 1);
                Target t = Target.classIndex(3);
                GradCam cam = new GradCam(graph, CamConfig.of(layer));
                System.out.println("grad-cam on " + model + " at " + layer + " (method name ignored: " + method + ")");
                Interleaved.Result full = Interleaved.compare(() -> graph.backward(x, t, List.of(layer)),
                        () -> cam.explain(x, t), warmup, rounds);
                System.out.printf(Locale.ROOT, "RATIO gradcam %s ÷ one forward+backward to the input OMP_NUM_THREADS=%s: %s%n",
                        model, System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"), full.describe());
                r = Interleaved.compare(() -> graph.layerGradients(x, t, List.of(layer)), () -> cam.explain(x, t),
                        warmup, rounds);
                method = "gradcam ÷ its own pass (stopping at the layer)";
            }
            case "cam" -> {
                // Any CAM method at the last ReLU ÷ the replay of exactly the model calls it made
                Graph graph = BenchModels.graph(model);
                String layer = BenchModels.lastRelu(model);
                INDArray x = BenchModels.input(model, 1);
                Target t = Target.classIndex(3);
                LayeredCallLog log = new LayeredCallLog(graph);
                org.xai4j.cam.CamMethod m = org.xai4j.cam.CamMethod.of(method);
                m.create(log, CamConfig.of(layer)).explain(x, t);
                System.out.println(method + " on " + model + " at " + layer + ": " + log.calls().size() + " model calls "
                        + log.calls());
                var explainer = m.create(graph, CamConfig.of(layer));
                r = Interleaved.compare(log::replay, () -> explainer.explain(x, t), warmup, rounds);
            }
            default -> throw new IllegalArgumentException("unknown suite " + suite);
        }
        System.out.printf(Locale.ROOT, "RATIO %s %s %s OMP_NUM_THREADS=%s: %s%n", suite, model, method,
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"), r.describe());
    }
}
