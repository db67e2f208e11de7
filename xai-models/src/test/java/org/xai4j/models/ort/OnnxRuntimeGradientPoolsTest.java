package org.xai4j.models.ort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xai4j.models.ort.OnnxRuntimeConvolutionTest.gaussian;
import static org.xai4j.models.ort.OnnxRuntimeGradientsTest.assertAgrees;
import static org.xai4j.models.ort.OnnxRuntimeGradientsTest.assertSameNumbers;
import static org.xai4j.models.ort.OnnxRuntimeGradientsTest.assertSameNumbersAsStep;
import static org.xai4j.models.ort.OnnxRuntimeGradientsTest.passes;
import static org.xai4j.models.ort.OnnxRuntimeGradientsTest.withEngine;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.GraphBuilder;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.node.AvgPoolNode;
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
 * The whole-pass gradient engine's pooling beyond windows that tile the input: max pooling over overlapping,
 * padded, dilated or gapped windows (ResNet's 3×3 stride 2 with padding 1 among them) and average pooling, each
 * against the graph's own step-by-step pass (1e-6 of the largest magnitude; where no convolution sits on the path,
 * the same numbers), and ties in overlapping windows against the rule written out here.
 */
class OnnxRuntimeGradientPoolsTest {
    /** kh, kw, sh, sw, dh, dw, top, left, bottom, right: windows that do not tile the input. */
    static Stream<Arguments> maxWindows() {
        return Stream.of(
                Arguments.of(new int[] {3, 3, 2, 2, 1, 1, 1, 1, 1, 1}),
                Arguments.of(new int[] {3, 3, 1, 1, 1, 1, 1, 1, 1, 1}),
                Arguments.of(new int[] {2, 2, 1, 1, 1, 1, 0, 0, 0, 0}),
                Arguments.of(new int[] {3, 2, 2, 1, 2, 1, 2, 0, 1, 1}),
                Arguments.of(new int[] {2, 2, 2, 2, 1, 1, 1, 1, 1, 1}),
                Arguments.of(new int[] {2, 2, 3, 3, 1, 1, 0, 0, 0, 0}));
    }

    static Window2d window(int[] g) {
        return Window2d.of(g[0], g[1]).strides(g[2], g[3]).dilations(g[4], g[5]).pads(g[6], g[7], g[8], g[9]);
    }

    /** conv 3×3 pad 1 (bias shifted down: many zeros after ReLU) → ReLU → {@code pool} → flatten → Gemm. */
    private static Graph pooled(long seed, int c, int h, int w, Node pool, long pooledFeatures, int classes) {
        Random r = new Random(seed);
        return Graph.builder("pooled").input("x", -1, c, h, w)
                .node(ConvNode.builder("conv").input("x").output("c").weight(gaussian(r, 3, c, 3, 3))
                        .bias(gaussian(r, 3).subi(0.5)).pads(1).build())
                .node(new ReluNode("relu", "c", "r"))
                .node(pool)
                .node(new FlattenNode("flat", "p", "f", 1))
                .node(new GemmNode("fc", "f", "y", gaussian(r, classes, 3 * pooledFeatures), gaussian(r, classes)))
                .output("y").build();
    }

    private static void assertEveryTarget(Graph g, int c, int h, int w, long seed) {
        Random r = new Random(seed);
        INDArray one = gaussian(r, 1, c, h, w);
        INDArray many = gaussian(r, 5, c, h, w);
        assertAgrees(g, one, Target.classIndex(1));
        assertAgrees(g, many, Target.classIndex(3));
        assertAgrees(g, many, Target.perRow(0, 3, 2, 1, 1));
        assertAgrees(g, one, Target.predicted());
        assertAgrees(g, many, Target.predicted());
    }

    @ParameterizedTest
    @MethodSource("maxWindows")
    void maxPoolOverAnyWindowsAgreesWithTheStepEngine(int[] geometry) {
        Window2d w = window(geometry);
        int h = 11;
        int wd = 10;
        long features = w.outH(h) * w.outW(wd);
        Graph g = withEngine(pooled(geometry[0] * 7L + geometry[2], 2, h, wd,
                new MaxPoolNode("pool", "r", "p", w, false), features, 4));
        assertEveryTarget(g, 2, h, wd, geometry[3] + 31L * geometry[6]);
    }

    /** c, h, w; kh, kw, sh, sw, top, left, bottom, right; count_include_pad (1 or 0). */
    static Stream<Arguments> averageWindows() {
        return Stream.of(
                Arguments.of(new int[] {2, 11, 10, 3, 3, 2, 2, 1, 1, 1, 1, 1}),
                Arguments.of(new int[] {2, 11, 10, 3, 3, 2, 2, 1, 1, 1, 1, 0}),
                Arguments.of(new int[] {1, 8, 8, 2, 2, 2, 2, 0, 0, 0, 0, 1}),
                Arguments.of(new int[] {3, 9, 12, 3, 2, 1, 2, 1, 0, 2, 1, 0}),
                Arguments.of(new int[] {3, 9, 12, 3, 2, 1, 2, 1, 0, 2, 1, 1}),
                Arguments.of(new int[] {2, 10, 11, 3, 3, 3, 3, 0, 0, 0, 0, 1}));
    }

