package org.xai4j.metrics.faithfulness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;
import org.xai4j.metrics.MetricValues;
import org.xai4j.metrics.UndefinedMetricException;
import org.xai4j.metrics.testing.LinearModel;

/**
 * Infidelity, sensitivity-max, faithfulness correlation and monotonicity correlation on a linear model
 * f(x) = w·x, where the gradient w and the contributions w⊙x are the exact explanations.
 */
class RobustnessAndCorrelationTest {
    static final int D = 40;
    static final int N = 4;
    static final double[] W = Rng.seeded(21).uniform(DataType.DOUBLE, -1, 1, D).toDoubleVector();
    static final LinearModel MODEL = LinearModel.ofWeights(W);
    static final INDArray X = Rng.seeded(22).uniform(DataType.DOUBLE, 0.5, 2, N, D);
    static final INDArray GRADIENT = Nd4j.create(W, new long[] {1, D}, DataType.DOUBLE).repeat(0, N);
    static final INDArray CONTRIBUTIONS = X.mul(GRADIENT);
    static final INDArray RANDOM = Rng.seeded(23).gaussian(DataType.DOUBLE, 1, N, D);
    static final Target T = Target.classIndex(0);

    static java.util.List<Double> each(double[] v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }

    @Test
    void infidelityOfTheGradientOfALinearModelIsZero() {
        MetricValues v = new Infidelity().evaluate(MODEL, X, GRADIENT, T);
        for (double x : v.values()) {
            assertThat(x).isLessThan(1e-24);
        }
        // Captum-style normalisation removes any scale: 3·gradient scores 0 too
        MetricValues scaled = new Infidelity(InfidelityConfig.DEFAULTS.withNormalize(true))
                .evaluate(MODEL, X, GRADIENT.mul(3), T);
        assertThat(each(scaled.values())).allSatisfy(x -> assertThat(x).isLessThan(1e-24));
        assertThat(new Infidelity().evaluate(MODEL, X, GRADIENT.mul(3), T).mean()).isGreaterThan(1e-3);
    }

    @Test
    void infidelityMatchesItsExpectationSigmaSquaredTimesTheSquaredError() {
        // E[(Iᵀφ − Iᵀw)²] = σ² ‖φ − w‖² for I ~ N(0, σ² Id)
        double sigma = 0.1;
        MetricValues v = new Infidelity(InfidelityConfig.DEFAULTS.withSamples(4000).withNoiseSd(sigma).withSeed(5))
                .evaluate(MODEL, X, CONTRIBUTIONS, T);
        INDArray err = CONTRIBUTIONS.sub(GRADIENT);
        for (int i = 0; i < N; i++) {
            double expected = sigma * sigma * Math.pow(err.getRow(i).norm2Number().doubleValue(), 2);
            assertThat(v.value(i)).isCloseTo(expected, within(0.1 * expected));
        }
        double random = new Infidelity().evaluate(MODEL, X, RANDOM, T).mean();
        assertThat(random).isGreaterThan(10 * new Infidelity().evaluate(MODEL, X, GRADIENT, T).mean() + 1e-3);
    }

    @Test
    void sensitivityOfAConstantExplainerIsZeroAndOfGradientTimesInputIsBounded() {
        AttributionFunction gradient = (input, target) -> Nd4j.create(W, new long[] {1, D}, DataType.DOUBLE)
                .repeat(0, input.size(0));
        assertThat(new SensitivityMax().evaluate(MODEL, gradient, X, T).values()).containsOnly(0.0);
        AttributionFunction gradTimesInput = (input, target) -> input.castTo(DataType.DOUBLE)
                .mul(Nd4j.create(W, new long[] {1, D}, DataType.DOUBLE).repeat(0, input.size(0)));
        // L∞ version, one feature: ‖w·δ‖∞ / ‖w·x‖∞ = |δ| / |x|; its max over 2000 draws of U[−r, r] is within 1% of r/|x|
        LinearModel one = LinearModel.ofWeights(2.5);
        INDArray x1 = Nd4j.create(new double[] {0.5, -2.0}, new long[] {2, 1}, DataType.DOUBLE);
        AttributionFunction gxi1 = (input, target) -> input.castTo(DataType.DOUBLE).mul(2.5);
        double r = 0.02;
        MetricValues s = new SensitivityMax(SensitivityMaxConfig.DEFAULTS.withSamples(2000).withRadius(r)
                .withNorm(SensitivityMaxConfig.Norm.LINF)).evaluate(one, gxi1, x1, T);
        assertThat(s.value(0)).isBetween(0.99 * r / 0.5, r / 0.5);
        assertThat(s.value(1)).isBetween(0.99 * r / 2.0, r / 2.0);
        // L2, many features: bounded by r‖w‖ / ‖w⊙x‖ and positive
        MetricValues l2 = new SensitivityMax().evaluate(MODEL, gradTimesInput, X, T);
        for (int i = 0; i < N; i++) {
            double bound = 0.02 * Math.sqrt(java.util.Arrays.stream(W).map(a -> a * a).sum())
                    / CONTRIBUTIONS.getRow(i).norm2Number().doubleValue();
            assertThat(l2.value(i)).isGreaterThan(0).isLessThanOrEqualTo(bound);
        }
    }

