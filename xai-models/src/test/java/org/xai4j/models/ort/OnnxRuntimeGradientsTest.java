package org.xai4j.models.ort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xai4j.models.ort.OnnxRuntimeConvolutionTest.gaussian;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.GraphBuilder;
import org.xai4j.core.graph.node.AddNode;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.FlattenNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.IdentityNode;
import org.xai4j.core.graph.node.MatMulNode;
import org.xai4j.core.graph.node.MaxPoolNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.graph.node.ReshapeNode;
import org.xai4j.core.graph.node.SigmoidNode;
import org.xai4j.core.graph.node.Window2d;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;

/**
 * The whole-pass gradient engine on ONNX Runtime against the graph's own step-by-step pass (the reference: each
 * node's backward is tested against finite differences and PyTorch in {@code xai-core}), on small graphs built here:
 * the output and the input gradient agree to 1e-6 of the largest magnitude; where no convolution sits on the path
 * (one-hot seeds through Gemm, ReLU masks and max-pool routing move values without rounding) every value is the same
 * number (a zero's sign may differ).
 * Plus finite differences on one model, fallbacks, untouched inputs and threads sharing one graph.
 */
class OnnxRuntimeGradientsTest {
    /**
     * A small CNN: conv (window {@code w1}, groups 1) → ReLU → max pool (window {@code k}) → conv ({@code w2},
     * {@code groups}) → ReLU → flatten → Gemm, input {@code c}×{@code h}×{@code w}; the first conv's bias is shifted
     * down so many ReLU outputs are zero (all-zero pooling windows).
     */
    private static Graph cnn(long seed, int c, int h, int w, Window2d w1, int k, Window2d w2, int groups, int classes) {
        Random r = new Random(seed);
        int c1 = 4;
        int c2 = 4;
        INDArray k1 = gaussian(r, c1, c, w1.kernelH(), w1.kernelW());
        INDArray b1 = gaussian(r, c1).subi(0.8);
        INDArray k2 = gaussian(r, c2, c1 / groups, w2.kernelH(), w2.kernelW()).muli(0.5);
        INDArray b2 = gaussian(r, c2);
        Window2d pool = Window2d.of(k, k).strides(k, k);
        long ph = w1.outH(h) / k;
        long pw = w1.outW(w) / k;
        long features = c2 * w2.outH(ph) * w2.outW(pw);
        INDArray fc = gaussian(r, classes, features).muli(0.3);
        INDArray fb = gaussian(r, classes);
        return Graph.builder("cnn").input("x", -1, c, h, w)
                .node(ConvNode.builder("conv1").input("x").output("c1").weight(k1).bias(b1)
                        .strides(w1.strideH(), w1.strideW()).dilations(w1.dilationH(), w1.dilationW())
                        .pads(w1.padTop(), w1.padLeft(), w1.padBottom(), w1.padRight()).build())
                .node(new ReluNode("relu1", "c1", "r1"))
                .node(new MaxPoolNode("pool", "r1", "p1", pool, false))
                .node(ConvNode.builder("conv2").input("p1").output("c2").weight(k2).bias(b2).groups(groups)
                        .strides(w2.strideH(), w2.strideW()).dilations(w2.dilationH(), w2.dilationW())
                        .pads(w2.padTop(), w2.padLeft(), w2.padBottom(), w2.padRight()).build())
                .node(new ReluNode("relu2", "c2", "r2"))
                .node(new FlattenNode("flat", "r2", "f", 1))
                .node(new GemmNode("fc", "f", "y", fc, fb))
                .output("y").build();
    }

    /** The graph with the engine attached (asserted), and the engine. */
    static Graph withEngine(Graph g) {
        OnnxRuntimeGradients e = OnnxRuntimeGradients.of(g);
        assertThat(e).as("gradient engine for " + g).isNotNull();
        return g.withGradientEngine(e);
    }

    static long passes(Graph g) {
        return ((OnnxRuntimeGradients) g.gradientEngine().orElseThrow()).passes();
    }

    /** Every value the same number ({@code ==}: a zero's sign may differ, see {@link GradientModels}). */
    static void assertSameNumbers(INDArray a, INDArray b) {
        assertThat(a.shape()).isEqualTo(b.shape());
        float[] x = org.xai4j.core.util.HostArrays.floats(a);
        float[] y = org.xai4j.core.util.HostArrays.floats(b);
        for (int i = 0; i < x.length; i++) {
            if (x[i] != y[i]) {
                throw new AssertionError("element " + i + ": " + x[i] + " != " + y[i]);
            }
        }
    }

