package org.xai4j.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xai4j.core.graph.TestGraphs.g;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.ModelFormatException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.graph.node.BatchNormNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Rng;

/** The engine: gradients and layer gradients against finite differences, names, memory, threads, rules. */
class GraphTest {
    private static final double EPS = 1e-6;
    private final Graph graph = TestGraphs.residual();
    private final INDArray x = g(100, 3, 3, 8, 8);
    private final Target target = Target.perRow(1, 4, 0);

    private double score(INDArray output) {
        return target.scores(output).sumNumber().doubleValue();
    }

    /** Max-norm relative error of {@code analytic} against central differences of {@code f} at sampled coordinates. */
    private static double fdError(INDArray point, INDArray analytic, java.util.function.Function<INDArray, Double> f,
                                  int samples, long seed) {
        INDArray p = point.dup();
        INDArray flat = p.reshape(p.length());
        int[] perm = Rng.seeded(seed).permutation((int) p.length());
        double maxDiff = 0;
        double maxRef = 0;
        INDArray a = analytic.dup('c').reshape(analytic.length());
        for (int k = 0; k < Math.min(samples, perm.length); k++) {
            int j = perm[k];
            double v = flat.getDouble(j);
            flat.putScalar(j, v + EPS);
            double plus = f.apply(p);
            flat.putScalar(j, v - EPS);
            double minus = f.apply(p);
            flat.putScalar(j, v);
            double numeric = (plus - minus) / (2 * EPS);
            maxDiff = Math.max(maxDiff, Math.abs(numeric - a.getDouble(j)));
            maxRef = Math.max(maxRef, Math.abs(numeric));
        }
        return maxDiff / maxRef;
    }

