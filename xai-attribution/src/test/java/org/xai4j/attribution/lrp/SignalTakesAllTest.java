package org.xai4j.attribution.lrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.attribution.rules.LrpTables;
import org.xai4j.attribution.rules.RuleTable;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.MulNode;
import org.xai4j.core.graph.node.SigmoidNode;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;

/**
 * {@link SignalTakesAll} against a network worked by hand, a literal loop over the broadcast product, and
 * conservation.
 */
class SignalTakesAllTest {
    /**
     * x = (1, 2); signal s = W₁x with W₁ = [[1, 1], [2, 0.5]], so s = (3, 3) with contributions (1, 2) and (2, 1);
     * gate g = σ(0·x + (0, ln 3)) = (1/2, 3/4); z = s ⊙ g; y = z₁ + z₂. By hand, with ε → 0: R_z = z/y =
     * (1.5, 2.25)/3.75 = (0.4, 0.6); signal-takes-all gives R_s = (0.4, 0.6) and the gate nothing; then
     * R_x = (1/3·0.4 + 2/3·0.6, 2/3·0.4 + 1/3·0.6) = (8/15, 7/15).
     */
    @Test
    void gatedNetworkMatchesTheHandComputedRelevance() {
        Graph g = Graph.builder("gated-by-hand").input("x", -1, 2).dataType(DataType.DOUBLE)
                .node(new GemmNode("signal", "x", "s", Nd4j.createFromArray(new double[][] {{1, 1}, {2, 0.5}}), null))
                .node(new GemmNode("gate-pre", "x", "gp", Nd4j.zeros(DataType.DOUBLE, 2, 2),
                        Nd4j.createFromArray(0, Math.log(3))))
                .node(new SigmoidNode("gate", "gp", "gs"))
                .node(new MulNode("scale", "s", "gs", "z"))
                .node(new GemmNode("out", "z", "y", Nd4j.createFromArray(new double[][] {{1, 1}}), null))
                .output("y").build();
        RuleTable c = LrpTables.layers(new Epsilon(1e-12), new Epsilon(1e-12)).build()
                .with(MulNode.class, new SignalTakesAll(0));
        INDArray r = new Lrp(g, c, LrpConfig.DEFAULTS).explain(Nd4j.createFromArray(new double[][] {{1, 2}}),
                Target.classIndex(0)).values();
        assertThat(r.getDouble(0, 0)).isCloseTo(8.0 / 15, within(1e-9));
        assertThat(r.getDouble(0, 1)).isCloseTo(7.0 / 15, within(1e-9));
    }

    @Test
    void theSignalGetsTheProductsRelevanceAndTheGateNone() {
        INDArray s = Rng.seeded(1).uniform(DataType.DOUBLE, -1, 1, 2, 3, 4, 4);
        INDArray gate = Rng.seeded(2).uniform(DataType.DOUBLE, 0, 1, 2, 3, 4, 4);
        INDArray up = Rng.seeded(3).uniform(DataType.DOUBLE, -1, 1, 2, 3, 4, 4);
        MulNode mul = new MulNode("scale", "g", "s", "z");
        INDArray z = mul.forward(gate, s);
        INDArray[] r = new SignalTakesAll(1).backward(BackwardContext.of(mul, new INDArray[] {gate, s}, z, up));
        assertThat(r[1]).isEqualTo(up);
        assertThat(r[0].shape()).containsExactly(2, 3, 4, 4);
        assertThat(r[0].amaxNumber().doubleValue()).isZero();
    }

    /** A squeeze-and-excitation shape: the signal is N×C×1×1 broadcast over a full gate; loops give R_signal. */
    @Test
    void aBroadcastSignalGetsTheSumOverTheBroadcastAxesAndConserves() {
        INDArray s = Rng.seeded(4).uniform(DataType.DOUBLE, -1, 1, 2, 3, 1, 1);
        INDArray gate = Rng.seeded(5).uniform(DataType.DOUBLE, 0, 1, 2, 3, 5, 4);
        INDArray up = Rng.seeded(6).uniform(DataType.DOUBLE, -1, 1, 2, 3, 5, 4);
        MulNode mul = new MulNode("scale", "s", "g", "z");
        INDArray z = mul.forward(s, gate);
        INDArray rs = new SignalTakesAll(0).backward(BackwardContext.of(mul, new INDArray[] {s, gate}, z, up))[0];
        assertThat(rs.shape()).containsExactly(2, 3, 1, 1);
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                for (int i = 0; i < 5; i++) {
                    for (int j = 0; j < 4; j++) {
                        sum += up.getDouble(n, c, i, j);
                    }
                }
                assertThat(rs.getDouble(n, c, 0, 0)).isCloseTo(sum, within(1e-12));
            }
        }
        assertThat(rs.sumNumber().doubleValue()).isCloseTo(up.sumNumber().doubleValue(), within(1e-12));
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new SignalTakesAll(2)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("input 0 or 1").hasMessageContaining("got 2");
        assertThat(new SignalTakesAll(1).describe()).isEqualTo("signal-takes-all(input 1)");
    }
}