    /** The same shape and every value the same bits ({@code -0.0} is not {@code 0.0}, NaN equals NaN). */
    static void assertSameBits(INDArray a, INDArray b) {
        assertThat(a.shape()).isEqualTo(b.shape());
        assertThat(java.util.Arrays.equals(org.xai4j.core.util.HostArrays.floats(a),
                org.xai4j.core.util.HostArrays.floats(b))).as("the same bits").isTrue();
    }

    /** Largest absolute difference over the largest magnitude of the reference. */
    static double relative(INDArray a, INDArray reference) {
        double scale = Math.max(reference.amaxNumber().doubleValue(), 1e-30);
        return a.castTo(DataType.DOUBLE).sub(reference.castTo(DataType.DOUBLE)).amaxNumber().doubleValue() / scale;
    }

    /** For each target, the same numbers as the step engine, output and input gradient ({@link #assertSameNumbers}). */
    static void assertSameNumbersAsStep(Graph g, INDArray x, Target... targets) {
        for (String threads : CONV_THREADS) {
            withConvThreads(threads, () -> {
                for (Target t : targets) {
                    long runs = passes(g);
                    Gradients fast = g.gradients(x, t);
                    assertThat(passes(g)).as("the engine ran").isEqualTo(runs + 1);
                    Gradients step = g.toBuilder().build().gradients(x, t);
                    assertSameNumbers(fast.inputGradient(), step.inputGradient());
                    assertSameNumbers(fast.output(), step.output());
                }
                return null;
            });
        }
    }

    /**
     * The thread settings every comparison with the step engine runs under: one thread (a pass is one call) and two
     * (a pass of several rows is cut into ranges, as users get it by default on two cores; the tests' JVM has
     * {@code OMP_NUM_THREADS=1}).
     */
    static final String[] CONV_THREADS = {"1", "2"};

    /**
     * {@code g}'s input gradient of class {@code cls} on one row {@code x} against central differences (step 1e-4) of
     * the double-precision graph at the first {@code count} input positions: the largest gap over the gradient's
     * largest magnitude.
     */
    static double finiteDifferenceError(Graph g, INDArray x, int cls, int count) {
        INDArray dx = g.gradients(x, Target.classIndex(cls)).inputGradient();
        Graph exact = g.toBuilder().build().castTo(DataType.DOUBLE);
        INDArray xd = x.castTo(DataType.DOUBLE);
        double eps = 1e-4;
        double worst = 0;
        for (int i = 0; i < count; i++) {
            INDArray up = xd.dup();
            INDArray down = xd.dup();
            up.putScalar(i, xd.getDouble(i) + eps);
            down.putScalar(i, xd.getDouble(i) - eps);
            double fd = (exact.predict(up).getDouble(0, cls) - exact.predict(down).getDouble(0, cls)) / (2 * eps);
            worst = Math.max(worst, Math.abs(fd - dx.getDouble(i)));
        }
        return worst / dx.amaxNumber().doubleValue();
    }

    static void assertAgrees(Graph g, INDArray x, Target t) {
        for (String threads : CONV_THREADS) {
            withConvThreads(threads, () -> {
                agrees(g, x, t);
                return null;
            });
        }
    }

    private static void agrees(Graph g, INDArray x, Target t) {
        INDArray before = x.dup();
        long runs = passes(g);
        Gradients fast = g.gradients(x, t);
        assertThat(passes(g)).as("the engine ran").isEqualTo(runs + 1);
        Gradients step = g.toBuilder().build().gradients(x, t);
        assertThat(x).isEqualTo(before);
        assertThat(fast.output().shape()).isEqualTo(step.output().shape());
        assertThat(fast.inputGradient().shape()).isEqualTo(x.shape());
        assertThat(relative(fast.output(), step.output())).isLessThan(1e-6);
        assertThat(relative(fast.inputGradient(), step.inputGradient())).isLessThan(1e-6);
        assertThat(step.inputGradient().amaxNumber().doubleValue()).as("a gradient reaches the input").isPositive();
    }

    /** c, h, w; conv1 kh, kw, sh, sw, dh, dw, top, left, bottom, right; pool k; conv2 the same ten, groups. */
    static Stream<Arguments> geometries() {
        return Stream.of(
                Arguments.of(new int[] {1, 28, 28, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1}),
                Arguments.of(new int[] {3, 17, 15, 3, 3, 2, 2, 1, 1, 1, 0, 1, 1, 2, 3, 2, 2, 1, 1, 1, 1, 0, 0, 1, 2}),
                Arguments.of(new int[] {2, 16, 13, 5, 3, 1, 2, 1, 1, 2, 1, 0, 1, 3, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0, 4}),
                Arguments.of(new int[] {2, 19, 19, 3, 3, 1, 1, 2, 2, 0, 0, 0, 0, 2, 3, 3, 3, 3, 1, 1, 2, 2, 1, 1, 1}),
                Arguments.of(new int[] {1, 12, 14, 4, 4, 1, 1, 1, 1, 2, 1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, 2}));
    }