    @Test
    void inputGradientMatchesFiniteDifferencesWithADifferentClassPerRow() {
        INDArray before = x.dup();
        Gradients gr = graph.gradients(x, target);
        assertThat(x).isEqualTo(before);
        assertThat(gr.inputGradient().shape()).isEqualTo(x.shape());
        double err = fdError(x, gr.inputGradient(), p -> score(graph.predict(p)), 120, 1);
        assertThat(err).isLessThan(1e-6);
        // Rows do not leak: row 0's gradient is the gradient of row 0's score alone.
        Gradients row0 = graph.gradients(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)), Target.classIndex(1));
        assertThat(row0.inputGradient().sub(gr.inputGradient().slice(0).reshape(1, 3, 8, 8)).amaxNumber().doubleValue())
                .isLessThan(1e-12);
    }

    @Test
    void layerGradientsMatchFiniteDifferencesOfEditedActivations() {
        List<String> layers = List.of("relu1", "add", "conv3", "gap", "se", "f");
        LayerPass pass = graph.backward(x, target, layers);
        LayerPass fwd = graph.forward(x, layers);
        for (String layer : layers) {
            INDArray act = pass.activation(layer);
            assertThat(act).as("activation of %s", layer).isEqualTo(fwd.activation(layer));
            INDArray grad = pass.gradient(layer);
            assertThat(grad.shape()).isEqualTo(act.shape());
            double err = fdError(act, grad, a -> score(graph.predictWithEdit(x, layer, ignored -> a.dup())), 40,
                    layer.hashCode());
            assertThat(err).as("gradient at %s", layer).isLessThan(1e-6);
        }
    }

    @Test
    void valueNamesAreAliasesOfTheirNodes() {
        LayerPass pass = graph.backward(x, target, List.of("r1", "relu1"));
        assertThat(pass.activation("r1")).isEqualTo(pass.activation("relu1"));
        assertThat(pass.gradient("r1")).isEqualTo(pass.gradient("relu1"));
        assertThat(graph.layerNames()).startsWith("conv1", "bn1", "relu1").endsWith("fc").hasSize(16);
    }

    @Test
    void unknownLayersListCloseMatches() {
        assertThatThrownBy(() -> graph.forward(x, List.of("conv_1")))
                .isInstanceOf(UnknownLayerException.class)
                .hasMessageContaining("'conv_1'").hasMessageContaining("'conv1'");
        assertThatThrownBy(() -> graph.predictWithEdit(x, "relu3", a -> a))
                .isInstanceOf(UnknownLayerException.class).hasMessageContaining("relu1");
        Composite c = Composite.builder().byName("cnv2", BackwardRule.gradient()).build();
        assertThatThrownBy(() -> graph.propagate(x, Propagation.builder().target(target).composite(c).build()))
                .isInstanceOf(UnknownLayerException.class).hasMessageContaining("conv2");
    }

    @Test
    void editsReplaceTheActivationDownstream() {
        // Zeroing the features before the classifier leaves its bias.
        INDArray out = graph.predictWithEdit(x, "fh", a -> a.muli(0));
        INDArray bias = g(12, 5);
        for (int i = 0; i < 3; i++) {
            assertThat(out.getRow(i).sub(bias).amaxNumber().doubleValue()).isLessThan(1e-12);
        }
        assertThat(graph.predictWithEdit(x, "conv2", a -> a)).isEqualTo(graph.predict(x));
        assertThatThrownBy(() -> graph.predictWithEdit(x, "conv2", a -> Nd4j.zeros(DataType.DOUBLE, 1, 2)))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("conv2");
    }

    @Test
    void chunkedPassesEqualOnePass() {
        Graph oneRow = graph.withBatchPolicy(BatchPolicy.ofRows(1));
        LayerPass a = graph.backward(x, target, List.of("conv2"));
        LayerPass b = oneRow.backward(x, target, List.of("conv2"));
        assertThat(b.output()).isEqualTo(a.output());
        assertThat(b.inputGradient().sub(a.inputGradient()).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(b.gradient("conv2").sub(a.gradient("conv2")).amaxNumber().doubleValue()).isLessThan(1e-12);
        Graph budget = graph.withBatchPolicy(new BatchPolicy(64, 20_000));
        assertThat(budget.gradients(x, target).inputGradient().sub(a.inputGradient()).amaxNumber().doubleValue())
                .isLessThan(1e-12);
    }

    @Test
    void concurrentCallsGiveTheSequentialResults() throws Exception {
        Graph f = graph.castTo(DataType.FLOAT);
        List<INDArray> inputs = new ArrayList<>();
        List<INDArray> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            INDArray in = g(200 + i, 2, 3, 8, 8).castTo(DataType.FLOAT);
            inputs.add(in);
            expected.add(f.gradients(in, Target.perRow(i % 5, (i + 2) % 5)).inputGradient());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<INDArray>> futures = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                for (int i = 0; i < 8; i++) {
                    final int k = i;
                    futures.add(pool.submit(() -> f.gradients(inputs.get(k), Target.perRow(k % 5, (k + 2) % 5))
                            .inputGradient()));
                }
            }
            for (int j = 0; j < futures.size(); j++) {
                assertThat(futures.get(j).get()).isEqualTo(expected.get(j % 8));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void intermediatesAreFreedEarlyWithoutCorruptingResults() {
        Execution fwd = new Execution(graph, Propagation.builder().layers("add").build(), Map.of());
        LayerPass p = fwd.run(x, null);
        assertThat(fwd.freedBytes()).isGreaterThan(0);
        Execution bwd = new Execution(graph, Propagation.builder().target(target).layers("add").build(), Map.of());
        LayerPass q = bwd.run(x, null);
        assertThat(bwd.freedBytes()).isGreaterThan(0);
        // What was returned is still intact after the pass released its intermediates.
        assertThat(q.activation("add")).isEqualTo(p.activation("add"));
        assertThat(q.output()).isEqualTo(graph.predict(x));
        assertThat(x).isEqualTo(g(100, 3, 3, 8, 8));
    }

    @Test
    void rulesArePluggablePerNodeAndSeeTheirContext() {
        AtomicInteger calls = new AtomicInteger();
        BackwardRule counting = ctx -> {
            calls.incrementAndGet();
            assertThat(ctx.node().name()).isEqualTo("relu2");
            assertThat(ctx.input(0).shape()).isEqualTo(ctx.inputShape(0));
            return ctx.gradient();
        };
        Composite c = Composite.builder().byName("relu2", counting).build();
        INDArray withRule = graph.propagate(x, Propagation.builder().target(target).composite(c).build()).inputGradient();
        assertThat(calls.get()).isEqualTo(1);
        assertThat(withRule).isEqualTo(graph.gradients(x, target).inputGradient());

        // A rule by type that blocks batch norm (every path passes bn1): nothing reaches the input.
        BackwardRule block = ctx -> new INDArray[] {ctx.upstream().mul(0)};
        Composite blocking = Composite.builder().byType(BatchNormNode.class, block).build();
        INDArray none = graph.propagate(x, Propagation.builder().target(target).composite(blocking).build()).inputGradient();
        assertThat(none.amaxNumber().doubleValue()).isEqualTo(0.0);
        // Blocking only the ReLUs leaves the residual path through bn1 → add.
        Composite relus = Composite.builder().byType(ReluNode.class, block).build();
        INDArray some = graph.propagate(x, Propagation.builder().target(target).composite(relus).build()).inputGradient();
        assertThat(some.amaxNumber().doubleValue()).isGreaterThan(0.0);
        assertThat(relus.ruleFor(graph.node("relu1"))).isSameAs(block);
        assertThat(relus.ruleFor(graph.node("conv1"))).isSameAs(BackwardRule.gradient());

        // A rule that keeps nothing cannot read values: a clear message, not a crash.
        BackwardRule careless = new BackwardRule() {
            @Override
            public INDArray[] backward(BackwardContext ctx) {
                return new INDArray[] {ctx.input(0)};
            }

            @Override
            public Retention retention(Node node) {
                return Retention.NONE;
            }
        };
        Composite bad = Composite.builder().byName("relu2", careless).build();
        assertThatThrownBy(() -> graph.propagate(x, Propagation.builder().target(target).composite(bad).build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("relu2").hasMessageContaining("retention");
        // A rule returning the wrong shape is named.
        Composite wrong = Composite.builder().byName("fc", ctx -> new INDArray[] {Nd4j.zeros(DataType.DOUBLE, 2, 2)})
                .build();
        assertThatThrownBy(() -> graph.propagate(x, Propagation.builder().target(target).composite(wrong).build()))
                .hasMessageContaining("'fc'").hasMessageContaining("[2, 2]");
    }

    @Test
    void referencePassesAreVisibleToRules() {
        INDArray reference = g(300, 1, 3, 8, 8);
        LayerPass refForward = graph.forward(reference, List.of("conv2", "r2"));
        AtomicInteger checked = new AtomicInteger();
        BackwardRule deepliftLike = ctx -> {
            assertThat(ctx.hasReference()).isTrue();
            for (int row = 0; row < 3; row++) {
                assertThat(ctx.referenceInput(0).slice(row)).isEqualTo(refForward.activation("conv2").slice(0));
                assertThat(ctx.referenceOutput().slice(row)).isEqualTo(refForward.activation("r2").slice(0));
            }
            checked.incrementAndGet();
            return ctx.gradient();
        };
        Composite c = Composite.builder().byName("relu2", deepliftLike).build();
        graph.propagate(x, Propagation.builder().target(target).composite(c).reference(reference).build());
        assertThat(checked.get()).isEqualTo(1);
        assertThatThrownBy(() -> graph.propagate(x, Propagation.builder().target(target)
                .reference(g(1, 2, 3, 8, 8)).build())).isInstanceOf(InvalidShapeException.class);
    }

    @Test
    void badInputsAndTargetsFailWithSpecificErrors() {
        assertThatThrownBy(() -> graph.predict(g(1, 2, 4, 8, 8)))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("[*, 3, 8, 8]").hasMessageContaining("[2, 4, 8, 8]");
        INDArray nan = x.dup();
        nan.putScalar(5, Double.NaN);
        assertThatThrownBy(() -> graph.predict(nan)).isInstanceOf(NonFiniteValueException.class);
        assertThatThrownBy(() -> graph.gradients(x, Target.classIndex(9))).isInstanceOf(InvalidTargetException.class);
        assertThatThrownBy(() -> graph.gradients(x, Target.perRow(1, 2))).isInstanceOf(InvalidTargetException.class);
        Graph open = Graph.builder("open").input("x").dataType(DataType.DOUBLE)
                .node(new GemmNode("fc", "x", "y", g(1, 2, 3), null)).output("y").build();
        assertThatThrownBy(() -> open.predict(g(1, 2, 4))).isInstanceOf(InvalidShapeException.class)
                .hasMessageContaining("'fc'");
    }

    @Test
    void malformedGraphsAreRejected() {
        assertThatThrownBy(() -> Graph.builder("g").input("x").node(new ReluNode("a", "y", "z")).output("z").build())
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("reads 'y'");
        assertThatThrownBy(() -> Graph.builder("g").input("x").node(new ReluNode("a", "x", "y"))
                .node(new ReluNode("a", "y", "z")).output("z").build())
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("two nodes");
        assertThatThrownBy(() -> Graph.builder("g").input("x").node(new ReluNode("a", "z", "y"))
                .node(new ReluNode("b", "y", "z")).output("z").build())
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("cycle");
        // Nodes the output does not depend on are dropped; order of addition does not matter.
        Graph g2 = Graph.builder("g").input("x").node(new ReluNode("b", "h", "z")).node(new ReluNode("a", "x", "h"))
                .node(new ReluNode("dead", "x", "d")).output("z").build();
        assertThat(g2.layerNames()).containsExactly("a", "b");
    }

    @Test
    void constantsSurviveNodesThatReturnViewsOfThem() {
        INDArray c = Nd4j.createFromArray(1.0, 2.0, 3.0, 4.0);
        Graph g = Graph.builder("views").input("x").dataType(DataType.DOUBLE).constant("c", c)
                .node(new org.xai4j.core.graph.node.ReshapeNode("r", "c", "rc", new long[] {1, 4}, false))
                .node(new org.xai4j.core.graph.node.AddNode("add", "x", "rc", "y"))
                .node(new ReluNode("relu", "y", "z")).output("z").build();
        INDArray in = Nd4j.zeros(DataType.DOUBLE, 2, 4);
        for (int i = 0; i < 3; i++) {
            assertThat(g.gradients(in, Target.classIndex(2)).output().getRow(1))
                    .isEqualTo(Nd4j.createFromArray(1.0, 2.0, 3.0, 4.0));
        }
        assertThat(c).isEqualTo(Nd4j.createFromArray(1.0, 2.0, 3.0, 4.0));
    }

    @Test
    void floatGraphsAgreeWithDoubleGraphs() {
        Graph f = graph.castTo(DataType.FLOAT);
        INDArray xf = x.castTo(DataType.FLOAT);
        Gradients gf = f.gradients(xf, target);
        Gradients gd = graph.gradients(x, target);
        assertThat(gf.output().dataType()).isEqualTo(DataType.FLOAT);
        double rel = gf.inputGradient().castTo(DataType.DOUBLE).sub(gd.inputGradient()).amaxNumber().doubleValue()
                / gd.inputGradient().amaxNumber().doubleValue();
        assertThat(rel).isLessThan(1e-4);
        // A double input to a float graph is cast, not rejected.
        assertThat(f.predict(x).dataType()).isEqualTo(DataType.FLOAT);
    }
}
