package org.xai4j.metrics.faithfulness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Rng;
import org.xai4j.metrics.testing.LinearModel;

/**
 * Deletion, insertion, pixel flipping and monotonicity on a linear model f(x) = Σ wᵢxᵢ with x = 1 and
 * zero baseline, where the curves are partial sums of the weights and the areas have closed forms.
 */
class PerturbationCurveTest {
    static final LinearModel MODEL = LinearModel.ofWeights(5, 4, 3, 2, 1);
    static final INDArray X = Nd4j.ones(DataType.DOUBLE, 1, 5);
    static final INDArray PERFECT = Nd4j.create(new double[] {5, 4, 3, 2, 1}, new long[] {1, 5}, DataType.DOUBLE);
    static final INDArray REVERSED = Nd4j.create(new double[] {1, 2, 3, 4, 5}, new long[] {1, 5}, DataType.DOUBLE);
    static final Target T = Target.classIndex(0);

    @Test
    void deletionOfThePerfectMapFollowsTheSortedPartialSums() {
        PerturbationCurve c = new Deletion().evaluate(MODEL, X, PERFECT, T);
        assertThat(c.fractions()).containsExactly(0, 0.2, 0.4, 0.6, 0.8, 1.0);
        assertThat(c.curve(0)).containsExactly(15, 10, 6, 3, 1, 0);
        // 0.2 · ((15+10) + (10+6) + (6+3) + (3+1) + (1+0)) / 2 = 5.5
        assertThat(c.auc()[0]).isCloseTo(5.5, within(1e-12));
        PerturbationCurve worst = new Deletion().evaluate(MODEL, X, REVERSED, T);
        assertThat(worst.curve(0)).containsExactly(15, 14, 12, 9, 5, 0);
        assertThat(worst.auc()[0]).isCloseTo(9.5, within(1e-12));
        // least-relevant-first on the perfect map is the reversed order
        PerturbationCurve lerf = new Deletion(CurveConfig.DEFAULTS.withOrder(PerturbationOrder.LEAST_RELEVANT_FIRST))
                .evaluate(MODEL, X, PERFECT, T);
        assertThat(lerf.curve(0)).containsExactly(worst.curve(0));
        assertThat(c.provenance().method()).isEqualTo("deletion");
        assertThat(c.provenance().modelId()).isEqualTo("linear-test-model");
        assertThat(c.provenance().target()).isEqualTo("class 0");
    }

    @Test
    void stepSizeGroupsFeaturesAndTheLastStepMayBeShort() {
        PerturbationCurve c = new Deletion(CurveConfig.DEFAULTS.withStepSize(2)).evaluate(MODEL, X, PERFECT, T);
        assertThat(c.fractions()).containsExactly(0, 0.4, 0.8, 1.0);
        assertThat(c.curve(0)).containsExactly(15, 6, 1, 0);
        // 0.4·(15+6)/2 + 0.4·(6+1)/2 + 0.2·(1+0)/2 = 5.7
        assertThat(c.auc()[0]).isCloseTo(5.7, within(1e-12));
    }

    @Test
    void insertionStartsFromTheBaseline() {
        PerturbationCurve c = new Insertion().evaluate(MODEL, X, PERFECT, T);
        assertThat(c.curve(0)).containsExactly(0, 5, 9, 12, 14, 15);
        assertThat(c.auc()[0]).isCloseTo(9.5, within(1e-12));
        PerturbationCurve constantBaseline = new Insertion(CurveConfig.DEFAULTS.withBaseline(Baseline.constant(2)))
                .evaluate(MODEL, X, PERFECT, T);
        // baseline 2 everywhere: f = 30 − (features restored so far)·1 each
        assertThat(constantBaseline.curve(0)).containsExactly(30, 25, 21, 18, 16, 15);
    }

    @Test
    void pixelFlippingAopcOfThePerfectAndReversedMaps() {
        PixelFlipping.Result p = new PixelFlipping().evaluate(MODEL, X, PERFECT, T);
        // (0 + 5 + 9 + 12 + 14 + 15) / 6
        assertThat(p.aopc()[0]).isCloseTo(55.0 / 6, within(1e-12));
        PixelFlipping.Result r = new PixelFlipping().evaluate(MODEL, X, REVERSED, T);
        // (0 + 1 + 3 + 6 + 10 + 15) / 6
        assertThat(r.aopc()[0]).isCloseTo(35.0 / 6, within(1e-12));
        assertThat(p.curve().metric()).isEqualTo("pixel-flipping");
    }

    @Test
    void monotonicityOfAPositiveAndAMixedSignModel() {
        Monotonicity.Result pos = new Monotonicity().evaluate(MODEL, X, PERFECT, T);
        assertThat(pos.curve().curve(0)).containsExactly(0, 1, 3, 6, 10, 15); // least relevant first
        assertThat(pos.monotonic()).containsExactly(true);
        assertThat(pos.nonDecreasingShare()).containsExactly(1.0);
        LinearModel mixed = LinearModel.ofWeights(3, -1, 2);
        INDArray x = Nd4j.ones(DataType.DOUBLE, 1, 3);
        INDArray phi = Nd4j.create(new double[] {3, -1, 2}, new long[] {1, 3}, DataType.DOUBLE);
        Monotonicity.Result m = new Monotonicity().evaluate(mixed, x, phi, T);
        assertThat(m.curve().curve(0)).containsExactly(0, -1, 1, 4);
        assertThat(m.monotonic()).containsExactly(false);
        assertThat(m.nonDecreasingShare()[0]).isCloseTo(2.0 / 3, within(1e-15));
    }

