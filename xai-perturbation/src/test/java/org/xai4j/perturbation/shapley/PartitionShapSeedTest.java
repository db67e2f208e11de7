package org.xai4j.perturbation.shapley;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;

/**
 * Partition SHAP breaks ties in its expansion order with draws from the seed (as shap does with
 * np.random.randn): under a budget, regions of equal priority are expanded in a seed-dependent order, so the
 * seed changes the values and must be in the provenance.
 */
class PartitionShapSeedTest {
    /**
     * A linear score over a 4×4 image with weights a(r)·b(c), both odd about the centre: every half of the image
     * sums to 0, so the four regions after the first split tie (priority 0) and the budget lets only two of them
     * be expanded.
     */
    private static final double[] A = {2, 1, -1, -2};
    private static final double[] B = {3, 1, -1, -3};
    private static final PredictionFunction ALTERNATING = PredictionFunction.of("alternating", x -> {
        long n = x.size(0);
        INDArray out = Nd4j.zeros(DataType.DOUBLE, n, 1);
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    s += A[r] * B[c] * x.getDouble(i, 0, r, c);
                }
            }
            out.putScalar(i, 0, s);
        }
        return out;
    });

    private static ShapleyExplanation run(long seed) {
        INDArray x = Nd4j.ones(DataType.DOUBLE, 1, 1, 4, 4);
        return new PartitionShap(ALTERNATING, PartitionShapConfig.DEFAULTS.withGrid(4).withBaseline(Baseline.constant(0))
                .withMaxEvals(8).withSeed(seed)).explain(x, Target.classIndex(0));
    }

    @Test
    void theSeedThatBreaksTiesIsRecordedInTheProvenance() {
        ShapleyExplanation first = run(0);
        boolean anyDiffers = false;
        for (long seed = 1; seed <= 20 && !anyDiffers; seed++) {
            anyDiffers = !Arrays.equals(first.row(0).values(), run(seed).row(0).values());
        }
        assertThat(anyDiffers).as("the seed changes the values under a budget").isTrue();
        assertThat(run(7).provenance().seed()).isEqualTo(7L);
        assertThat(Arrays.equals(run(7).row(0).values(), run(7).row(0).values())).isTrue();
    }
}
