package org.xai4j.models.ort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xai4j.models.ort.OnnxRuntimeConvolutionTest.gaussian;
import static org.xai4j.models.ort.OnnxRuntimeGradientsTest.assertAgrees;
import static org.xai4j.models.ort.OnnxRuntimeGradientsTest.finiteDifferenceError;
import static org.xai4j.models.ort.OnnxRuntimeGradientsTest.passes;
import static org.xai4j.models.ort.OnnxRuntimeGradientsTest.relative;
import static org.xai4j.models.ort.OnnxRuntimeGradientsTest.withEngine;

import ai.onnxruntime.OrtEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.GraphBuilder;
import org.xai4j.core.graph.node.AddNode;
import org.xai4j.core.graph.node.BatchNormNode;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.FlattenNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.GlobalAvgPoolNode;
import org.xai4j.core.graph.node.MaxPoolNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.graph.node.Window2d;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.target.Target;
import org.xai4j.models.io.Npy;
import org.xai4j.models.onnx.OnnxImporter;

/**
 * The whole-pass gradient engine on ResNet-shaped graphs: batch normalisation (folded into its convolution or not),
 * global average pooling and residual additions, against the graph's step-by-step pass, finite differences and
 * PyTorch's autograd (the mini ResNet of the importer's tests, read from ONNX); plus the bounded session cache and
 * {@code -Dxai4j.conv=native}.
 */
class OnnxRuntimeGradientResNetTest {
    private static BatchNormNode batchNorm(Random r, String name, String in, String out, int c) {
        return BatchNormNode.of(name, in, out, gaussian(r, c).muli(0.3).addi(1), gaussian(r, c).muli(0.2),
                gaussian(r, c).muli(0.1), gaussian(r, c).muli(0.1).addi(1), 1e-5);
    }

    private static ConvNode conv(Random r, String name, String in, String out, int cin, int cout, int k, int stride) {
        return ConvNode.builder(name).input(in).output(out).weight(gaussian(r, cout, cin, k, k).muli(0.4))
                .bias(gaussian(r, cout).muli(0.1)).strides(stride, stride).pads(k / 2).build();
    }

    /**
     * conv 3×3 − BN − ReLU − max pool 3×3/2 pad 1 − a basic block (conv-BN-ReLU-conv-BN + the identity) − ReLU − a
     * down-sampling block (stride 2, the shortcut a 1×1 conv-BN) − ReLU − global average pool − flatten − Gemm.
     */
    static Graph resnet(long seed, int c, int size, int classes) {
        Random r = new Random(seed);
        int w = 6;
        return Graph.builder("resnet").input("x", -1, c, size, size)
                .node(conv(r, "conv1", "x", "c1", c, w, 3, 1))
                .node(batchNorm(r, "bn1", "c1", "b1", w))
                .node(new ReluNode("relu1", "b1", "r1"))
                .node(new MaxPoolNode("pool", "r1", "p", Window2d.of(3, 3).strides(2, 2).pads(1), false))
                .node(conv(r, "conv2", "p", "c2", w, w, 3, 1))
                .node(batchNorm(r, "bn2", "c2", "b2", w))
                .node(new ReluNode("relu2", "b2", "r2"))
                .node(conv(r, "conv3", "r2", "c3", w, w, 3, 1))
                .node(batchNorm(r, "bn3", "c3", "b3", w))
                .node(new AddNode("add1", "b3", "p", "a1"))
                .node(new ReluNode("relu3", "a1", "r3"))
                .node(conv(r, "conv4", "r3", "c4", w, 2 * w, 3, 2))
                .node(batchNorm(r, "bn4", "c4", "b4", 2 * w))
                .node(new ReluNode("relu4", "b4", "r4"))
                .node(conv(r, "conv5", "r4", "c5", 2 * w, 2 * w, 3, 1))
                .node(batchNorm(r, "bn5", "c5", "b5", 2 * w))
                .node(conv(r, "down", "r3", "d", w, 2 * w, 1, 2))
                .node(batchNorm(r, "bnd", "d", "bd", 2 * w))
                .node(new AddNode("add2", "b5", "bd", "a2"))
                .node(new ReluNode("relu5", "a2", "r5"))
                .node(new GlobalAvgPoolNode("gap", "r5", "g"))
                .node(new FlattenNode("flat", "g", "f", 1))
                .node(new GemmNode("fc", "f", "y", gaussian(r, classes, 2 * w).muli(0.5), gaussian(r, classes)))
                .output("y").build();
    }