    private static Window2d window(int[] g, int at) {
        return Window2d.of(g[at], g[at + 1]).strides(g[at + 2], g[at + 3]).dilations(g[at + 4], g[at + 5])
                .pads(g[at + 6], g[at + 7], g[at + 8], g[at + 9]);
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void cnnAgreesWithTheStepEngineForEveryTargetKindAndBatchSize(int[] g) {
        Graph graph = withEngine(cnn(g[1] * 31L + g[2], g[0], g[1], g[2], window(g, 3), g[13], window(g, 14), g[24],
                6));
        Random r = new Random(g[1] + 7L * g[2]);
        INDArray one = gaussian(r, 1, g[0], g[1], g[2]);
        INDArray many = gaussian(r, 5, g[0], g[1], g[2]);
        assertAgrees(graph, one, Target.classIndex(2));
        assertAgrees(graph, many, Target.classIndex(5));
        assertAgrees(graph, many, Target.perRow(0, 3, 5, 1, 1));
        assertAgrees(graph, one, Target.predicted());
        assertAgrees(graph, many, Target.predicted());
    }

    /**
     * Max pooling on inputs full of ties (few levels; zero rows and equal non-zero values in most windows) → Flatten →
     * Gemm: no rounding anywhere on the way back, so the same numbers as the step engine (whose max-pool gradient is
     * tested bit for bit against libnd4j), ties going to the first maximum in row-major order.
     */
    @Test
    void maxPoolTiesGoToTheFirstMaximumAsInTheStepEngine() {
        Random r = new Random(5);
        for (int k : new int[] {2, 3}) {
            int h = 4 * k + 1;
            INDArray w = gaussian(r, 7, 3 * (h / k) * (h / k));
            Graph g = withEngine(Graph.builder("pool").input("x", -1, 3, h, h)
                    .node(new ReluNode("relu", "x", "r"))
                    .node(new MaxPoolNode("pool", "r", "p", Window2d.of(k, k).strides(k, k), false))
                    .node(new FlattenNode("flat", "p", "f", 1))
                    .node(new GemmNode("fc", "f", "y", w, null))
                    .output("y").build());
            float[] v = new float[4 * 3 * h * h];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextInt(4) - 1.5f < 0 ? 0f : 1f + r.nextInt(2);
            }
            INDArray x = Nd4j.create(v, new long[] {4, 3, h, h}, 'c');
            assertSameNumbersAsStep(g, x, Target.classIndex(4), Target.perRow(0, 6, 2, 2), Target.predicted());
            assertThat(passes(g)).isEqualTo(3L * CONV_THREADS.length);
        }
    }

    /** Gemm with transA (rows on the second axis), MatMul with a constant, Add of two branches and of a bias. */
    @Test
    void gemmTransposesMatMulAddReshapeAndIdentityAgree() {
        Random r = new Random(11);
        Graph transposed = withEngine(Graph.builder("transA").input("x", 2, 5)
                .node(new GemmNode("g1", "x", "h", gaussian(r, 2, 2), gaussian(r, 2), true))
                .node(new ReluNode("relu", "h", "hr"))
                .node(new GemmNode("g2", "hr", "y", gaussian(r, 3, 5), gaussian(r, 1, 3), true))
                .output("y").build());
        assertAgrees(transposed, gaussian(r, 2, 5), Target.classIndex(1));
        assertAgrees(transposed, gaussian(r, 2, 5), Target.predicted());

        GraphBuilder b = Graph.builder("branches").input("x", -1, 2, 3, 4)
                .constant("m", gaussian(r, 24, 6))
                .constant("bias", gaussian(r, 1, 6))
                .constant("m2", gaussian(r, 6, 4))
                .node(new ReshapeNode("reshape", "x", "flat", new long[] {-1, 24}, false))
                .node(new MatMulNode("mm", "flat", "m", "a"))
                .node(new AddNode("biased", "a", "bias", "ab"))
                .node(new ReluNode("relu", "ab", "left"))
                .node(new IdentityNode("dropout", "ab", "right", "Dropout"))
                .node(new AddNode("join", "left", "right", "joined"))
                .node(new MatMulNode("mm2", "joined", "m2", "y"));
        Graph branches = withEngine(b.output("y").build());
        assertAgrees(branches, gaussian(r, 1, 2, 3, 4), Target.classIndex(3));
        assertAgrees(branches, gaussian(r, 6, 2, 3, 4), Target.perRow(0, 1, 2, 3, 0, 1));
        assertAgrees(branches, gaussian(r, 6, 2, 3, 4), Target.predicted());
    }

