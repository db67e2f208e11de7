package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.lrp.Epsilon;
import org.xai4j.attribution.rules.LrpTables;
import org.xai4j.attribution.rules.RuleTable;
import org.xai4j.attribution.lrp.RelevanceInit;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.attribution.lrp.Lrp;
import org.xai4j.attribution.lrp.LrpConfig;

/** {@link Lrp}'s settings, errors and relevance initialisation. */
class LrpBehaviourTest {
    @Test
    void unknownCompositeIsRejectedListingTheKnownOnes() {
        assertThatThrownBy(() -> LrpConfig.DEFAULTS.withComposite("epsilon-plus-flatt"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'epsilon-plus-flatt'")
                .hasMessageContaining("epsilon-plus-flat, epsilon-gamma-box");
    }

    @Test
    void lowAboveHighIsRejected() {
        assertThatThrownBy(() -> LrpConfig.DEFAULTS.withBounds(1, -1)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("low=1.0 > high=-1.0");
        assertThatThrownBy(() -> LrpTables.epsilonGammaBox(2, 1)).isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void aNodeNoRuleCoversIsNamed() {
        Graph mlp = SmallGraphs.mlp(41, DataType.FLOAT);
        assertThatThrownBy(() -> new Lrp(mlp)).isInstanceOf(UnsupportedModelException.class)
                .hasMessageStartingWith("lrp has no backward rule for node 'gated' of type MulNode (op Mul)")
                .hasMessageContaining("SignalTakesAll");
    }

    @Test
    void aRuleForAMissingNodeNameIsRejected() {
        Graph conv = SmallGraphs.conv(42, DataType.FLOAT);
        RuleTable c = LrpTables.layers(new Epsilon(), new Epsilon()).build().withNode("conv3", new Epsilon());
        assertThatThrownBy(() -> new Lrp(conv, c, LrpConfig.DEFAULTS)).isInstanceOf(UnknownLayerException.class);
    }

    @Test
    void theFirstLayerIsTheFirstLinearNodeTheInputReaches() {
        Graph conv = SmallGraphs.conv(43, DataType.FLOAT);
        assertThat(LrpTables.epsilonPlusFlat().firstLayer(conv)).map(n -> n.name()).contains("conv1");
        assertThat(LrpTables.epsilonPlus().firstLayer(conv)).isEmpty();
        assertThat(LrpTables.epsilonPlusFlat().describe()).contains("first linear layer → flat");
    }

    /** Every rule is linear in the relevance it receives, so the logit start is the one-hot map times the logit. */
    @Test
    void logitStartScalesTheOneHotMapByTheLogit() {
        Graph g = ZennitReference.graph("resnet");
        INDArray x = ZennitReference.array("resnet.x");
        Target t = Target.perRow(ZennitReference.TARGETS);
        INDArray oneHot = new Lrp(g, LrpConfig.DEFAULTS.withComposite("epsilon-plus")).explain(x, t).values();
        INDArray logit = new Lrp(g, LrpConfig.DEFAULTS.withComposite("epsilon-plus").withInit(RelevanceInit.LOGIT))
                .explain(x, t).values();
        INDArray logits = ZennitReference.array("resnet.logits");
        for (int i = 0; i < 2; i++) {
            double z = logits.getDouble(i, ZennitReference.TARGETS[i]);
            double err = ZennitReference.relativeError(logit.slice(i), oneHot.slice(i).mul(z));
            assertThat(err).isLessThan(1e-5);
        }
    }

    @Test
    void theCallersInputIsNotModifiedAndRowsAreIndependent() {
        Graph g = ZennitReference.graph("cbrm-bn");
        INDArray x = ZennitReference.array("cbrm.x");
        INDArray copy = x.dup();
        Lrp lrp = new Lrp(g, LrpConfig.DEFAULTS.withComposite("epsilon-gamma-box").withBounds(-2, 2));
        INDArray both = lrp.explain(x, Target.perRow(1, 3)).values();
        INDArray second = lrp.explain(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2)), Target.classIndex(3))
                .values();
        assertThat(x).isEqualTo(copy);
        assertThat(ZennitReference.relativeError(second.slice(0), both.slice(1))).isLessThan(1e-6);
    }
}