    @Test
    void pixelMapsPerturbEveryChannelOfAPixel() {
        // input 1×2×1×2 (two channels, two pixels), weights per element; map 1×1×2 (one relevance per pixel)
        LinearModel m = LinearModel.ofWeights(1, 2, 10, 20); // channel 0: pixels (1, 2); channel 1: pixels (10, 20)
        INDArray x = Nd4j.ones(DataType.DOUBLE, 1, 2, 1, 2);
        INDArray map = Nd4j.create(new double[] {0, 1}, new long[] {1, 1, 2}, DataType.DOUBLE);
        PerturbationCurve c = new Deletion().evaluate(m, x, map, T);
        // delete pixel 1 (both channels: 2 + 20), then pixel 0 (1 + 10)
        assertThat(c.curve(0)).containsExactly(33, 11, 0);
        INDArray map4 = Nd4j.create(new double[] {0, 1}, new long[] {1, 1, 1, 2}, DataType.DOUBLE);
        assertThat(new Deletion().evaluate(m, x, map4, T).curve(0)).containsExactly(33, 11, 0);
    }

    @Test
    void thePerfectExplainerBeatsARandomOneOnAverage() {
        int d = 64;
        int n = 6;
        Rng rng = Rng.seeded(7);
        double[] w = new double[d];
        for (int i = 0; i < d; i++) {
            w[i] = rng.nextDouble();
        }
        LinearModel model = LinearModel.ofWeights(w);
        INDArray x = rng.uniform(DataType.DOUBLE, 0, 1, n, d);
        INDArray perfect = x.mul(Nd4j.create(w, new long[] {1, d}, DataType.DOUBLE));
        INDArray random = rng.uniform(DataType.DOUBLE, 0, 1, n, d);
        CurveConfig cfg = CurveConfig.DEFAULTS.withStepSize(4).withBatch(BatchPolicy.ofRows(7));
        double delPerfect = new Deletion(cfg).evaluate(model, x, perfect, T).meanAuc();
        double delRandom = new Deletion(cfg).evaluate(model, x, random, T).meanAuc();
        double insPerfect = new Insertion(cfg).evaluate(model, x, perfect, T).meanAuc();
        double insRandom = new Insertion(cfg).evaluate(model, x, random, T).meanAuc();
        assertThat(delPerfect).isLessThan(0.7 * delRandom);
        assertThat(insPerfect).isGreaterThan(1.3 * insRandom);
        // for an additive model deletion and insertion of the same order are mirror images: AUC_del + AUC_ins = f(x) + f(0)
        PerturbationCurve del = new Deletion(cfg).evaluate(model, x, perfect, T);
        PerturbationCurve ins = new Insertion(cfg).evaluate(model, x, perfect, T);
        double[] fx = model.predict(x).reshape(n).toDoubleVector();
        for (int i = 0; i < n; i++) {
            assertThat(del.auc()[i] + ins.auc()[i]).isCloseTo(fx[i], within(1e-9));
        }
    }

    @Test
    void batchingDoesNotChangeTheResultAndIsRespected() {
        Rng rng = Rng.seeded(3);
        INDArray x = rng.uniform(DataType.DOUBLE, 0, 1, 3, 10);
        INDArray phi = rng.gaussian(DataType.DOUBLE, 1, 3, 10);
        double[] w = rng.uniform(DataType.DOUBLE, -1, 1, 10).toDoubleVector();
        LinearModel one = LinearModel.ofWeights(w);
        LinearModel many = LinearModel.ofWeights(w);
        PerturbationCurve a = new Deletion(CurveConfig.DEFAULTS.withBatch(BatchPolicy.ofRows(1))).evaluate(one, x, phi, T);
        PerturbationCurve b = new Deletion(CurveConfig.DEFAULTS.withBatch(BatchPolicy.ofRows(64))).evaluate(many, x, phi, T);
        assertThat(a.scores()).isDeepEqualTo(b.scores());
        assertThat(one.largestBatch.get()).isEqualTo(1);
        assertThat(one.calls.get()).isEqualTo(3 + 3 * 11);
        assertThat(many.calls.get()).isEqualTo(1 + 1);
    }

    @Test
    void floatInputsAndTheInputAreNotModified() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 1, 5);
        INDArray phi = PERFECT.castTo(DataType.FLOAT);
        INDArray x0 = x.dup();
        INDArray p0 = phi.dup();
        PerturbationCurve c = new Deletion().evaluate(MODEL, x, phi, T);
        assertThat(c.curve(0)).containsExactly(15, 10, 6, 3, 1, 0);
        assertThat(x).isEqualTo(x0);
        assertThat(phi).isEqualTo(p0);
    }
}
