package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.lrp.RelevanceInit;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.node.AddNode;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.FlattenNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.GlobalAvgPoolNode;
import org.xai4j.core.graph.node.MaxPoolNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.graph.node.Window2d;
import org.xai4j.core.target.Target;
import org.xai4j.attribution.lrp.Lrp;
import org.xai4j.attribution.lrp.LrpConfig;

/**
 * Conservation through a whole network, an axiom: on a bias-free residual net (conv, ReLU, max pool, a residual
 * addition, global average pool, dense) every rule of the conserving composites conserves, so each row's input
 * relevance sums to its initial relevance — 1 from the one-hot start, the logit from the logit start — up to the
 * stabilisers (ε = 1e-6; float64 graph).
 */
class LrpConservationTest {
    static Graph net() {
        return Graph.builder("bias-free-residual").input("x", -1, 2, 8, 8).dataType(DataType.DOUBLE)
                .node(ConvNode.builder("c1").input("x").output("c1o").weight(SmallGraphs.weights(1, 0.6, 4, 2, 3, 3))
                        .build())
                .node(new ReluNode("r1", "c1o", "r1o"))
                .node(new MaxPoolNode("p1", "r1o", "p1o", Window2d.of(2, 2).strides(2, 2), false))
                .node(ConvNode.builder("c2").input("p1o").output("c2o").weight(SmallGraphs.weights(2, 0.6, 4, 4, 3, 3))
                        .pads(1).build())
                .node(new ReluNode("r2", "c2o", "r2o"))
                .node(new AddNode("add", "r2o", "p1o", "a"))
                .node(new GlobalAvgPoolNode("gap", "a", "g"))
                .node(new FlattenNode("f", "g", "fo", 1))
                .node(new GemmNode("fc", "fo", "out", SmallGraphs.weights(3, 1, 3, 4), null))
                .output("out").build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"epsilon-plus", "epsilon-plus-flat", "epsilon-alpha2-beta1", "epsilon-alpha2-beta1-flat",
            "epsilon-gamma-box"})
    void inputRelevanceSumsToTheStartingRelevance(String composite) {
        Graph g = net();
        INDArray x = SmallGraphs.weights(4, 1, 3, 2, 8, 8);
        INDArray out = g.predict(x);
        int[] targets = {0, 1, 2};
        for (RelevanceInit init : List.of(RelevanceInit.ONE_HOT, RelevanceInit.LOGIT)) {
            INDArray r = new Lrp(g, LrpConfig.DEFAULTS.withComposite(composite).withBounds(-1, 1).withInit(init))
                    .explain(x, Target.perRow(targets)).values();
            for (int i = 0; i < 3; i++) {
                double expected = init == RelevanceInit.ONE_HOT ? 1 : out.getDouble(i, targets[i]);
                double sum = r.slice(i).sumNumber().doubleValue();
                assertThat(Math.abs(sum - expected)).as("%s, %s, row %d: Σ R = %s, start %s", composite, init, i, sum,
                        expected).isLessThan(1e-4 * Math.max(1, Math.abs(expected)));
            }
        }
    }

    /** The check can fail: the plain gradient at the residual addition copies relevance into both branches. */
    @org.junit.jupiter.api.Test
    void theGradientAtTheAdditionBreaksConservation() {
        org.xai4j.attribution.rules.RuleTable plainAdd = org.xai4j.attribution.rules.LrpTables.epsilonPlus()
                .with(AddNode.class, org.xai4j.core.graph.BackwardRule.gradient());
        INDArray r = new Lrp(net(), plainAdd, LrpConfig.DEFAULTS).explain(SmallGraphs.weights(4, 1, 3, 2, 8, 8),
                Target.perRow(0, 1, 2)).values();
        double worst = 0;
        for (int i = 0; i < 3; i++) {
            worst = Math.max(worst, Math.abs(r.slice(i).sumNumber().doubleValue() - 1));
        }
        assertThat(worst).isGreaterThan(0.05);
    }
}