    @Test
    void resnetBlockAgreesWithTheStepEngineForEveryTargetKindAndBatchSize() {
        for (int size : new int[] {16, 13}) {
            Graph g = withEngine(resnet(size, 3, size, 7));
            assertThat(GradientModels.foldedBatchNorms(g)).hasSize(6);
            Random r = new Random(size + 1L);
            assertAgrees(g, gaussian(r, 1, 3, size, size), Target.classIndex(2));
            assertAgrees(g, gaussian(r, 5, 3, size, size), Target.classIndex(6));
            assertAgrees(g, gaussian(r, 5, 3, size, size), Target.perRow(0, 3, 6, 1, 1));
            assertAgrees(g, gaussian(r, 1, 3, size, size), Target.predicted());
            assertAgrees(g, gaussian(r, 5, 3, size, size), Target.predicted());
        }
    }

    /**
     * Batch normalisations folded onto a convolution without a bias (the fold makes one) and onto a depthwise
     * convolution (groups = channels: one weight per output channel scaled).
     */
    @Test
    void foldsOntoConvolutionsWithoutBiasAndDepthwiseAgreeWithTheStepEngine() {
        Random r = new Random(31);
        GraphBuilder b = Graph.builder("folds").input("x", -1, 3, 11, 11)
                .node(ConvNode.builder("plain").input("x").output("c1").weight(gaussian(r, 6, 3, 3, 3).muli(0.4))
                        .pads(1).build())
                .node(batchNorm(r, "bn1", "c1", "b1", 6))
                .node(new ReluNode("relu1", "b1", "r1"))
                .node(ConvNode.builder("depthwise").input("r1").output("c2").weight(gaussian(r, 6, 1, 3, 3).muli(0.4))
                        .bias(gaussian(r, 6).muli(0.1)).groups(6).strides(2, 2).pads(1).build())
                .node(batchNorm(r, "bn2", "c2", "b2", 6))
                .node(new ReluNode("relu2", "b2", "r2"))
                .node(new GlobalAvgPoolNode("gap", "r2", "g"))
                .node(new FlattenNode("flat", "g", "f", 1))
                .node(new GemmNode("fc", "f", "y", gaussian(r, 4, 6), gaussian(r, 4)));
        Graph g = withEngine(b.output("y").build());
        assertThat(GradientModels.foldedBatchNorms(g)).containsOnlyKeys("plain", "depthwise");
        assertAgrees(g, gaussian(r, 1, 3, 11, 11), Target.classIndex(3));
        assertAgrees(g, gaussian(r, 5, 3, 11, 11), Target.perRow(0, 1, 2, 3, 0));
        assertAgrees(g, gaussian(r, 5, 3, 11, 11), Target.predicted());
    }

    /**
     * Batch normalisations that cannot be folded: on the graph's input, after a ReLU, on a convolution's output
     * that an Add reads too, and on N×C rows after a Gemm.
     */
    @Test
    void unfoldedBatchNormsAgreeWithTheStepEngine() {
        Random r = new Random(21);
        GraphBuilder b = Graph.builder("bn").input("x", -1, 2, 9, 9)
                .node(batchNorm(r, "bn0", "x", "b0", 2))
                .node(conv(r, "conv1", "b0", "c1", 2, 4, 3, 1))
                .node(batchNorm(r, "bn1", "c1", "b1", 4))
                .node(new AddNode("add", "b1", "c1", "a"))
                .node(new ReluNode("relu", "a", "r"))
                .node(batchNorm(r, "bn2", "r", "b2", 4))
                .node(new GlobalAvgPoolNode("gap", "b2", "g"))
                .node(new FlattenNode("flat", "g", "f", 1))
                .node(new GemmNode("fc1", "f", "h", gaussian(r, 5, 4), gaussian(r, 5)))
                .node(batchNorm(r, "bn3", "h", "b3", 5))
                .node(new ReluNode("relu2", "b3", "r2"))
                .node(new GemmNode("fc2", "r2", "y", gaussian(r, 3, 5), gaussian(r, 3)));
        Graph g = withEngine(b.output("y").build());
        assertThat(GradientModels.foldedBatchNorms(g)).isEmpty();
        assertAgrees(g, gaussian(r, 1, 2, 9, 9), Target.classIndex(1));
        assertAgrees(g, gaussian(r, 5, 2, 9, 9), Target.perRow(0, 1, 2, 1, 0));
        assertAgrees(g, gaussian(r, 5, 2, 9, 9), Target.predicted());
    }