    @Test
    void sensitivityExplainsPerturbedRowsForTheResolvedTargetInBatches() {
        LinearModel two = new LinearModel(new double[][] {{1, -1}, {2, 0}});
        INDArray x = Nd4j.create(new double[] {1, 1, -1, -1}, new long[] {2, 2}, DataType.DOUBLE);
        // predicted: row 0 → class 0 (3 > −1), row 1 → class 1 (−3 < 1)
        int[] seenRows = {0};
        AttributionFunction byClass = (input, target) -> {
            seenRows[0] = Math.max(seenRows[0], (int) input.size(0));
            int[] classes = ((org.xai4j.core.target.ClassTarget) target).classes((int) input.size(0));
            INDArray out = Nd4j.zeros(DataType.DOUBLE, input.size(0), 2);
            for (int i = 0; i < classes.length; i++) {
                out.putScalar(i, classes[i], 1.0); // a map that only names the class
            }
            return out;
        };
        MetricValues v = new SensitivityMax(SensitivityMaxConfig.DEFAULTS.withBatch(org.xai4j.core.util.BatchPolicy.ofRows(3)))
                .evaluate(two, byClass, x, Target.predicted());
        // if the class drifted for any perturbed row the map would change and the sensitivity would be > 0
        assertThat(v.values()).containsExactly(0.0, 0.0);
        assertThat(seenRows[0]).isEqualTo(3);
        assertThat(v.provenance().target()).isEqualTo("classes [0, 1]");
    }

    @Test
    void faithfulnessCorrelationIsOneForExactContributionsAndSmallForRandomMaps() {
        MetricValues perfect = new FaithfulnessCorrelation().evaluate(MODEL, X, CONTRIBUTIONS, T);
        assertThat(each(perfect.values())).allSatisfy(v -> assertThat(v).isCloseTo(1.0, within(1e-12)));
        MetricValues random = new FaithfulnessCorrelation().evaluate(MODEL, X, RANDOM, T);
        assertThat(Math.abs(random.mean())).isLessThan(0.3);
        assertThat(perfect.provenance().seed()).isEqualTo(0L);
    }

    @Test
    void monotonicityCorrelationRanksFeatureEffects() {
        // zero baseline: the effect of feature i alone is (wᵢxᵢ)², a monotone function of |wᵢxᵢ|
        MetricValues perfect = new MonotonicityCorrelation().evaluate(MODEL, X, CONTRIBUTIONS, T);
        assertThat(each(perfect.values())).allSatisfy(v -> assertThat(v).isCloseTo(1.0, within(1e-12)));
        INDArray inverse = CONTRIBUTIONS.mul(CONTRIBUTIONS).add(1e-3).rdiv(1.0); // |φ| = 1/((wx)² + ε): reversed ranks
        assertThat(each(new MonotonicityCorrelation().evaluate(MODEL, X, inverse, T).values()))
                .allSatisfy(v -> assertThat(v).isCloseTo(-1.0, within(1e-12)));
        assertThat(Math.abs(new MonotonicityCorrelation().evaluate(MODEL, X, RANDOM, T).mean())).isLessThan(0.35);
    }

    @Test
    void correlationsOfAConstantMapAreUndefined() {
        INDArray flat = Nd4j.ones(DataType.DOUBLE, N, D);
        assertThatThrownBy(() -> new MonotonicityCorrelation().evaluate(MODEL, X, flat, T))
                .isInstanceOf(UndefinedMetricException.class).hasMessageContaining("row 0");
        // a constant map gives equal relevance sums for every subset
        assertThatThrownBy(() -> new FaithfulnessCorrelation().evaluate(MODEL, X, flat, T))
                .isInstanceOf(UndefinedMetricException.class).hasMessageContaining("row 0");
    }
}
