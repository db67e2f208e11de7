package org.xai4j.perturbation.shapley;

import org.xai4j.core.util.BatchPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Rng;
import org.xai4j.perturbation.TestModels;
import org.xai4j.perturbation.TinyCnn;
import org.xai4j.perturbation.features.FeatureMask;
import org.xai4j.perturbation.features.Segmenter;

class ShapleyValueSamplingTest {
    static final INDArray X = TinyCnn.load("cnn_x");

    @Test
    void additiveModelGetsItsTrueContributionsFromOnePermutation() {
        FeatureMask mask = FeatureMask.grid(4, 4, 2);
        TestModels.Additive model = new TestModels.Additive(mask, new long[] {3, 4, 4}, 5);
        INDArray x = Rng.seeded(1).uniform(DataType.DOUBLE, -1, 1, 2, 3, 4, 4);
        for (int p : new int[] {1, 3}) {
            ShapleyExplanation e = new ShapleyValueSampling(model, ShapleyValueSamplingConfig.DEFAULTS.withSegmenter(Segmenter.fixed(mask))
                    .withBaseline(Baseline.constant(0.5)).withPermutations(p)).explain(x, Target.classIndex(0));
            double[] gr = model.groupTerms(new double[48]);
            double[] ref = new double[48];
            java.util.Arrays.fill(ref, 0.5);
            gr = model.groupTerms(ref);
            for (int i = 0; i < 2; i++) {
                double[] gx = model.groupTerms(TestModels.flatRow(x, i));
                for (int f = 0; f < 4; f++) {
                    assertThat(e.row(i).values()[f]).isCloseTo(gx[f] - gr[f], within(1e-12));
                }
                assertThat(e.row(i).evaluations()).isEqualTo(2 + p * 3L);
            }
        }
    }

    @Test
    void approachesExactShapleyOnTheCnnAndStaysEfficient() {
        TinyCnn cnn = new TinyCnn();
        INDArray row = Batching.rows(X, 0, 1).dup();
        double[] exact = TinyCnn.load("exact_shapley_grid4").getRow(0).toDoubleVector();
        double[] err = new double[3];
        int[] perms = {4, 40, 400};
        for (int k = 0; k < perms.length; k++) {
            ShapleyExplanation e = new ShapleyValueSampling(cnn, ShapleyValueSamplingConfig.DEFAULTS
                    .withSegmenter(Segmenter.grid(4)).withBaseline(Baseline.constant(0.2)).withPermutations(perms[k]).withSeed(2)
                    .withBatch(BatchPolicy.ofRows(256))).explain(row, Target.classIndex(1));
            double[] phi = e.row(0).values();
            for (int f = 0; f < 16; f++) {
                err[k] += (phi[f] - exact[f]) * (phi[f] - exact[f]);
            }
            err[k] = Math.sqrt(err[k]);
            assertThat(e.row(0).efficiencyGap()).isCloseTo(0, within(1e-12));
        }
        System.out.printf("shapley value sampling L2 error at 4/40/400 permutations: %.4g %.4g %.4g%n", err[0], err[1], err[2]);
        assertThat(err[2]).isLessThan(err[0] / 3);
        assertThat(err[2]).isLessThan(0.05);
    }

    @Test
    void antitheticOrderingsAreReversedPairs() {
        TinyCnn cnn = new TinyCnn();
        INDArray row = Batching.rows(X, 0, 1).dup();
        ShapleyValueSamplingConfig b = ShapleyValueSamplingConfig.DEFAULTS.withSegmenter(Segmenter.grid(4))
                .withBaseline(Baseline.constant(0.2)).withPermutations(2).withSeed(9);
        double[] anti = new ShapleyValueSampling(cnn, b.withAntithetic(true)).explain(row, Target.classIndex(1)).row(0).values();
        double[] plain = new ShapleyValueSampling(cnn, b.withAntithetic(false)).explain(row, Target.classIndex(1)).row(0).values();
        assertThat(anti).isNotEqualTo(plain);
        // With one ordering and its reverse every feature is credited once joining first-half-context and once
        // the mirror: the sum is still efficient.
        double s = 0;
        for (double v : anti) {
            s += v;
        }
        double[] exact = TinyCnn.load("exact_shapley_grid4").getRow(0).toDoubleVector();
        double t = 0;
        for (double v : exact) {
            t += v;
        }
        assertThat(s).isCloseTo(t, within(1e-10));
    }
}
