package org.xai4j.attribution.lrp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.node.BatchNormNode;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.FlattenNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.ReluNode;

/** {@link MergeBatchNorm}'s rewrites keep the forward pass; where a merge would not be exact, the batch norm stays. */
class MergeBatchNormTest {
    static INDArray u(long seed, double scale, long... shape) {
        return LrpRulesReferenceTest.uniform(seed, scale, shape);
    }

    static BatchNormNode bn(String name, String in, String out, long c, long seed) {
        return BatchNormNode.of(name, in, out, u(seed, 0.5, c).addi(1), u(seed + 1, 0.3, c), u(seed + 2, 0.3, c),
                u(seed + 3, 0.4, c).addi(0.8), 1e-5);
    }

    /** conv → BN (merged backward) → relu → BN → unpadded conv (merged forward) → relu → flatten → BN → dense. */
    static Graph graph(int padSecond) {
        return Graph.builder("bn-merge").input("x", -1, 3, 6, 6).dataType(DataType.DOUBLE)
                .node(ConvNode.builder("c1").input("x").output("c1o").weight(u(1, 0.5, 4, 3, 3, 3)).pads(1).build())
                .node(bn("bn1", "c1o", "b1", 4, 10))
                .node(new ReluNode("r1", "b1", "r1o"))
                .node(bn("bn2", "r1o", "b2", 4, 20))
                .node(ConvNode.builder("c2").input("b2").output("c2o").weight(u(2, 0.5, 5, 4, 3, 3)).bias(u(3, 0.1, 5))
                        .pads(padSecond).build())
                .node(new ReluNode("r2", "c2o", "r2o"))
                .node(new FlattenNode("f", "r2o", "fo", 1))
                .node(bn("bn3", "fo", "b3", padSecond == 0 ? 80 : 180, 30))
                .node(new GemmNode("fc", "b3", "out", u(4, 0.3, 3, padSecond == 0 ? 80 : 180), u(5, 0.1, 3)))
                .output("out").build();
    }

    @Test
    void batchNormsAreMergedIntoThePrecedingOrTheFollowingLayerWithTheSameForward() {
        Graph g = graph(0);
        Graph m = MergeBatchNorm.apply(g);
        assertThat(m.nodes()).noneMatch(n -> n instanceof BatchNormNode);
        INDArray x = u(6, 1, 4, 3, 6, 6);
        double diff = m.predict(x).sub(g.predict(x)).amaxNumber().doubleValue();
        assertThat(diff).isLessThan(1e-12);
        assertThat(g.nodes()).filteredOn(n -> n instanceof BatchNormNode).hasSize(3); // the original is untouched
        for (String name : new String[] {"bn1", "bn2", "bn3", "c1", "c2", "fc"}) {
            m.node(name);
        }
    }

    @Test
    void aBatchNormBeforeAPaddedConvolutionStays() {
        Graph g = graph(1);
        Graph m = MergeBatchNorm.apply(g);
        assertThat(m.nodes()).filteredOn(n -> n instanceof BatchNormNode).extracting(n -> n.name()).containsExactly("bn2");
        INDArray x = u(7, 1, 2, 3, 6, 6);
        assertThat(m.predict(x).sub(g.predict(x)).amaxNumber().doubleValue()).isLessThan(1e-12);
    }
}
