package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.attribution.gradient.InputXGradient;
import org.xai4j.attribution.gradient.IntegratedGradients;
import org.xai4j.attribution.gradient.Saliency;
import org.xai4j.core.Attribution;
import org.xai4j.core.graph.GradientEngine;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.FlattenNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.MaxPoolNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.graph.node.Window2d;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.target.Target;
import org.xai4j.models.ort.OnnxRuntimeGradients;

/**
 * The plain-gradient explainers on a graph whose gradient passes run on ONNX Runtime's whole-pass engine give what
 * they give on the graph's own step-by-step passes (to 1e-6 of the largest magnitude for one pass, 1e-5 for
 * Integrated Gradients' sum of 50), say so in provenance, and really ran on the engine.
 */
class GradientEngineTest {
    private static INDArray random(Random r, double scale, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (scale * r.nextGaussian());
        }
        return Nd4j.create(v, shape, 'c');
    }

    /** The demo's layout at 12×12: conv → ReLU → pool → conv → ReLU → pool → flatten → Gemm → ReLU → Gemm. */
    private static Graph cnn() {
        Random r = new Random(21);
        Window2d pool = Window2d.of(2, 2).strides(2, 2);
        return Graph.builder("demo-like").input("x", -1, 1, 12, 12)
                .node(ConvNode.builder("conv1").input("x").output("c1").weight(random(r, 0.5, 4, 1, 3, 3))
                        .bias(random(r, 0.1, 4)).pads(1).build())
                .node(new ReluNode("relu1", "c1", "r1"))
                .node(new MaxPoolNode("pool1", "r1", "p1", pool, false))
                .node(ConvNode.builder("conv2").input("p1").output("c2").weight(random(r, 0.3, 8, 4, 3, 3))
                        .bias(random(r, 0.1, 8)).pads(1).build())
                .node(new ReluNode("relu2", "c2", "r2"))
                .node(new MaxPoolNode("pool2", "r2", "p2", pool, false))
                .node(new FlattenNode("flat", "p2", "f", 1))
                .node(new GemmNode("fc1", "f", "h", random(r, 0.2, 16, 72), random(r, 0.1, 16)))
                .node(new ReluNode("relu3", "h", "hr"))
                .node(new GemmNode("fc2", "hr", "y", random(r, 0.3, 5, 16), random(r, 0.1, 5)))
                .output("y").build();
    }

    /** Counts the passes the engine served. */
    private static GradientEngine counting(GradientEngine engine, AtomicInteger passes) {
        return new GradientEngine() {
            @Override
            public String name() {
                return engine.name();
            }

            @Override
            public boolean available() {
                return engine.available();
            }

            @Override
            public boolean supports(Target target) {
                return engine.supports(target);
            }

            @Override
            public Gradients gradients(INDArray input, Target target) {
                Gradients g = engine.gradients(input, target);
                if (g != null) {
                    passes.incrementAndGet();
                }
                return g;
            }
        };
    }

    private static double relative(Attribution a, Attribution reference) {
        INDArray b = reference.values().castTo(DataType.DOUBLE);
        return a.values().castTo(DataType.DOUBLE).sub(b).amaxNumber().doubleValue() / b.amaxNumber().doubleValue();
    }

    @Test
    void explainersAgreeWithTheStepEngineAndRecordTheEngine() {
        Graph plain = cnn();
        AtomicInteger passes = new AtomicInteger();
        Graph fast = plain.withGradientEngine(counting(OnnxRuntimeGradients.of(plain), passes));
        INDArray x = random(new Random(3), 1.0, 6, 1, 12, 12);
        INDArray before = x.dup();
        for (Target t : new Target[] {Target.classIndex(2), Target.perRow(0, 1, 2, 3, 4, 0), Target.predicted()}) {
            int runs = passes.get();
            Attribution s = new Saliency(fast).explain(x, t);
            assertThat(passes.get()).isGreaterThan(runs);
            assertThat(relative(s, new Saliency(plain).explain(x, t))).isLessThan(1e-6);
            assertThat(s.provenance().engine()).isEqualTo("graph; gradient passes: onnxruntime");
            assertThat(relative(new InputXGradient(fast).explain(x, t), new InputXGradient(plain).explain(x, t)))
                    .isLessThan(1e-6);
            runs = passes.get();
            Attribution ig = new IntegratedGradients(fast).explain(x, t);
            assertThat(passes.get()).isGreaterThan(runs);
            assertThat(relative(ig, new IntegratedGradients(plain).explain(x, t))).isLessThan(1e-5);
        }
        assertThat(x).isEqualTo(before);
        assertThat(new Saliency(plain).explain(x, Target.classIndex(1)).provenance().engine()).isEqualTo("graph");
    }
}
