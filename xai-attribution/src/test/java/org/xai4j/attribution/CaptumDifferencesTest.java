package org.xai4j.attribution;

import org.xai4j.attribution.rules.RuleVariant;
import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.Attribution;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.attribution.gradient.DeepLift;
import org.xai4j.attribution.gradient.DeepLiftConfig;
import org.xai4j.attribution.gradient.DeepLiftShap;
import org.xai4j.attribution.gradient.DeepLiftShapConfig;

/**
 * Where Captum v0.8.0 (commit fc17d507) itself is wrong, measured on its own output
 * ({@code captum/*.npy}, written by {@code src/test/python/captum_anchor.py}). Each test checks xai4j against
 * the truth, then pins the measured difference of Captum's output from it, so that it fails if either changes.
 * Differences are max |a − b| over max |b| (b: the truth, or xai4j's result); the pinned values are the
 * generator's printout to 1e-6.
 */
class CaptumDifferencesTest {
    static final Offset<Double> PINNED = Offset.offset(1e-6);

    static INDArray deepLift(Graph g, INDArray x, INDArray baseline, Target t, RuleVariant v, boolean multiply) {
        DeepLiftConfig cfg = DeepLiftConfig.DEFAULTS.withBaseline(BadInputTest.fixed(baseline)).withRules(v)
                .withMultiplyByInputs(multiply);
        return new DeepLift(g, cfg).explain(x, t).values();
    }

    /**
     * Captum hooks a module's output gradient before the next module's hook replaces it: when an {@code nn.ReLU}
     * feeds an {@code nn.MaxPool2d} directly (the usual layout), the ReLU's rescale rule multiplies the plain
     * max-pool gradient and Captum's max-pool rule is lost. With the two separated by {@code * 1.0} Captum
     * applies its rule and equals xai4j's {@code CAPTUM} variant (checked in {@link RulesTorchAgreementTest}).
     */
    @Test
    void captumDropsItsMaxPoolRuleAfterAnAdjacentRelu() {
        RulesReference ref = new RulesReference("cnn_maxpool");
        Graph g = ref.graph(DataType.DOUBLE);
        INDArray x = ref.input().castTo(DataType.DOUBLE);
        INDArray zero = x.like();
        INDArray ours = deepLift(g, x, zero, ref.target(), RuleVariant.CAPTUM, true);
        assertThat(Close.relativeError(ours, CaptumReference.rules("cnn_maxpool", "deeplift_zero"))).isLessThan(1e-12);
        assertThat(Close.relativeError(CaptumReference.rules("cnn_maxpool", "deeplift_zero_adjacent"), ours))
                .as("Captum, ReLU -> MaxPool adjacent, zero baseline").isCloseTo(0.898435, PINNED);
        INDArray b = ref.baseline().castTo(DataType.DOUBLE);
        INDArray withRef = deepLift(g, x, b, ref.target(), RuleVariant.CAPTUM, true);
        assertThat(Close.relativeError(CaptumReference.rules("cnn_maxpool", "deeplift_ref_adjacent"), withRef))
                .as("Captum, ReLU -> MaxPool adjacent, reference baseline").isCloseTo(0.885355, PINNED);
    }

    /**
     * Rows whose baseline equals the input: every |x − x'| is below ε, DeepLIFT's multipliers are the plain
     * gradient. Captum's max-pool fallback returns {@code grad_input[0]} — the first row's gradient — for every
     * row (captum#1276); its softmax rule subtracts the mean over the whole batch, so the rows leak there too.
     */
    @Test
    void rowsEqualToTheirBaselineGetTheirOwnGradient() {
        for (String model : new String[] {"cnn_maxpool", "mlp_softmax"}) {
            RulesReference ref = new RulesReference(model);
            Graph g = ref.graph(DataType.DOUBLE);
            INDArray x = ref.input().castTo(DataType.DOUBLE);
            INDArray tie = CaptumReference.rules(model, "tie_baseline");
            INDArray ours = deepLift(g, x, tie, ref.target(), RuleVariant.CAPTUM, false);
            INDArray oursRest = ours.get(NDArrayIndex.interval(1, x.size(0)));
            INDArray gradRest = ref.expected("gradient").get(NDArrayIndex.interval(1, x.size(0)));
            assertThat(Close.relativeError(oursRest, gradRest)).as("%s: ours = gradient", model).isLessThan(1e-12);
            INDArray captumRest = CaptumReference.rules(model, "deeplift_tie_mult").get(NDArrayIndex.interval(1, x.size(0)));
            assertThat(Close.relativeError(captumRest, gradRest)).as("%s: Captum vs gradient", model)
                    .isCloseTo(model.equals("cnn_maxpool") ? 1.093054 : 0.140619, PINNED);
        }
    }

