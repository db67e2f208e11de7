package org.xai4j.models.ort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;
import static org.xai4j.models.ort.OnnxRuntimeConvolutionTest.gaussian;
import static org.xai4j.models.ort.OnnxRuntimeGradientsTest.passes;
import static org.xai4j.models.ort.OnnxRuntimeGradientsTest.withEngine;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.GraphBuilder;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.FlattenNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.MaxPoolNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.graph.node.Window2d;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.HostArrays;

/**
 * Passes whose values overflow inside the graph: ONNX Runtime's max pooling gives a window of only −∞ the lowest
 * finite float and the index {@code c·H·W − W − 1} (the previous plane; for the batch's first plane the last row's),
 * so its gradient would land in another row. The engine declines such passes and the graph's own pass runs: the same
 * numbers as the step engine, bit for bit, also where the output stays finite (a ReLU or tiny weights after the
 * pool).
 */
class OnnxRuntimeGradientNonFiniteTest {
    /** 9×9 one channel → 1×1 conv of weight −3e38 (−∞ where the input exceeds about 1.13) → max pool 3×3/2 pad 1. */
    private static GraphBuilder overflowingPool() {
        return Graph.builder("overflow").input("x", -1, 1, 9, 9)
                .node(ConvNode.builder("conv").input("x").output("c").weight(Nd4j.valueArrayOf(new long[] {1, 1, 1, 1},
                        -3e38f)).build())
                .node(new MaxPoolNode("pool", "c", "p", Window2d.of(3, 3).strides(2, 2).pads(1), false));
    }

    /**
     * {@link #overflowingPool()}, a ReLU where {@code relu}, then flatten and a 3-class Gemm of seeded weights times
     * {@code scale}; with the engine.
     */
    private static Graph poolThenGemm(long seed, boolean relu, float scale) {
        Random r = new Random(seed);
        GraphBuilder b = overflowingPool();
        if (relu) {
            b.node(new ReluNode("relu", "p", "q"));
        }
        return withEngine(b.node(new FlattenNode("flat", relu ? "q" : "p", "f", 1))
                .node(new GemmNode("fc", "f", "y", gaussian(r, 3, 25).muli(scale), gaussian(r, 3)))
                .output("y").build());
    }

    /** Two rows: the first all 2 (every pooled window −∞), the second of order 1e-30 (finite everywhere). */
    private static INDArray rows() {
        INDArray x = gaussian(new Random(1), 2, 1, 9, 9).muli(1e-30f);
        x.slice(0).assign(2);
        return x;
    }

    /** The graph's result is the step engine's, bit for bit, and the engine ran no pass of its own. */
    private static void assertStepResult(Graph g, INDArray x, Target t) {
        OnnxRuntimeGradients engine = (OnnxRuntimeGradients) g.gradientEngine().orElseThrow();
        assertThat(engine.gradients(x, t)).as("the engine declines").isNull();
        Gradients got = g.gradients(x, t);
        Gradients step = g.toBuilder().build().gradients(x, t);
        assertThat(passes(g)).isZero();
        assertThat(Arrays.equals(HostArrays.floats(got.output()), HostArrays.floats(step.output()))).isTrue();
        assertThat(Arrays.equals(HostArrays.floats(got.inputGradient()), HostArrays.floats(step.inputGradient())))
                .isTrue();
    }

    /**
     * The reviewer's probe: the pool's −∞ windows reach a Gemm (the step engine's first row is not finite, its second
     * row's gradient is: where ONNX Runtime's indices would put the first row's upstream).
     */
    @Test
    void allMinusInfinityWindowsGiveTheStepEnginesResult() {
        Graph g = poolThenGemm(2, false, 0.01f);
        Gradients step = g.toBuilder().build().gradients(rows(), Target.classIndex(1));
        assertThat(Float.isFinite(step.output().getFloat(0, 1))).isFalse();
        assertThat(Float.isFinite(step.inputGradient().slice(1).sumNumber().floatValue())).isTrue();
        assertStepResult(g, rows(), Target.classIndex(1));
        assertStepResult(g, rows(), Target.predicted());
    }

    /**
     * A ReLU after the pool maps the −∞ windows to 0, and weights of 1e-30 keep ONNX Runtime's lowest float finite
     * where the step engine's −∞ stays −∞: the output alone would not show the pool's windows.
     */
    @Test
    void windowsHiddenFromTheOutputGiveTheStepEnginesResult() {
        Graph relu = poolThenGemm(3, true, 0.01f);
        assertThat(Float.isFinite(relu.toBuilder().build().predict(rows()).sumNumber().floatValue())).isTrue();
        assertStepResult(relu, rows(), Target.classIndex(2));
        Graph tiny = poolThenGemm(33, false, 1e-30f);
        assertStepResult(tiny, rows(), Target.classIndex(0));
    }

    /** ∞ − ∞ in a convolution (NaN) before a ReLU: the step engine's result. */
    @Test
    void nanBeforeAReluGivesTheStepEnginesResult() {
        Random r = new Random(4);
        Graph g = withEngine(Graph.builder("nan").input("x", -1, 2, 4, 4)
                .node(ConvNode.builder("conv").input("x").output("c").weight(Nd4j.valueArrayOf(new long[] {1, 2, 1, 1},
                        3e38f)).build())
                .node(new ReluNode("relu", "c", "q"))
                .node(new FlattenNode("flat", "q", "f", 1))
                .node(new GemmNode("fc", "f", "y", gaussian(r, 3, 16), gaussian(r, 3)))
                .output("y").build());
        INDArray x = gaussian(new Random(5), 2, 2, 4, 4).muli(1e-30f);
        x.get(point(0), point(0)).assign(2);
        x.get(point(0), point(1)).assign(-2);
        assertStepResult(g, x, Target.classIndex(1));
    }

    /**
     * With two threads allowed the two rows run as two ranges side by side; the overflowing row's range sends the whole
     * pass back, and a finite pair of rows still runs on the engine, cut.
     */
    @Test
    void aRangeWithNonFiniteValuesSendsTheWholePassBack() {
        Graph g = poolThenGemm(8, true, 0.01f);
        OnnxRuntimeGradientsTest.withConvThreads("2", () -> {
            assertThat(OnnxRuntimeGradients.parts(2)).isEqualTo(2);
            assertStepResult(g, rows(), Target.classIndex(2));
            assertStepResult(g, rows(), Target.predicted());
            OnnxRuntimeGradientsTest.assertAgrees(g, gaussian(new Random(9), 2, 1, 9, 9).muli(1e-30f),
                    Target.classIndex(1));
            return null;
        });
    }

    /** Finite passes of the same graph still run on the engine after a declined one. */
    @Test
    void finiteRowsStillRunOnTheEngine() {
        Graph g = poolThenGemm(6, false, 0.01f);
        assertStepResult(g, rows(), Target.classIndex(1));
        INDArray small = gaussian(new Random(7), 2, 1, 9, 9).muli(1e-30f);
        OnnxRuntimeGradientsTest.assertAgrees(g, small, Target.classIndex(1));
    }
}
