package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.lrp.MergeBatchNorm;
import org.xai4j.attribution.rules.LrpTables;
import org.xai4j.attribution.rules.RuleTable;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.node.AddNode;
import org.xai4j.core.graph.node.BatchNormNode;
import org.xai4j.core.target.Target;
import org.xai4j.attribution.lrp.Lrp;
import org.xai4j.attribution.lrp.LrpConfig;

/**
 * {@link Lrp} against zennit 0.5.1 itself (src/test/python/gen_zennit_refs.py): a Conv–BN–ReLU–MaxPool net and a
 * residual net with batch norms inside its blocks, each imported from two ONNX exports (batch norms folded by torch,
 * and kept so that {@link MergeBatchNorm} merges them), every built-in composite, two rows with their own targets;
 * max |a − b| / max |b| ≤ 1e-4.
 */
class LrpZennitAgreementTest {
    static Stream<Arguments> cases() {
        return Stream.of("cbrm", "resnet").flatMap(net -> Stream.of("", "-bn").flatMap(variant ->
                LrpTables.NAMES.stream().map(c -> Arguments.of(net, variant, c))));
    }

    @ParameterizedTest(name = "{2} on {0}{1}")
    @MethodSource("cases")
    void matchesZennit(String net, String variant, String composite) {
        Graph g = ZennitReference.graph(net + variant);
        Lrp lrp = new Lrp(g, LrpConfig.DEFAULTS.withComposite(composite).withBounds(ZennitReference.LOW,
                ZennitReference.HIGH));
        INDArray x = ZennitReference.array(net + ".x");
        INDArray expected = ZennitReference.array(net + "." + composite);
        INDArray actual = lrp.explain(x, Target.perRow(ZennitReference.TARGETS)).values();
        double err = ZennitReference.relativeError(actual, expected);
        System.out.printf("zennit agreement %s%s %s: max|a-b|/max|b| = %.3e%n", net, variant, composite, err);
        assertThat(err).isLessThanOrEqualTo(1e-4);
    }

    @Test
    void mergingBatchNormKeepsTheForwardPassAndRemovesEveryBatchNorm() {
        for (String net : new String[] {"cbrm", "resnet"}) {
            Graph g = ZennitReference.graph(net + "-bn");
            assertThat(g.nodes()).anyMatch(n -> n instanceof BatchNormNode);
            Graph merged = MergeBatchNorm.apply(g);
            assertThat(merged.nodes()).noneMatch(n -> n instanceof BatchNormNode);
            INDArray x = ZennitReference.array(net + ".x");
            INDArray before = g.predict(x);
            INDArray after = merged.predict(x);
            double diff = after.sub(before).amaxNumber().doubleValue();
            System.out.printf("MergeBatchNorm %s: max |forward change| = %.3e%n", net, diff);
            assertThat(diff).isLessThanOrEqualTo(1e-5);
            assertThat(ZennitReference.relativeError(before, ZennitReference.array(net + ".logits"))).isLessThan(1e-5);
            // every node name of the original still resolves
            g.nodes().forEach(n -> merged.node(n.name()));
        }
    }

    @Test
    void withoutTheCanonizerZPlusDiffersFromZennit() {
        Graph g = ZennitReference.graph("cbrm-bn");
        INDArray x = ZennitReference.array("cbrm.x");
        INDArray expected = ZennitReference.array("cbrm.epsilon-plus");
        INDArray unmerged = new Lrp(g, LrpConfig.DEFAULTS.withComposite("epsilon-plus").withCanonize(false))
                .explain(x, Target.perRow(ZennitReference.TARGETS)).values();
        assertThat(ZennitReference.relativeError(unmerged, expected)).isGreaterThan(0.05);
    }

    /** The R5 bug: the residual addition crossed by the plain gradient (relevance copied to both branches). */
    @Test
    void theResidualAdditionMustSplitRelevance() {
        Graph g = ZennitReference.graph("resnet");
        INDArray x = ZennitReference.array("resnet.x");
        INDArray expected = ZennitReference.array("resnet.epsilon-plus-flat");
        RuleTable plainAdd = LrpTables.epsilonPlusFlat().with(AddNode.class, BackwardRule.gradient());
        INDArray wrong = new Lrp(g, plainAdd, LrpConfig.DEFAULTS).explain(x, Target.perRow(ZennitReference.TARGETS))
                .values();
        double err = ZennitReference.relativeError(wrong, expected);
        System.out.printf("gradient at Add vs zennit: %.3e%n", err);
        assertThat(err).isGreaterThan(0.05);
    }
}
