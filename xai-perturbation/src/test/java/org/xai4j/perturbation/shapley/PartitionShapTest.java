package org.xai4j.perturbation.shapley;

import org.xai4j.core.util.BatchPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;
import org.xai4j.perturbation.TestModels;
import org.xai4j.perturbation.TinyCnn;
import org.xai4j.perturbation.features.FeatureMask;

class PartitionShapTest {
    static final INDArray X = TinyCnn.load("cnn_x");

    @Test
    void unlimitedBudgetGivesTheIndependentOwenValues() {
        TinyCnn cnn = new TinyCnn();
        ShapleyExplanation e = new PartitionShap(cnn, PartitionShapConfig.DEFAULTS.withGrid(4).withBaseline(Baseline.constant(0.2))
                .withMaxEvals(100_000).withBatch(BatchPolicy.ofRows(64))).explain(X, Target.classIndex(1));
        INDArray expected = TinyCnn.load("owen_grid4");
        INDArray shapley = TinyCnn.load("exact_shapley_grid4");
        double differsFromShapley = 0;
        for (int i = 0; i < 2; i++) {
            double[] phi = e.row(i).values();
            for (int f = 0; f < 16; f++) {
                assertThat(phi[f]).as("row %d cell %d", i, f).isCloseTo(expected.getDouble(i, f), within(1e-10));
                differsFromShapley = Math.max(differsFromShapley, Math.abs(phi[f] - shapley.getDouble(i, f)));
            }
            assertThat(e.row(i).efficiencyGap()).isCloseTo(0, within(1e-12));
        }
        // Owen values are not Shapley values on this model: the reference really tests the hierarchy.
        assertThat(differsFromShapley).isGreaterThan(1e-3);
    }

    @Test
    void additiveModelGetsItsTrueContributions() {
        FeatureMask cells = FeatureMask.grid(6, 6, 3, 3);
        TestModels.Additive model = new TestModels.Additive(cells, new long[] {2, 6, 6}, 17);
        INDArray x = Rng.seeded(3).uniform(DataType.DOUBLE, -1, 1, 1, 2, 6, 6);
        ShapleyExplanation e = new PartitionShap(model, PartitionShapConfig.DEFAULTS.withGrid(3).withBaseline(Baseline.constant(0.1))
                .withMaxEvals(10_000)).explain(x, Target.classIndex(0));
        double[] ref = new double[72];
        java.util.Arrays.fill(ref, 0.1);
        double[] gr = model.groupTerms(ref);
        double[] gx = model.groupTerms(TestModels.flatRow(x, 0));
        for (int f = 0; f < 9; f++) {
            assertThat(e.row(0).values()[f]).isCloseTo(gx[f] - gr[f], within(1e-12));
        }
    }

    @Test
    void aSmallBudgetStaysEfficientAndWithinBudget() {
        TinyCnn cnn = new TinyCnn();
        for (int budget : new int[] {2, 3, 10, 40}) {
            cnn.rowsSeen = 0;
            ShapleyExplanation e = new PartitionShap(cnn, PartitionShapConfig.DEFAULTS.withBaseline(Baseline.blur(1.0)).withMaxEvals(budget)
                    .withBatch(BatchPolicy.ofRows(8))).explain(X, Target.classIndex(0));
            assertThat(e.row(0).values()).hasSize(64);
            for (int i = 0; i < 2; i++) {
                assertThat(e.row(i).evaluations()).isLessThanOrEqualTo(budget);
                assertThat(e.row(i).efficiencyGap()).isCloseTo(0, within(1e-12));
            }
            assertThat(cnn.rowsSeen).isLessThanOrEqualTo(2 + 2L * budget);
        }
    }

    @Test
    void aGridLargerThanTheImageIsRefusedByNameNotByOverflow() {
        INDArray x = TinyCnn.load("cnn_x");
        INDArray before = x.dup();
        for (int cells : new int[] {9, 1_000_000}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PartitionShap(new TinyCnn(),
                            PartitionShapConfig.DEFAULTS.withGrid(cells).withMaxEvals(30)).explain(x, Target.classIndex(0)))
                    .isInstanceOf(org.xai4j.core.InvalidConfigException.class)
                    .hasMessageContaining(cells + "×" + cells).hasMessageContaining("8×8");
        }
        assertThat(x).isEqualTo(before);
    }

    @Test
    void hierarchySplitsTheLongerSideFirst() {
        PartitionTree t = PartitionTree.grid(2, 3);
        assertThat(t.leaves()).isEqualTo(6);
        assertThat(t.nodes()).isEqualTo(11);
        boolean[] left = new boolean[6];
        t.mark(t.left(t.root()), left);
        // 2 rows x 3 cols: wider than tall, so the first split is by columns: {0, 3} | {1, 2, 4, 5}.
        assertThat(left).containsExactly(true, false, false, true, false, false);
    }
}
