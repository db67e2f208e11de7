package org.xai4j.attribution.lrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.rules.LrpTables;
import org.xai4j.attribution.rules.RuleTable;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.Propagation;
import org.xai4j.core.graph.node.AddNode;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.FlattenNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.GlobalAvgPoolNode;
import org.xai4j.core.graph.node.MaxPoolNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.graph.node.Window2d;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;

class NonNegativeInputsTest {
    private static INDArray w(long seed, long... shape) {
        return Rng.seeded(seed).gaussian(DataType.DOUBLE, 0.5, shape);
    }

    /**
     * c1 reads the graph input; c2 a max-pooled ReLU; c3 the sum of a ReLU and c2's output (which can be negative);
     * c4 a ReLU of that sum; fc the flattened average of c4's ReLU output.
     */
    private static Graph net() {
        return Graph.builder("signs").input("x", -1, 2, 8, 8).dataType(DataType.DOUBLE)
                .node(ConvNode.builder("c1").input("x").output("c1o").weight(w(1, 4, 2, 3, 3)).build())
                .node(new ReluNode("r1", "c1o", "r1o"))
                .node(new MaxPoolNode("p1", "r1o", "p1o", Window2d.of(2, 2).strides(2, 2), false))
                .node(ConvNode.builder("c2").input("p1o").output("c2o").weight(w(2, 4, 4, 3, 3)).pads(1).build())
                .node(new AddNode("mixed", "c2o", "p1o", "m"))
                .node(ConvNode.builder("c3").input("m").output("c3o").weight(w(3, 4, 4, 3, 3)).pads(1).build())
                .node(new ReluNode("r3", "c3o", "r3o"))
                .node(new AddNode("both", "r3o", "p1o", "b"))
                .node(ConvNode.builder("c4").input("b").output("c4o").weight(w(4, 4, 4, 3, 3)).pads(1).build())
                .node(new ReluNode("r4", "c4o", "r4o"))
                .node(new GlobalAvgPoolNode("gap", "r4o", "g"))
                .node(new FlattenNode("f", "g", "fo", 1))
                .node(new GemmNode("fc", "fo", "out", w(5, 3, 4), null))
                .output("out").build();
    }

    @Test
    void marksExactlyTheLinearNodesWhoseInputTheStructureKeepsNonNegative() {
        Graph g = net();
        Composite bound = LrpTables.epsilonPlus().bind(g, "lrp");
        Composite marked = NonNegativeInputs.mark(bound, g);
        List<String> proven = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (bound.ruleFor(n) instanceof LinearRule && !(marked.ruleFor(n) instanceof LinearRule)) {
                proven.add(n.name());
            }
            assertThat(marked.ruleFor(n).describe()).isEqualTo(bound.ruleFor(n).describe());
        }
        assertThat(proven).containsExactly("c2", "c4", "fc");
    }

    /**
     * Skipping the value check where the structure proves the input non-negative changes nothing: the input
     * relevance with the marked composite equals, bit for bit, the one that reads every input (which finds the same
     * inputs non-negative). A node marked wrongly (c3, whose input c2 + p1 can be negative) would drop its x⁻ terms
     * and differ.
     */
    @Test
    void theProvenPathGivesTheRelevanceOfTheCheckedOne() {
        Graph g = net();
        INDArray x = Rng.seeded(9).gaussian(DataType.DOUBLE, 1.0, 3, 2, 8, 8);
        for (RuleTable table : List.of(LrpTables.epsilonPlus(), LrpTables.epsilonPlusFlat(),
                LrpTables.epsilonAlpha2Beta1())) {
            Composite bound = table.bind(g, "lrp");
            INDArray checked = relevance(g, x, bound);
            INDArray proven = relevance(g, x, NonNegativeInputs.mark(bound, g));
            assertThat(checked.amaxNumber().doubleValue()).isGreaterThan(0);
            assertThat(proven).isEqualTo(checked);
        }
    }

    private static INDArray relevance(Graph g, INDArray x, Composite composite) {
        return g.propagate(x, Propagation.builder().target(Target.classIndex(1)).composite(composite).build())
                .inputGradient();
    }
}
