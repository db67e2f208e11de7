package org.xai4j.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xai4j.core.graph.TestGraphs.g;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.target.Target;

/**
 * What a pass leaves behind in native memory, and the passes that stop early: the backward pass that only
 * needs layer gradients, and the pass from a replaced activation.
 */
class GraphMemoryTest {
    private final Graph graph = TestGraphs.residual();
    private final INDArray x = g(100, 3, 3, 8, 8);
    private final Target target = Target.perRow(1, 4, 0);

    @Test
    void aBackwardPassLeavesNoIntermediateForTheGarbageCollector() {
        graph.gradients(x, target);
        OpenBuffers snapshot = OpenBuffers.snapshot();
        LayerPass p = graph.propagate(x, Propagation.builder().target(target).build());
        // Buffers under 65 elements are ND4J's own scalars and per-channel parameters. Before the engine freed gradient sums at the residual fork and its nodes freed their temporaries,
        // this left a dozen activation-sized arrays per pass (~70 MB per ResNet-18 batch of 16).
        assertThat(snapshot.since(65, p.output(), p.inputGradient())).isEmpty();
        graph.layerGradients(x, target, List.of("add"));
        snapshot = OpenBuffers.snapshot();
        LayerPass q = graph.layerGradients(x, target, List.of("add"));
        assertThat(snapshot.since(65, q.output(), q.activation("add"), q.gradient("add"))).isEmpty();
    }

    @Test
    void layerGradientsStopAtTheEarliestLayerAndAgreeWithTheFullPass() {
        LayerPass full = graph.backward(x, target, List.of("add", "se"));
        AtomicInteger rulesRun = new AtomicInteger();
        Composite counting = Composite.builder().when("every node", n -> true, new CountingRule(rulesRun)).build();
        LayerPass early = graph.propagate(x, Propagation.builder().target(target).layers("add", "se")
                .composite(counting).inputGradient(false).build());
        assertThat(early.inputGradient()).isNull();
        assertThat(early.gradient("add")).isEqualTo(full.gradient("add"));
        assertThat(early.gradient("se")).isEqualTo(full.gradient("se"));
        assertThat(early.output()).isEqualTo(full.output());
        // Nodes after "add" in execution order (pool … fc: 11 of them) run their rule; "add" itself and the
        // five before it do not.
        int after = graph.nodes().size() - 1 - graph.nodes().indexOf(graph.node("add"));
        assertThat(rulesRun.get()).isEqualTo(after);
        LayerPass viaModel = graph.layerGradients(x, target, List.of("add"));
        assertThat(viaModel.inputGradient()).isNull();
        assertThat(viaModel.gradient("add")).isEqualTo(full.gradient("add"));
    }

    @Test
    void backwardFromAReplacedActivationEqualsTheGraphAfterThatLayer() {
        LayerPass at = graph.forward(x, List.of("add"));
        INDArray replaced = at.activation("add").mul(0.5);
        INDArray kept = replaced.dup();
        LayerPass p = graph.backwardReplacing(x, target, "add", replaced, List.of("add", "se"));
        assertThat(replaced).isEqualTo(kept);
        // With "add" halved the output changes, and its gradient is the gradient of the tail at the halved value:
        // the same pass as a graph whose input is the layer.
        LayerPass whole = graph.backward(x, target, List.of("add"));
        assertThat(p.output()).isNotEqualTo(whole.output());
        assertThat(p.inputGradient()).isNull();
        double eps = 1e-6;
        INDArray grad = p.gradient("add");
        long[] coords = {0, 1, 2, 3};
        INDArray plus = replaced.dup();
        plus.putScalar(coords, plus.getDouble(coords) + eps);
        INDArray minus = replaced.dup();
        minus.putScalar(coords, minus.getDouble(coords) - eps);
        double fp = target.scores(graph.predictWithEdit(x, "add", a -> plus)).sumNumber().doubleValue();
        double fm = target.scores(graph.predictWithEdit(x, "add", a -> minus)).sumNumber().doubleValue();
        assertThat(grad.getDouble(coords)).isCloseTo((fp - fm) / (2 * eps), org.assertj.core.data.Offset.offset(1e-7));
        // Chunked into single rows, the same.
        Graph oneRow = graph.toBuilder().batchPolicy(org.xai4j.core.util.BatchPolicy.ofRows(1)).build();
        LayerPass chunked = oneRow.backwardReplacing(x, target, "add", replaced, List.of("add"));
        assertThat(chunked.gradient("add")).isEqualTo(grad);
        assertThatThrownBy(() -> graph.backwardReplacing(x, target, "add", replaced.get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)), List.of("add")))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("one row per input row");
        assertThatThrownBy(() -> graph.backwardReplacing(x, target, "conv3", replaced, List.of("add")))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("conv3");
    }

    /** The plain gradient, counting its calls. */
    private record CountingRule(AtomicInteger calls) implements BackwardRule {
        @Override
        public INDArray[] backward(BackwardContext context) {
            calls.incrementAndGet();
            return context.gradient();
        }

        @Override
        public String describe() {
            return "counting gradient";
        }
    }
}
