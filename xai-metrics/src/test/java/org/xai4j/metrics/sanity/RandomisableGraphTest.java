package org.xai4j.metrics.sanity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.LinearNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.util.Rng;

class RandomisableGraphTest {
    static Graph mlp() {
        return Graph.builder("mlp").input("x", -1, 4).dataType(DataType.DOUBLE)
                .node(new GemmNode("fc1", "x", "h", Rng.seeded(1).uniform(DataType.DOUBLE, -1, 1, 6, 4),
                        Rng.seeded(2).uniform(DataType.DOUBLE, -0.1, 0.1, 6)))
                .node(new ReluNode("relu", "h", "r"))
                .node(new GemmNode("fc2", "r", "y", Rng.seeded(3).uniform(DataType.DOUBLE, -1, 1, 3, 6),
                        Rng.seeded(4).uniform(DataType.DOUBLE, -0.1, 0.1, 3)))
                .output("y").build();
    }

    static INDArray weight(Graph g, String name) {
        return ((LinearNode) g.node(name)).weight();
    }

    @Test
    void randomisesOnlyTheNamedLayersAndLeavesTheOriginal() {
        Graph g = mlp();
        RandomisableGraph r = RandomisableGraph.of(g);
        assertThat(r.randomisableLayers()).containsExactly("fc1", "fc2");
        INDArray w1 = weight(g, "fc1");
        INDArray w2 = weight(g, "fc2");
        RandomisableGraph top = r.randomise(List.of("fc2"), 5);
        assertThat(weight(top.graph(), "fc1")).isEqualTo(w1);
        assertThat(weight(top.graph(), "fc2")).isNotEqualTo(w2);
        assertThat(weight(g, "fc2")).isEqualTo(w2);
        INDArray x = Rng.seeded(9).uniform(DataType.DOUBLE, -1, 1, 5, 4);
        assertThat(top.predict(x)).isNotEqualTo(g.predict(x));
        // the redraw keeps the weight's scale: its standard deviation within 40 % on 18 values
        double sd = w2.stdNumber().doubleValue();
        assertThat(weight(top.graph(), "fc2").stdNumber().doubleValue()).isBetween(0.6 * sd, 1.4 * sd);
    }

    @Test
    void drawsDependOnlyOnSeedAndLayerName() {
        RandomisableGraph r = RandomisableGraph.of(mlp());
        INDArray alone = weight(r.randomise(List.of("fc2"), 5).graph(), "fc2");
        INDArray both = weight(r.randomise(List.of("fc1", "fc2"), 5).graph(), "fc2");
        INDArray cascaded = weight(r.randomise(List.of("fc2"), 5).randomise(List.of("fc1"), 5).graph(), "fc2");
        assertThat(both).isEqualTo(alone);
        assertThat(cascaded).isEqualTo(alone);
        assertThat(weight(r.randomise(List.of("fc2"), 6).graph(), "fc2")).isNotEqualTo(alone);
    }

    @Test
    void unknownLayerListsRandomisableOnes() {
        assertThatThrownBy(() -> RandomisableGraph.of(mlp()).randomise(List.of("fc3"), 1))
                .isInstanceOf(UnknownLayerException.class).hasMessageContaining("fc1");
        assertThatThrownBy(() -> RandomisableGraph.of(mlp()).randomise(List.of("relu"), 1))
                .isInstanceOf(UnknownLayerException.class);
    }

    @Test
    void cascadingRandomisationOfTheGraphDestroysGradientMaps() {
        RandomisableGraph model = RandomisableGraph.of(mlp());
        INDArray x = Rng.seeded(11).uniform(DataType.DOUBLE, -1, 1, 6, 4);
        // The input gradient through the graph as the explainer; each randomised copy gets its own.
        java.util.function.Function<RandomisableGraph, org.xai4j.metrics.faithfulness.AttributionFunction> gradient =
                m -> (in, t) -> m.graph().gradients(in, t).inputGradient();
        RandomisationResult r = new ModelRandomisation().evaluate(model, gradient, x, org.xai4j.core.target.Target.classIndex(1));
        assertThat(r.steps()).hasSize(2);
        assertThat(r.steps().get(0).layer()).isEqualTo("fc2");
        assertThat(r.steps().get(1).randomised()).containsExactly("fc2", "fc1");
        double[] curve = r.curve("spearman");
        // A gradient of a fully re-drawn network is unrelated to the trained one's.
        assertThat(Math.abs(curve[curve.length - 1])).isLessThan(0.8);
        // Sanity of the test itself: an explainer that ignores the model keeps similarity 1.
        RandomisationResult blind = new ModelRandomisation().evaluate(model, m -> (in, t) -> in.dup(), x,
                org.xai4j.core.target.Target.classIndex(1));
        for (double v : blind.curve("spearman")) {
            assertThat(v).isEqualTo(1.0);
        }
    }
}
