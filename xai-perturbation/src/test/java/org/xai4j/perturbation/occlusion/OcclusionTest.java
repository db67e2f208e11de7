package org.xai4j.perturbation.occlusion;

import org.xai4j.perturbation.features.Segmenter;
import org.xai4j.core.util.BatchPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.Attribution;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;
import org.xai4j.perturbation.TinyCnn;
import org.xai4j.perturbation.features.FeatureMask;

class OcclusionTest {
    static final INDArray X = TinyCnn.load("cnn_x");

    /**
     * max |ours − Captum| / max |Captum| against Captum v0.8.0's own Occlusion (anchor/, anchor_reference.py).
     * The two differ by design: Captum slides ⌈(size − window)/stride⌉ + 1 windows per axis, the last one cut at
     * the edge when it does not fit (a loop with that count agrees with Captum to 4.8e-8, Captum accumulating
     * in float32), so every element is covered; xai4j slides ⌊(size − window)/stride⌋ + 1 whole windows
     * (the brute-force reference, make_reference.py) and leaves the remainder at 0.
     */
    static double relativeToCaptum(INDArray ours, String name) {
        INDArray captum = TinyCnn.load("anchor", "captum_" + name);
        return ours.sub(captum).amaxNumber().doubleValue() / captum.amaxNumber().doubleValue();
    }

