package org.xai4j.bench.cam;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.bench.support.BenchModels;
import org.xai4j.cam.CamConfig;
import org.xai4j.cam.CamMethod;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.target.Target;

/**
 * A CAM method's own work per call, without its model work: the model answers every call from a cache (the
 * first answer for each kind of call and batch size), so the time per {@code explain} is the method's resizing,
 * masking, batch building, checks and result. Prints seven averages of {@code reps} calls each:
 * <pre>
 *   java -cp xai-bench/target/benchmarks.jar org.xai4j.bench.cam.CamOwnWork &lt;model&gt; &lt;method&gt; [reps]
 * </pre>
 */
public final class CamOwnWork {
    private CamOwnWork() {
    }

    /** Answers from a cache; the layer pass is the first one made. */
    private static final class Cached implements LayeredModel {
        private final LayeredModel model;
        private final Map<String, INDArray> outputs = new HashMap<>();
        private LayerPass pass;

        Cached(LayeredModel model) {
            this.model = model;
        }

        @Override
        public INDArray predict(INDArray input) {
            return outputs.computeIfAbsent("predict " + input.size(0), k -> model.predict(input));
        }

        @Override
        public Gradients gradients(INDArray input, Target target) {
            return model.gradients(input, target);
        }

        @Override
        public List<String> layerNames() {
            return model.layerNames();
        }

        @Override
        public LayerPass forward(INDArray input, Collection<String> layers) {
            if (pass == null) {
                pass = model.forward(input, layers);
            }
            return pass;
        }

        @Override
        public LayerPass backward(INDArray input, Target target, Collection<String> layers) {
            return model.backward(input, target, layers);
        }

        @Override
        public INDArray predictWithEdit(INDArray input, String layer, UnaryOperator<INDArray> edit) {
            return outputs.computeIfAbsent("edit " + input.size(0), k -> model.predictWithEdit(input, layer, edit));
        }

        @Override
        public Optional<long[]> rowShape() {
            return model.rowShape();
        }

        @Override
        public String id() {
            return model.id();
        }
    }

    public static void main(String[] args) {
        String model = args[0];
        String method = args[1];
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        Graph graph = BenchModels.graph(model);
        String layer = BenchModels.lastRelu(model);
        INDArray x = BenchModels.input(model, 1);
        Target t = Target.classIndex(3);
        var explainer = CamMethod.of(method).create(new Cached(graph), CamConfig.of(layer));
        for (int r = 0; r < 7; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                explainer.explain(x, t);
            }
            System.out.printf(Locale.ROOT, "%s %s own work per call %.1f us%n", model, method,
                    (System.nanoTime() - t0) / 1e3 / reps);
        }
    }
}