    @ParameterizedTest
    @MethodSource("averageWindows")
    void averagePoolAgreesWithTheStepEngine(int[] a) {
        Window2d w = Window2d.of(a[3], a[4]).strides(a[5], a[6]).pads(a[7], a[8], a[9], a[10]);
        long features = w.outH(a[1]) * w.outW(a[2]);
        Graph g = withEngine(pooled(a[1] * 13L + a[11], a[0], a[1], a[2],
                new AvgPoolNode("pool", "r", "p", w, a[11] == 1, false), features, 4));
        assertEveryTarget(g, a[0], a[1], a[2], a[4] + 17L * a[11]);
    }

    /** MaxPool → flatten → Gemm without bias on input {@code c×h×w}. */
    private static Graph poolOnly(Window2d w, int c, int h, int wd, INDArray fc) {
        return Graph.builder("pool").input("x", -1, c, h, wd)
                .node(new MaxPoolNode("pool", "x", "p", w, false))
                .node(new FlattenNode("flat", "p", "f", 1))
                .node(new GemmNode("fc", "f", "y", fc, null))
                .output("y").build();
    }

    /**
     * Every input value equal: each window's upstream value goes to its first position inside the input in row-major
     * order, and a position that is first in several windows gets their sum, added in the windows' row-major order
     * (the rule written out here, float for float). Ties going to a window's last maximum put them elsewhere.
     */
    @ParameterizedTest
    @MethodSource("maxWindows")
    void tiesInAnyWindowsGoToTheFirstMaximum(int[] geometry) {
        Window2d w = window(geometry);
        int c = 2;
        int h = 9;
        int wd = 8;
        int oh = (int) w.outH(h);
        int ow = (int) w.outW(wd);
        INDArray fc = gaussian(new Random(geometry[0] + 3L * geometry[2]), 3, c * oh * ow);
        Graph g = withEngine(poolOnly(w, c, h, wd, fc));
        INDArray x = Nd4j.valueArrayOf(new long[] {2, c, h, wd}, 0.5f);
        float[] up = HostArrays.floats(fc.getRow(1).dup());
        float[] expected = new float[2 * c * h * wd];
        for (int n = 0; n < 2; n++) {
            for (int p = 0; p < c; p++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int at = firstInside(w, h, wd, i, j);
                        expected[((n * c + p) * h + at / wd) * wd + at % wd] += up[(p * oh + i) * ow + j];
                    }
                }
            }
        }
        Gradients fast = g.gradients(x, Target.classIndex(1));
        assertThat(passes(g)).isEqualTo(1);
        assertSameNumbers(fast.inputGradient(), Nd4j.create(expected, new long[] {2, c, h, wd}, 'c'));
        assertSameNumbers(fast.inputGradient(), g.toBuilder().build().gradients(x, Target.classIndex(1))
                .inputGradient());
    }

    /** The plane position of window (i, j)'s first tap inside an h×w input, in row-major window order. */
    private static int firstInside(Window2d w, int h, int wd, int i, int j) {
        for (int a = 0; a < w.kernelH(); a++) {
            int r = i * w.strideH() - w.padTop() + a * w.dilationH();
            for (int b = 0; b < w.kernelW(); b++) {
                int col = j * w.strideW() - w.padLeft() + b * w.dilationW();
                if (r >= 0 && r < h && col >= 0 && col < wd) {
                    return r * wd + col;
                }
            }
        }
        throw new AssertionError("a window outside the input");
    }

    /**
     * Few levels (zeros and equal values in most windows) with overlapping windows: the step engine's sums at the
     * positions several windows share, the same numbers.
     */
    @Test
    void overlappingTiesWithFewLevelsGiveTheStepEnginesNumbers() {
        Random r = new Random(8);
        Window2d w = Window2d.of(3, 3).strides(2, 2).pads(1);
        INDArray fc = gaussian(r, 5, 3 * 7 * 7);
        Graph g = withEngine(poolOnly(w, 3, 13, 13, fc));
        float[] v = new float[4 * 3 * 13 * 13];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(4) < 2 ? 0f : 1f + r.nextInt(2);
        }
        INDArray x = Nd4j.create(v, new long[] {4, 3, 13, 13}, 'c');
        assertSameNumbersAsStep(g, x, Target.classIndex(4), Target.perRow(0, 3, 2, 2), Target.predicted());
        assertThat(passes(g)).isEqualTo(3L * OnnxRuntimeGradientsTest.CONV_THREADS.length);
    }

    /** Ceil mode stays on the graph (ONNX Runtime 1.20 keeps a window the graph drops). */
    @Test
    void ceilModePoolsFallBack() {
        Random r = new Random(4);
        GraphBuilder b = Graph.builder("ceil").input("x", -1, 1, 7, 7)
                .node(new MaxPoolNode("p", "x", "m", Window2d.of(2, 2).strides(2, 2), true))
                .node(new FlattenNode("f", "m", "fl", 1))
                .node(new GemmNode("fc", "fl", "y", gaussian(r, 3, 16), null));
        assertThat(OnnxRuntimeGradients.of(b.output("y").build())).isNull();
        GraphBuilder a = Graph.builder("ceilAvg").input("x", -1, 1, 7, 7)
                .node(new AvgPoolNode("p", "x", "m", Window2d.of(2, 2).strides(2, 2), true, true))
                .node(new FlattenNode("f", "m", "fl", 1))
                .node(new GemmNode("fc", "fl", "y", gaussian(r, 3, 16), null));
        assertThat(OnnxRuntimeGradients.of(a.output("y").build())).isNull();
    }
}