    @Test
    void spatialWindowOccludesAllChannelsAndMatchesTheIndependentImplementation() {
        TinyCnn cnn = new TinyCnn();
        Attribution a = new Occlusion(cnn, OcclusionConfig.of(3, 3).withStrides(2, 2).withBatch(BatchPolicy.ofRows(4)))
                .explain(X, Target.classIndex(1));
        INDArray expected = TinyCnn.load("occlusion_w133_s122");
        assertThat(a.values().shape()).containsExactly(2, 3, 8, 8);
        assertThat(a.values().sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(relativeToCaptum(a.values(), "occlusion_w133_s122")).isCloseTo(0.344530, within(1e-6));
        // The last row and column are covered by no window (3 positions of stride 2 reach index 6): zero.
        assertThat(a.values().getDouble(0, 0, 7, 3)).isZero();
        assertThat(expected.getDouble(0, 2, 2, 2)).isNotZero();
        assertThat(cnn.rowsSeen).isEqualTo(2 + 2 * 9);
    }

    @Test
    void oneNumberOnImageRowsIsASquareWindowNotAStrip() {
        // issue 20: window=4 used to mean a 1×4 strip covering whole columns; one number now means N×N (and a
        // square stride), checked against the independent brute-force reference for the 3×3, stride-2 window
        Attribution a = new Occlusion(new TinyCnn(), OcclusionConfig.of(3).withStrides(2)).explain(X, Target.classIndex(1));
        INDArray expected = TinyCnn.load("occlusion_w133_s122");
        assertThat(a.values().sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    @Test
    void windowsThatTileTheRowAreCaptums() {
        // (8 − 2)/2 whole steps: Captum cuts no window off at the edge, and its Occlusion is ours, up to Captum's
        // float32 accumulation (its occlusion sums and divides in float32 even for a float64 model: measured 2.0e-8)
        Attribution a = new Occlusion(new TinyCnn(), OcclusionConfig.of(3, 2, 2).withStrides(1, 2, 2))
                .explain(X, Target.classIndex(1));
        assertThat(relativeToCaptum(a.values(), "occlusion_w322_s122")).isLessThan(1e-7);
    }

    @Test
    void perChannelWindowMatchesTheIndependentImplementation() {
        TinyCnn cnn = new TinyCnn();
        Attribution a = new Occlusion(cnn, OcclusionConfig.of(1, 2, 3).withStrides(1, 1, 3))
                .explain(X, Target.classIndex(1));
        assertThat(a.values().sub(TinyCnn.load("occlusion_w123_s113")).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(relativeToCaptum(a.values(), "occlusion_w123_s113")).isCloseTo(0.505623, within(1e-6));
        assertThat(cnn.rowsSeen).isEqualTo(2 + 2 * 3 * 7 * 2);
    }

    @Test
    void segmentationTargetOverAMaskHasTheClosedForm() {
        // A per-pixel linear segmenter: class k at (y, x) = Σ_c m[k][c] · input[c][y][x]. Occluding a 1×1 window
        // at p (baseline 0) drops the class-over-mask score by mask(p) · Σ_c m[k][c] x_c(p).
        double[][] m = {{0.5, -1.0}, {2.0, 0.25}};
        PredictionFunction seg = PredictionFunction.of("pixel-linear", in -> {
            INDArray out = Nd4j.create(DataType.DOUBLE, in.size(0), 2, in.size(2), in.size(3));
            for (int k = 0; k < 2; k++) {
                INDArray acc = out.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(k));
                for (int c = 0; c < 2; c++) {
                    acc.addi(in.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(c)).mul(m[k][c]));
                }
            }
            return out;
        });
        INDArray x = Rng.seeded(3).uniform(DataType.DOUBLE, -1, 1, 1, 2, 5, 4);
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, 5, 4);
        mask.putScalar(1, 1, 1.0);
        mask.putScalar(3, 2, 0.5);
        Attribution a = new Occlusion(seg, OcclusionConfig.of(1, 1))
                .explain(x, Target.classOverMask(1, mask));
        for (int y = 0; y < 5; y++) {
            for (int xx = 0; xx < 4; xx++) {
                double expected = mask.getDouble(y, xx) * (m[1][0] * x.getDouble(0, 0, y, xx) + m[1][1] * x.getDouble(0, 1, y, xx));
                assertThat(a.values().getDouble(0, 0, y, xx)).isCloseTo(expected, within(1e-12));
                assertThat(a.values().getDouble(0, 1, y, xx)).isCloseTo(expected, within(1e-12));
            }
        }
    }

    @Test
    void resultDoesNotDependOnBatchSizeAndRowsAreIndependent() {
        TinyCnn cnn = new TinyCnn();
        OcclusionConfig b = OcclusionConfig.of(2, 2).withStrides(2, 2).withBaseline(Baseline.constant(0.3));
        INDArray one = new Occlusion(cnn, b.withBatch(BatchPolicy.ofRows(1))).explain(X, Target.classIndex(0)).values();
        INDArray many = new Occlusion(cnn, b.withBatch(BatchPolicy.ofRows(100))).explain(X, Target.classIndex(0)).values();
        INDArray alone = new Occlusion(cnn, b).explain(X.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2)).dup(),
                Target.classIndex(0)).values();
        assertThat(one).isEqualTo(many);
        assertThat(many.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2))).isEqualTo(alone);
    }

    @Test
    void windowsThatDoNotFitAreRefused() {
        TinyCnn cnn = new TinyCnn();
        assertThatThrownBy(() -> new Occlusion(cnn, OcclusionConfig.of(9, 2)).explain(X, Target.classIndex(0)))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("9 > 8");
        assertThatThrownBy(() -> new Occlusion(cnn, OcclusionConfig.of(1, 1, 1, 1)).explain(X, Target.classIndex(0)))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("4 axes");
        assertThatThrownBy(() -> OcclusionConfig.of()).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> OcclusionConfig.of(2, 2).withStrides(1, 1, 1))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("one stride per window axis");
        assertThatThrownBy(() -> OcclusionConfig.of(4).withStrides(2, 3)) // a square window has no 2×3 stride
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("[2, 3]");
        assertThat(cnn.rowsSeen).isZero();
    }

    @Test
    void oneStrideServesEveryAxisAndASquareWindowTakesEqualStrides() {
        assertThat(OcclusionConfig.of(2, 3).withStrides(2).strides()).containsExactly(2, 2);
        // the command line sets window=8 against the image preset's strides 2,2: the square window keeps stride 2
        assertThat(OcclusionConfig.of(4, 4).withStrides(2, 2).withWindow(4).strides()).containsExactly(2);
        assertThat(new OcclusionConfig(new int[] {4}, new int[] {2, 2}, Baseline.zeros(), BatchPolicy.DEFAULT, 0)
                .strides()).containsExactly(2);
        // and it occludes what the explicit 4×4 window with 2×2 strides occludes
        Attribution square = new Occlusion(new TinyCnn(), new OcclusionConfig(new int[] {4}, new int[] {2, 2},
                Baseline.zeros(), BatchPolicy.DEFAULT, 0)).explain(X, Target.classIndex(1));
        Attribution explicit = new Occlusion(new TinyCnn(), OcclusionConfig.of(4, 4).withStrides(2, 2))
                .explain(X, Target.classIndex(1));
        assertThat(square.values()).isEqualTo(explicit.values());
    }

    @Test
    void featureAblationOfGridCellsMatchesTheIndependentImplementation() {
        TinyCnn cnn = new TinyCnn();
        Attribution a = new FeatureAblation(cnn, FeatureAblationConfig.DEFAULTS.withSegmenter(Segmenter.fixed(FeatureMask.grid(8, 8, 4)))
                .withBaseline(Baseline.constant(0.2)).withBatch(BatchPolicy.ofRows(5))).explain(X, Target.classIndex(1));
        // Captum v0.8.0's FeatureAblation with the same cells and baseline (anchor/; measured 5.4e-16 relative)
        assertThat(a.values().sub(TinyCnn.load("anchor", "captum_ablation_grid4")).amaxNumber().doubleValue())
                .isLessThan(1e-12);
        assertThat(cnn.rowsSeen).isEqualTo(2 + 2 * 16);
    }

    @Test
    void featureAblationPerElementOfALinearModelIsWeightTimesDifference() {
        double[] w = {1.5, -2.0, 0.25, 3.0};
        PredictionFunction lin = PredictionFunction.of("linear", in -> in.mmul(Nd4j.create(w, new long[] {4, 1}, DataType.DOUBLE)));
        INDArray x = Nd4j.create(new double[][] {{1, 2, 3, 4}, {-1, 0.5, 2, -3}});
        Attribution a = new FeatureAblation(lin, FeatureAblationConfig.DEFAULTS.withBaseline(Baseline.constant(1.0)))
                .explain(x, Target.classIndex(0));
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(a.values().getDouble(i, j)).isCloseTo(w[j] * (x.getDouble(i, j) - 1.0), within(1e-12));
            }
        }
    }
}