    /** The engine's gradient of the demo-like CNN against central differences of the double-precision graph. */
    @Test
    void inputGradientMatchesFiniteDifferences() {
        Graph g = withEngine(cnn(3, 1, 10, 10, Window2d.of(3, 3).pads(1), 2, Window2d.of(3, 3).strides(2, 2), 1, 4));
        assertThat(finiteDifferenceError(g, gaussian(new Random(9), 1, 1, 10, 10), 2, 100)).isLessThan(1e-3);
        assertThat(passes(g)).isEqualTo(1);
    }

    /** Nodes without a gradient model, and passes the engine does not serve, stay on the graph. */
    @Test
    void unsupportedGraphsShapesAndTargetsFallBack() {
        Random r = new Random(2);
        Graph sigmoid = Graph.builder("sigmoid").input("x", -1, 4)
                .node(new SigmoidNode("s", "x", "h"))
                .node(new GemmNode("fc", "h", "y", gaussian(r, 3, 4), null)).output("y").build();
        assertThat(OnnxRuntimeGradients.of(sigmoid)).isNull();
        // (pools in ceil mode: OnnxRuntimeGradientPoolsTest)

        // an input-dependent operand broadcast by Add: declined when the model is written, the step engine runs
        Graph broadcast = withEngine(Graph.builder("broadcast").input("x", -1, 1)
                .constant("row", gaussian(r, 1, 3))
                .node(new AddNode("add", "x", "row", "y")).output("y").build());
        INDArray x = gaussian(r, 4, 1);
        Gradients g = broadcast.gradients(x, Target.classIndex(1));
        assertThat(passes(broadcast)).isZero();
        assertThat(g.inputGradient()).isEqualTo(broadcast.toBuilder().build().gradients(x, Target.classIndex(1))
                .inputGradient());

        Graph cnn = withEngine(cnn(1, 1, 8, 8, Window2d.of(3, 3).pads(1), 2, Window2d.of(3, 3), 1, 3));
        INDArray in = gaussian(r, 2, 1, 8, 8);
        Target function = Target.function("sum", y -> y.sum(1), y -> Nd4j.onesLike(y));
        Gradients viaGraph = cnn.gradients(in, function);
        assertThat(passes(cnn)).isZero();
        assertThat(viaGraph.inputGradient()).isEqualTo(cnn.toBuilder().build().gradients(in, function).inputGradient());
        // other passes stay on the graph too
        cnn.backward(in, Target.classIndex(1), List.of("relu1"));
        assertThat(passes(cnn)).isZero();
        // a bad class is refused in the user's words, as by the step engine
        assertThatThrownBy(() -> cnn.gradients(in, Target.classIndex(3))).isInstanceOf(InvalidTargetException.class)
                .hasMessageContaining("class index 3 is outside the model's 3 outputs");
        assertThatThrownBy(() -> cnn.gradients(in, Target.perRow(0, 1, 2))).isInstanceOf(InvalidTargetException.class)
                .hasMessageContaining("3 class indices but the batch has 2 rows");
    }

    @Test
    void provenanceNamesTheEngineAndDerivedGraphsDropIt() {
        Graph g = withEngine(cnn(1, 1, 8, 8, Window2d.of(3, 3).pads(1), 2, Window2d.of(3, 3), 1, 3));
        assertThat(g.engine()).isEqualTo("graph; gradient passes: onnxruntime");
        assertThat(g.toBuilder().build().engine()).isEqualTo("graph");
        assertThat(g.castTo(DataType.DOUBLE).gradientEngine()).isEmpty();
        assertThat(g.withBatchPolicy(BatchPolicy.ofRows(2)).gradientEngine()).isPresent();
    }

    /** Chunks of the batch policy are run one by one, their rows' targets with them. */
    @Test
    void batchPolicyChunksAgree() {
        Graph g = withEngine(cnn(4, 1, 8, 8, Window2d.of(3, 3).pads(1), 2, Window2d.of(3, 3), 1, 3))
                .withBatchPolicy(BatchPolicy.ofRows(2));
        INDArray x = gaussian(new Random(4), 5, 1, 8, 8);
        Gradients chunked = g.gradients(x, Target.perRow(0, 1, 2, 0, 1));
        assertThat(passes(g)).isEqualTo(3);
        Gradients step = g.toBuilder().build().gradients(x, Target.perRow(0, 1, 2, 0, 1));
        assertThat(relative(chunked.inputGradient(), step.inputGradient())).isLessThan(1e-6);
        assertThat(relative(chunked.output(), step.output())).isLessThan(1e-6);
        // the engine's arrays (and the chunks joined) are made for the call: the caller may write them
        assertThat(chunked.callerOwned()).isTrue();
        assertThat(g.gradients(x.get(NDArrayIndex.interval(0, 2)), Target.perRow(0, 1)).callerOwned()).isTrue();
        assertThat(step.callerOwned()).as("the step engine does not say so").isFalse();
    }