    /**
     * Captum's softmax rule subtracts the mean of the rescaled gradient over the whole tensor — every row of the
     * batch and the baseline half — where xai4j's {@code CAPTUM} variant subtracts it per softmax vector. Captum's
     * result for a row therefore depends on the other rows: the same rows one at a time give other values.
     */
    @Test
    void captumSoftmaxRuleMixesTheRowsOfABatch() {
        RulesReference ref = new RulesReference("mlp_softmax");
        Graph g = ref.graph(DataType.DOUBLE);
        INDArray x = ref.input().castTo(DataType.DOUBLE);
        INDArray zero = x.like();
        INDArray ours = deepLift(g, x, zero, ref.target(), RuleVariant.CAPTUM, true);
        assertThat(Close.relativeError(ours, ref.expected("deeplift_captum_zero"))).isLessThan(1e-12);
        assertThat(Close.relativeError(CaptumReference.rules("mlp_softmax", "deeplift_zero"), ours))
                .as("Captum's softmax rule vs per-vector mean, zero baseline").isCloseTo(1.720318, PINNED);
        assertThat(Close.relativeError(CaptumReference.rules("mlp_softmax", "deeplift_zero_rowwise"),
                CaptumReference.rules("mlp_softmax", "deeplift_zero")))
                .as("Captum: one row at a time vs the batch").isCloseTo(1.143036, PINNED);
        // xai4j: a row's result does not depend on the batch it is in
        long[] classes = ref.array("_targets").toLongVector();
        for (int i = 0; i < x.size(0); i++) {
            INDArray row = x.get(NDArrayIndex.interval(i, i + 1));
            INDArray alone = deepLift(g, row, row.like(), Target.perRow((int) classes[i]),
                    RuleVariant.CAPTUM, true);
            assertThat(Close.relativeError(alone, ours.get(NDArrayIndex.interval(i, i + 1)))).isLessThan(1e-14);
        }
    }

    /**
     * Captum has DeepLIFT rules only for the modules in its {@code SUPPORTED_NON_LINEAR} (ReLU, ELU, LeakyReLU,
     * Sigmoid, Tanh, Softplus, max pools, Softmax); GELU, SiLU, Hardswish and ReLU6 pass their plain gradient.
     * On the dense net written with nn modules, Captum's attributions miss the score change by up to 7.9
     * (score changes 0.09–4.0); xai4j, with Rescale at every element-wise node, conserves.
     */
    @Test
    void captumLeavesModulesWithoutARuleUnconserved() {
        RulesReference ref = new RulesReference("mlp_smooth");
        Graph g = ref.graph(DataType.DOUBLE);
        INDArray x = ref.input().castTo(DataType.DOUBLE);
        String[] baselines = {"zero", "ref"};
        double[] pinnedDifference = {0.547769, 1.473969};
        double[] pinnedDelta = {7.939205, 6.894909};
        for (int k = 0; k < 2; k++) {
            INDArray b = k == 0 ? x.like() : ref.baseline().castTo(DataType.DOUBLE);
            Attribution a = new DeepLift(g, DeepLiftConfig.DEFAULTS.withBaseline(BadInputTest.fixed(b)))
                    .explain(x, ref.target());
            assertThat(a.convergenceDelta().orElseThrow().amaxNumber().doubleValue()).as("ours conserves").isLessThan(1e-12);
            String key = "deeplift_" + baselines[k];
            assertThat(Close.relativeError(CaptumReference.rules("mlp_smooth", key), a.values()))
                    .as("Captum vs xai4j, %s baseline", baselines[k]).isCloseTo(pinnedDifference[k], PINNED);
            assertThat(CaptumReference.rules("mlp_smooth", key + "_delta").amaxNumber().doubleValue())
                    .as("Captum's convergence delta, %s baseline", baselines[k]).isCloseTo(pinnedDelta[k], PINNED);
        }
    }

    /** DeepLiftShap's convention (mean over the background rows) is the same; only the rules differ. */
    @Test
    void deepLiftShapOnTheMaxPoolNetEqualsCaptumsWithItsRuleApplied() {
        RulesReference ref = new RulesReference("cnn_maxpool");
        INDArray ours = new DeepLiftShap(ref.graph(DataType.DOUBLE), DeepLiftShapConfig.of(
                Baseline.background(ref.background().castTo(DataType.DOUBLE))))
                .explain(ref.input().castTo(DataType.DOUBLE), ref.target()).values();
        assertThat(Close.relativeError(ours, CaptumReference.rules("cnn_maxpool", "deepliftshap"))).isLessThan(1e-12);
    }
}
