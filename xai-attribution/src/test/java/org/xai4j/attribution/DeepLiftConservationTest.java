package org.xai4j.attribution;

import org.xai4j.attribution.rules.RuleVariant;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.attribution.gradient.DeepLift;
import org.xai4j.attribution.gradient.DeepLiftConfig;
import org.xai4j.attribution.gradient.DeepLiftShap;
import org.xai4j.attribution.gradient.DeepLiftShapConfig;

/**
 * Summation-to-delta on the float32 graphs imported from PyTorch: |Σ attribution − (f(x) − f(x′))| relative to
 * |f(x) − f(x′)|, for the zero baseline and a random one. Without max pooling (and softmax) it is ≤ 1e-4 with
 * Captum's rules; with them only the exact rules conserve, and Captum's max-pool rule visibly does not where
 * windows overlap.
 */
class DeepLiftConservationTest {
    /** The largest |delta| / |f(x) − f(x′)| over rows and both baselines. */
    static double relativeDelta(String model, RuleVariant variant) {
        RulesReference ref = new RulesReference(model);
        Graph g = ref.graph(DataType.FLOAT);
        INDArray x = ref.input();
        Target t = ref.target();
        double worst = 0;
        for (INDArray baseline : List.of(x.mul(0), ref.baseline())) {
            Attribution a = new DeepLift(g, DeepLiftConfig.DEFAULTS.withBaseline(BadInputTest.fixed(baseline)).withRules(variant)).explain(x, t);
            INDArray gap = t.scores(g.predict(x)).castTo(DataType.DOUBLE).sub(t.scores(g.predict(baseline)).castTo(DataType.DOUBLE));
            INDArray rel = a.convergenceDelta().orElseThrow().div(gap.reshape(gap.length()));
            worst = Math.max(worst, rel.amaxNumber().doubleValue());
        }
        System.out.printf("%s %s: worst relative summation-to-delta %.2e%n", model, variant, worst);
        return worst;
    }

    @Test
    void conservesWithoutMaxPooling() {
        assertThat(relativeDelta("mlp_smooth", RuleVariant.CAPTUM)).isLessThan(1e-4);
        assertThat(relativeDelta("cnn_nopool", RuleVariant.CAPTUM)).isLessThan(1e-4);
    }

    @Test
    void exactRulesConserveThroughMaxPoolingAndSoftmax() {
        assertThat(relativeDelta("cnn_maxpool", RuleVariant.EXACT)).isLessThan(1e-4);
        assertThat(relativeDelta("mlp_softmax", RuleVariant.EXACT)).isLessThan(1e-4);
    }

    @Test
    void captumRulesLoseChangeAtOverlappingMaxPoolsAndSoftmax() {
        // The PyTorch reference of Captum's rules shows the same deltas (RulesTorchAgreementTest compares them).
        assertThat(relativeDelta("cnn_maxpool", RuleVariant.CAPTUM)).isGreaterThan(1e-2);
        assertThat(relativeDelta("mlp_softmax", RuleVariant.CAPTUM)).isGreaterThan(1e-2);
    }

    @Test
    void nonOverlappingMaxPoolConservesUnderCaptumsRule() {
        // A 2×2 stride-2 pool: every input position is in one window, so nothing is overwritten.
        Graph g = Graph.builder("pool2").input("x", -1, 2, 6, 6).dataType(DataType.DOUBLE)
                .node(org.xai4j.core.graph.node.ConvNode.builder("conv").input("x").output("c")
                        .weight(SmallGraphs.weights(90, 0.7, 3, 2, 3, 3)).bias(SmallGraphs.weights(91, 0.2, 3)).pads(1).build())
                .node(new org.xai4j.core.graph.node.ReluNode("relu", "c", "r"))
                .node(new org.xai4j.core.graph.node.MaxPoolNode("pool", "r", "p",
                        org.xai4j.core.graph.node.Window2d.of(2, 2).strides(2, 2), false))
                .node(new org.xai4j.core.graph.node.FlattenNode("flat", "p", "f", 1))
                .node(new org.xai4j.core.graph.node.GemmNode("fc", "f", "out", SmallGraphs.weights(92, 0.5, 4, 27), null))
                .output("out").build();
        INDArray x = Data.uniform(93, 3, 2, 6, 6);
        for (Baseline b : List.of(Baseline.zeros(), BadInputTest.fixed(Data.uniform(94, 3, 2, 6, 6)))) {
            Attribution a = new DeepLift(g, DeepLiftConfig.DEFAULTS.withBaseline(b)).explain(x, Target.perRow(0, 3, 1));
            assertThat(a.convergenceDelta().orElseThrow().amaxNumber().doubleValue()).isLessThan(1e-12);
        }
    }

    @Test
    void deepLiftShapIsTheMeanOfDeepLiftOverTheBackground() {
        Graph g = SmallGraphs.conv(95, DataType.DOUBLE);
        INDArray x = Data.uniform(96, 3, 2, 6, 7);
        INDArray bg = Data.uniform(97, 4, 2, 6, 7);
        Target t = Target.perRow(4, 0, 2);
        for (RuleVariant v : RuleVariant.values()) {
            INDArray sum = x.mul(0);
            double[] deltas = new double[3];
            for (int k = 0; k < 4; k++) {
                INDArray bk = bg.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(k, k + 1)).repeat(0, 3);
                Attribution a = new DeepLift(g, DeepLiftConfig.DEFAULTS.withBaseline(BadInputTest.fixed(bk)).withRules(v))
                        .explain(x, t);
                sum.addi(a.values());
                for (int i = 0; i < 3; i++) {
                    deltas[i] += a.convergenceDelta().orElseThrow().getDouble(i) / 4;
                }
            }
            Attribution shap = new DeepLiftShap(g, DeepLiftShapConfig.of(Baseline.background(bg)).withRules(v)
                    .withBatch(BatchPolicy.ofRows(3))).explain(x, t);
            Close.check("DeepLiftShap " + v, shap.values(), sum.div(4), 1e-12);
            for (int i = 0; i < 3; i++) {
                assertThat(shap.convergenceDelta().orElseThrow().getDouble(i))
                        .isCloseTo(deltas[i], org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }
}