    /** The engine's gradient of the ResNet block against central differences of the double-precision graph. */
    @Test
    void resnetGradientMatchesFiniteDifferences() {
        Graph g = withEngine(resnet(5, 2, 10, 4));
        assertThat(finiteDifferenceError(g, gaussian(new Random(9), 1, 2, 10, 10), 3, 200)).isLessThan(1e-3);
        assertThat(passes(g)).isEqualTo(1);
    }

    private static Path resource(String name) throws Exception {
        return Path.of(OnnxRuntimeGradientResNetTest.class.getResource("/org/xai4j/models/onnx/" + name).toURI());
    }

    /**
     * The mini ResNet read from ONNX (3×3 stride 2 max pooling with padding, residual additions, global average
     * pooling: ResNet-18's operators) takes the engine, and its gradient of the per-row classes is PyTorch
     * autograd's.
     */
    @Test
    void miniResNetFromOnnxRunsOnTheEngineAndMatchesPyTorch() throws Exception {
        Graph g = OnnxImporter.read(resource("resnet_mini_op13.onnx"));
        assertThat(g.engine()).isEqualTo("graph; forward passes: onnxruntime; gradient passes: onnxruntime");
        INDArray x = Npy.read(resource("resnet_mini_op13_x.npy")).castTo(DataType.FLOAT);
        long[] t = Npy.read(resource("resnet_mini_op13_targets.npy")).toLongVector();
        INDArray torch = Npy.read(resource("resnet_mini_op13_grad.npy"));
        Target target = Target.perRow((int) t[0], (int) t[1], (int) t[2]);
        Gradients fast = g.gradients(x, target);
        assertThat(passes(g)).isEqualTo(1);
        assertThat(relative(fast.inputGradient(), torch)).isLessThan(1e-4);
        Gradients step = g.toBuilder().build().gradients(x, target);
        assertThat(relative(fast.inputGradient(), step.inputGradient())).isLessThan(1e-6);
    }

    /** A graph for any input size (global average pooling before the Gemm). */
    private static Graph anySize(long seed) {
        Random r = new Random(seed);
        return Graph.builder("anySize").input("x", -1, 1, -1, -1)
                .node(conv(r, "conv", "x", "c", 1, 3, 3, 1))
                .node(new ReluNode("relu", "c", "r"))
                .node(new GlobalAvgPoolNode("gap", "r", "g"))
                .node(new FlattenNode("flat", "g", "f", 1))
                .node(new GemmNode("fc", "f", "y", gaussian(r, 2, 3), gaussian(r, 2)))
                .output("y").build();
    }