    /**
     * With two threads allowed, a pass of 5 rows is cut into rows 0–1 and 2–4, run side by side on one-thread calls:
     * the same bits as each range's own pass with one thread allowed (then one call), for per-row classes and the
     * predicted class; one thread allowed, no cut.
     */
    @Test
    void rowRangesSideBySideGiveEachRangesOwnPass() {
        Graph g = withEngine(cnn(8, 2, 10, 10, Window2d.of(3, 3).pads(1), 2, Window2d.of(3, 3), 1, 4));
        INDArray x = gaussian(new Random(8), 5, 2, 10, 10);
        Target[] targets = {Target.perRow(0, 1, 2, 3, 1), Target.predicted()};
        Gradients[] cut = withConvThreads("2", () -> {
            assertThat(OnnxRuntimeGradients.parts(5)).isEqualTo(2);
            assertThat(OnnxRuntimeGradients.parts(1)).isEqualTo(1);
            long before = passes(g);
            Gradients[] both = {g.gradients(x, targets[0]), g.gradients(x, targets[1])};
            assertThat(passes(g) - before).as("the engine ran both").isEqualTo(2);
            return both;
        });
        withConvThreads("1", () -> {
            assertThat(OnnxRuntimeGradients.parts(5)).isEqualTo(1);
            long before = passes(g);
            for (int t = 0; t < targets.length; t++) {
                Target first = t == 0 ? Target.perRow(0, 1) : targets[1];
                Target second = t == 0 ? Target.perRow(2, 3, 1) : targets[1];
                Gradients a = g.gradients(x.get(NDArrayIndex.interval(0, 2)).dup(), first);
                Gradients b = g.gradients(x.get(NDArrayIndex.interval(2, 5)).dup(), second);
                assertSameBits(cut[t].inputGradient(), Nd4j.concat(0, a.inputGradient(), b.inputGradient()));
                assertSameBits(cut[t].output(), Nd4j.concat(0, a.output(), b.output()));
            }
            assertThat(passes(g) - before).isEqualTo(4);
            return null;
        });
        assertThat(relative(cut[0].inputGradient(), g.toBuilder().build().gradients(x, targets[0]).inputGradient()))
                .isLessThan(1e-6);
    }

    /**
     * {@code body}'s result with {@code -Dxai4j.conv.threads} set to {@code threads} (the tests' JVM runs with
     * {@code OMP_NUM_THREADS=1}, so the engine cuts no pass into row ranges unless a test allows more threads).
     */
    static <T> T withConvThreads(String threads, java.util.function.Supplier<T> body) {
        String old = System.getProperty("xai4j.conv.threads");
        System.setProperty("xai4j.conv.threads", threads);
        try {
            return body.get();
        } finally {
            if (old == null) {
                System.clearProperty("xai4j.conv.threads");
            } else {
                System.setProperty("xai4j.conv.threads", old);
            }
        }
    }

    /** Eight threads sharing one graph get what one thread gets, with one and with two threads allowed a pass. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"1", "2"})
    void threadsSharingOneGraphGetTheSingleThreadedResults(String convThreads) {
        withConvThreads(convThreads, () -> {
            try {
                threadsSharingOneGraph();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return null;
        });
    }

    private static void threadsSharingOneGraph() throws Exception {
        Graph g = withEngine(cnn(6, 1, 12, 12, Window2d.of(3, 3).pads(1), 2, Window2d.of(3, 3), 1, 4));
        Random r = new Random(6);
        List<INDArray> inputs = new ArrayList<>();
        List<INDArray> expected = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            inputs.add(gaussian(r, 1 + i % 3, 1, 12, 12));
            expected.add(g.gradients(inputs.get(i), Target.classIndex(i % 4)).inputGradient());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<INDArray>> results = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < inputs.size(); i++) {
                    int k = i;
                    results.add(pool.submit(() -> g.gradients(inputs.get(k), Target.classIndex(k % 4))
                            .inputGradient()));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(expected.get(i % inputs.size()));
            }
        } finally {
            pool.shutdown();
        }
    }
}
