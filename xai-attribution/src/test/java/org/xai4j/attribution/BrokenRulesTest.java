package org.xai4j.attribution;

import org.xai4j.attribution.rules.RuleTables;
import org.xai4j.attribution.rules.RuleVariant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.Propagation;
import org.xai4j.core.graph.Retention;
import org.xai4j.core.graph.node.ElementwiseNode;
import org.xai4j.core.graph.node.MaxPoolNode;
import org.xai4j.core.graph.node.MulNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.target.Target;

/**
 * The checks of {@link RulesTorchAgreementTest} and {@link DeepLiftConservationTest} catch deliberately broken
 * rules: each broken composite below runs through the same graph and the same comparison, and fails it.
 */
class BrokenRulesTest {
    /** Rescale that reads the reference of the wrong row (rows reversed), as a batching bug would. */
    static final BackwardRule RESCALE_WRONG_ROWS = new BackwardRule() {
        @Override
        public INDArray[] backward(BackwardContext c) {
            INDArray dx = c.input(0).sub(reversed(c.referenceInput(0)));
            INDArray dy = c.output().sub(reversed(c.referenceOutput()));
            INDArray small = org.nd4j.linalg.ops.transforms.Transforms.abs(dx, true).lt(1e-10).castTo(dx.dataType());
            return new INDArray[] {dy.muli(c.upstream()).divi(dx.addi(small))};
        }

        @Override
        public Retention retention(Node node) {
            return Retention.ALL;
        }
    };

    static INDArray reversed(INDArray a) {
        INDArray[] rows = new INDArray[(int) a.size(0)];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = org.xai4j.core.util.Batching.rows(a, rows.length - 1 - i, rows.length - i);
        }
        return org.nd4j.linalg.factory.Nd4j.concat(0, rows);
    }

    /** Guided backpropagation that forgets the forward mask. */
    static final BackwardRule GUIDED_WITHOUT_MASK = c -> new INDArray[] {
            org.nd4j.linalg.ops.transforms.Transforms.relu(c.upstream(), true)};

    static Composite deepLiftWith(Class<? extends Node> type, BackwardRule broken) {
        return RuleTables.deepLift(RuleVariant.CAPTUM, RuleVariant.CAPTUM).with(type, broken).composite();
    }

    /** Attributions m ⊙ (x − b) and their summation-to-delta relative to |f(x) − f(b)|, under {@code composite}. */
    static INDArray attributions(Graph g, Composite composite, INDArray x, INDArray b, Target t) {
        INDArray m = g.propagate(x, Propagation.builder().target(t).composite(composite).reference(b).build())
                .inputGradient();
        return m.mul(x.sub(b));
    }

    static double relativeDelta(Graph g, INDArray a, INDArray x, INDArray b, Target t) {
        INDArray gap = t.scores(g.predict(x)).sub(t.scores(g.predict(b)));
        INDArray sums = a.reshape(a.size(0), -1).sum(1);
        return sums.sub(gap).div(gap).amaxNumber().doubleValue();
    }

    static void caught(String what, INDArray broken, INDArray expected) {
        double err = Close.relativeError(broken, expected);
        System.out.printf("%s: relative error %.2e against the PyTorch reference%n", what, err);
        assertThatThrownBy(() -> Close.check(what, broken, expected, RulesTorchAgreementTest.FLOAT_TOL))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void missingRescaleOrReferenceIsCaught() {
        RulesReference ref = new RulesReference("mlp_smooth");
        Graph g = ref.graph(DataType.FLOAT);
        INDArray x = ref.input();
        INDArray b = ref.baseline();
        Target t = ref.target();
        INDArray expected = ref.expected("deeplift_captum_ref");
        // Sanity: the real rule passes the same comparison.
        Close.check("real rule", attributions(g, RuleTables.deepLift(RuleVariant.CAPTUM, RuleVariant.CAPTUM).composite(), x, b, t),
                expected, RulesTorchAgreementTest.FLOAT_TOL);
        INDArray gradientOnly = attributions(g, deepLiftWith(ElementwiseNode.class, BackwardRule.gradient()), x, b, t);
        caught("plain gradient at the nonlinearities", gradientOnly, expected);
        assertThat(relativeDelta(g, gradientOnly, x, b, t)).isGreaterThan(1e-4);
        INDArray wrongRows = attributions(g, deepLiftWith(ElementwiseNode.class, RESCALE_WRONG_ROWS), x, b, t);
        caught("rescale against another row's reference", wrongRows, expected);
        assertThat(relativeDelta(g, wrongRows, x, b, t)).isGreaterThan(1e-4);
    }

    @Test
    void plainGradientAtProductsIsCaught() {
        RulesReference ref = new RulesReference("cnn_nopool");
        Graph g = ref.graph(DataType.FLOAT);
        INDArray x = ref.input();
        INDArray b = ref.baseline();
        Target t = ref.target();
        INDArray broken = attributions(g, deepLiftWith(MulNode.class, BackwardRule.gradient()), x, b, t);
        caught("plain gradient at the squeeze-excitation product", broken, ref.expected("deeplift_captum_ref"));
        assertThat(relativeDelta(g, broken, x, b, t)).isGreaterThan(1e-4);
    }

    @Test
    void maxPoolGradientIsCaughtAndCaptumsRuleFailsConservation() {
        RulesReference ref = new RulesReference("cnn_maxpool");
        Graph g = ref.graph(DataType.FLOAT);
        INDArray x = ref.input();
        INDArray b = ref.baseline();
        Target t = ref.target();
        INDArray broken = attributions(g, deepLiftWith(MaxPoolNode.class, BackwardRule.gradient()), x, b, t);
        caught("plain gradient at max pooling", broken, ref.expected("deeplift_exact_ref"));
        INDArray exact = attributions(g, RuleTables.deepLift(RuleVariant.EXACT, RuleVariant.EXACT).composite(), x, b, t);
        assertThat(relativeDelta(g, exact, x, b, t)).isLessThan(1e-4);
        INDArray captum = attributions(g, RuleTables.deepLift(RuleVariant.CAPTUM, RuleVariant.CAPTUM).composite(), x, b, t);
        assertThat(relativeDelta(g, captum, x, b, t)).isGreaterThan(1e-4);
    }

    @Test
    void guidedBackpropWithoutTheForwardMaskIsCaught() {
        RulesReference ref = new RulesReference("cnn_maxpool");
        Graph g = ref.graph(DataType.FLOAT);
        INDArray broken = g.propagate(ref.input(), Propagation.builder().target(ref.target())
                .composite(Composite.builder().byType(ReluNode.class, GUIDED_WITHOUT_MASK).build()).build()).inputGradient();
        caught("guided backprop without the forward mask", broken, ref.expected("guided"));
        INDArray deconvWithMask = g.propagate(ref.input(), Propagation.builder().target(ref.target())
                .composite(RuleTables.guidedBackprop().composite()).build()).inputGradient();
        caught("deconvolution with the forward mask", deconvWithMask, ref.expected("deconv"));
    }
}