    /**
     * Rows of more shapes than the cache holds: at most {@link OnnxRuntimeGradients#SESSIONS} sessions stay, every
     * pass runs on the engine and gets the step engine's gradient, also for a shape whose session was closed, and
     * with threads evicting each other's sessions.
     */
    @Test
    void sessionCacheIsBoundedAndEvictedShapesStillWork() throws Exception {
        Graph g = withEngine(anySize(3));
        OnnxRuntimeGradients engine = (OnnxRuntimeGradients) g.gradientEngine().orElseThrow();
        Random r = new Random(3);
        List<INDArray> inputs = new ArrayList<>();
        List<INDArray> expected = new ArrayList<>();
        for (int size = 4; size < 16; size++) {
            INDArray x = gaussian(r, 1, 1, size, size + 1);
            inputs.add(x);
            expected.add(g.toBuilder().build().gradients(x, Target.classIndex(1)).inputGradient());
            assertAgrees(g, x, Target.classIndex(1));
            assertThat(engine.sessions()).isLessThanOrEqualTo(OnnxRuntimeGradients.SESSIONS);
        }
        assertThat(engine.sessions()).isEqualTo(OnnxRuntimeGradients.SESSIONS);
        assertThat(engine.openSessions()).isEqualTo(OnnxRuntimeGradients.SESSIONS);
        assertAgrees(g, inputs.get(0), Target.classIndex(1));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<INDArray>> results = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < inputs.size(); i++) {
                    INDArray x = inputs.get(i);
                    results.add(pool.submit(() -> g.gradients(x, Target.classIndex(1)).inputGradient()));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(relative(results.get(i).get(), expected.get(i % inputs.size()))).isLessThan(1e-6);
            }
        } finally {
            pool.shutdown();
        }
        // every session compiled and no longer kept was closed
        assertThat(engine.openSessions()).isEqualTo(engine.sessions());
        assertThat(engine.sessions()).isLessThanOrEqualTo(OnnxRuntimeGradients.SESSIONS);
        // each assertAgrees runs the pass once per thread setting
        assertThat(passes(g)).isEqualTo(13L * OnnxRuntimeGradientsTest.CONV_THREADS.length + 6L * inputs.size());
    }

    /**
     * The cache in a fixed order: a session taken by a pass and evicted stays open until the pass gives it back; one
     * evicted while nobody holds it is closed at once; a second session made for a key already kept is closed; the
     * cleaner closes the rest.
     */
    @Test
    void sessionsAreClosedWhenEvictedAndNoLongerUsed() throws Exception {
        OrtEnvironment env = OnnxRuntimeConvolutions.environmentOrNull();
        byte[] model = GradientModels.model(anySize(5), new long[] {1, 4, 4}, false);
        OnnxRuntimeGradients.Compiled cache = new OnnxRuntimeGradients.Compiled();
        OnnxRuntimeGradients.Session taken = cache.add("taken", new OnnxRuntimeGradients.Session(
                env.createSession(model), 2));
        List<OnnxRuntimeGradients.Session> others = new ArrayList<>();
        for (int i = 0; i < OnnxRuntimeGradients.SESSIONS; i++) {
            others.add(cache.add("other " + i, new OnnxRuntimeGradients.Session(env.createSession(model), 2)));
            cache.release(others.get(i));
        }
        assertThat(cache.size()).isEqualTo(OnnxRuntimeGradients.SESSIONS);
        assertThat(taken.evicted).isTrue();
        assertThat(taken.closed).isFalse();
        assertThat(cache.open()).isEqualTo(OnnxRuntimeGradients.SESSIONS + 1);
        cache.release(taken);
        assertThat(taken.closed).isTrue();
        assertThat(cache.open()).isEqualTo(OnnxRuntimeGradients.SESSIONS);

        OnnxRuntimeGradients.Session last = cache.add("last", new OnnxRuntimeGradients.Session(
                env.createSession(model), 2));
        assertThat(others.get(0).closed).isTrue();
        assertThat(others.get(1).closed).isFalse();
        OnnxRuntimeGradients.Session twin = new OnnxRuntimeGradients.Session(env.createSession(model), 2);
        assertThat(cache.add("last", twin)).isSameAs(last);
        assertThat(twin.closed).isTrue();
        cache.release(last);
        cache.release(last);
        assertThat(last.closed).isFalse();
        assertThat(cache.open()).isEqualTo(OnnxRuntimeGradients.SESSIONS);
        cache.run();
        assertThat(cache.open()).isZero();
        assertThat(others.subList(1, others.size())).allMatch(s -> s.closed);
        assertThat(last.closed).isTrue();
    }

    /** {@code -Dxai4j.conv=native} asks for libnd4j's convolutions: no ONNX Runtime gradient engine either. */
    @Test
    void nativeConvolutionsTurnTheEngineOff() {
        Graph g = anySize(4);
        assertThat(OnnxRuntimeGradients.of(g)).isNotNull();
        System.setProperty("xai4j.conv", "native");
        try {
            assertThat(OnnxRuntimeGradients.of(g)).isNull();
        } finally {
            System.clearProperty("xai4j.conv");
        }
        System.setProperty("xai4j.conv", "onnxruntime");
        try {
            assertThat(OnnxRuntimeGradients.of(g)).isNotNull();
        } finally {
            System.clearProperty("xai4j.conv");
        }
    }
}
