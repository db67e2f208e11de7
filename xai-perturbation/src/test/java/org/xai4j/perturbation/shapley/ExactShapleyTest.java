package org.xai4j.perturbation.shapley;

import org.xai4j.core.util.BatchPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;
import org.xai4j.perturbation.TestModels;
import org.xai4j.perturbation.TinyCnn;
import org.xai4j.perturbation.features.FeatureMask;
import org.xai4j.perturbation.features.Segmenter;

class ExactShapleyTest {
    static final INDArray X = TinyCnn.load("cnn_x");

    @Test
    void additiveModelGetsItsTrueContributions() {
        FeatureMask mask = FeatureMask.grid(6, 6, 3, 2);
        long[] rowShape = {2, 6, 6};
        TestModels.Additive model = new TestModels.Additive(mask, rowShape, 3);
        INDArray x = Rng.seeded(1).uniform(DataType.DOUBLE, -1, 1, 2, 2, 6, 6);
        INDArray ref = Rng.seeded(2).uniform(DataType.DOUBLE, -1, 1, 1, 2, 6, 6);
        ShapleyExplanation e = new ExactShapley(model, ExactShapleyConfig.DEFAULTS.withSegmenter(Segmenter.fixed(mask))
                .withBaseline(Baseline.background(ref)).withBatch(BatchPolicy.ofRows(7))).explain(x, Target.classIndex(0));
        double[] gr = model.groupTerms(TestModels.flatRow(ref, 0));
        for (int i = 0; i < 2; i++) {
            double[] gx = model.groupTerms(TestModels.flatRow(x, i));
            double[] phi = e.row(i).values();
            for (int f = 0; f < 6; f++) {
                assertThat(phi[f]).isCloseTo(gx[f] - gr[f], within(1e-12));
            }
            assertThat(e.row(i).efficiencyGap()).isCloseTo(0, within(1e-12));
            assertThat(e.row(i).evaluations()).isEqualTo(64);
        }
        // Every element of a cell carries the cell's value, in every channel.
        double[] phi0 = e.row(0).values();
        assertThat(e.attribution().values().getDouble(0, 1, 5, 5)).isEqualTo(phi0[mask.label(5 * 6 + 5)]);
        assertThat(model.batchSizes).allMatch(b -> b <= 7);
    }

    @Test
    void backgroundSetIsAveragedOver() {
        FeatureMask mask = FeatureMask.identity(5);
        TestModels.Additive model = new TestModels.Additive(mask, new long[] {5}, 9);
        INDArray x = Rng.seeded(4).uniform(DataType.DOUBLE, -2, 2, 1, 5);
        INDArray background = Rng.seeded(5).uniform(DataType.DOUBLE, -2, 2, 4, 5);
        ShapleyExplanation e = new ExactShapley(model, ExactShapleyConfig.DEFAULTS
                .withBaseline(Baseline.background(background))).explain(x, Target.classIndex(1));
        double[] gx = model.groupTerms(TestModels.flatRow(x, 0));
        double[] mean = new double[5];
        for (int b = 0; b < 4; b++) {
            double[] g = model.groupTerms(TestModels.flatRow(background, b));
            for (int f = 0; f < 5; f++) {
                mean[f] += g[f] / 4;
            }
        }
        double[] phi = e.row(0).values();
        for (int f = 0; f < 5; f++) {
            assertThat(phi[f]).isCloseTo(-(gx[f] - mean[f]), within(1e-12));
        }
        assertThat(e.row(0).evaluations()).isEqualTo(32 * 4);
    }

    @Test
    void aLargeBackgroundIsWorkedThroughInChunks() {
        // 40 000 background rows: more than 2^20 model rows in all, so the coalitions are evaluated in chunks.
        FeatureMask mask = FeatureMask.identity(5);
        TestModels.Additive model = new TestModels.Additive(mask, new long[] {5}, 2);
        INDArray x = Rng.seeded(6).uniform(DataType.DOUBLE, -2, 2, 1, 5);
        INDArray background = Rng.seeded(7).uniform(DataType.DOUBLE, -2, 2, 40_000, 5);
        // 1 + 32 × 40 000 = 1,280,001 rows through the model: above the default budget of a million, so raised
        ExactShapley exact = new ExactShapley(model, ExactShapleyConfig.DEFAULTS
                .withBaseline(Baseline.background(background)).withBatch(BatchPolicy.ofRows(8192)));
        ShapleyExplanation e = org.xai4j.core.run.Limits.defaults().withMaxPasses(1_280_001)
                .call(() -> exact.explain(x, Target.classIndex(0)));
        double[] gx = model.groupTerms(TestModels.flatRow(x, 0));
        double[] mean = new double[5];
        double[] bg = background.data().asDouble();
        for (int b = 0; b < 40_000; b++) {
            double[] g = model.groupTerms(java.util.Arrays.copyOfRange(bg, 5 * b, 5 * b + 5));
            for (int f = 0; f < 5; f++) {
                mean[f] += g[f] / 40_000;
            }
        }
        for (int f = 0; f < 5; f++) {
            assertThat(e.row(0).values()[f]).isCloseTo(gx[f] - mean[f], within(1e-9));
        }
        assertThat(e.row(0).evaluations()).isEqualTo(32L * 40_000);
    }

    @Test
    void cnnOverA4x4GridMatchesTheIndependentEnumeration() {
        TinyCnn cnn = new TinyCnn();
        INDArray logits = cnn.predict(X);
        assertThat(maxAbs(logits.sub(TinyCnn.load("cnn_logits")))).isLessThan(1e-12);
        cnn.rowsSeen = 0;
        ShapleyExplanation e = new ExactShapley(cnn, ExactShapleyConfig.DEFAULTS.withSegmenter(Segmenter.grid(4))
                .withBaseline(Baseline.constant(0.2)).withBatch(BatchPolicy.ofRows(512))).explain(X, Target.classIndex(1));
        INDArray expected = TinyCnn.load("exact_shapley_grid4");
        for (int i = 0; i < 2; i++) {
            double[] phi = e.row(i).values();
            for (int f = 0; f < 16; f++) {
                assertThat(phi[f]).as("row %d cell %d", i, f).isCloseTo(expected.getDouble(i, f), within(1e-10));
            }
        }
        assertThat(cnn.rowsSeen).isEqualTo(2 + 2L * 65536);
        assertThat(e.attribution().convergenceDelta().orElseThrow().amaxNumber().doubleValue()).isLessThan(1e-10);
    }

    @Test
    void tooManyFeaturesNamesTheLimitAndTheAlternatives() {
        TinyCnn cnn = new TinyCnn();
        ExactShapley ex = new ExactShapley(cnn, ExactShapleyConfig.DEFAULTS.withSegmenter(Segmenter.grid(8)));
        assertThatThrownBy(() -> ex.explain(X, Target.classIndex(0)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("maxFeatures=20")
                .hasMessageContaining("64 features")
                .hasMessageContaining("ShapleyValueSampling")
                .hasMessageContaining("KernelShap");
        assertThat(cnn.rowsSeen).isZero();
        assertThatThrownBy(() -> ExactShapleyConfig.DEFAULTS.withMaxFeatures(31))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("1..30");
    }

    static double maxAbs(INDArray a) {
        return a.amaxNumber().doubleValue();
    }
}
