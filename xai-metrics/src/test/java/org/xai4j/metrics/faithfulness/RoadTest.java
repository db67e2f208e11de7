package org.xai4j.metrics.faithfulness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;
import org.xai4j.metrics.UndefinedMetricException;

class RoadTest {
    static final NoisyLinearImputer EXACT = new NoisyLinearImputer(0);

    @Test
    void aRemovedInteriorPixelTakesTheWeightedMeanOfItsNeighbours() {
        // 3×3 image, centre removed: (direct sum)/6 + (diagonal sum)/12 (the weights sum to 1)
        double[] img = {1, 2, 3, 4, 100, 6, 7, 8, 9};
        INDArray image = Nd4j.create(img, new long[] {3, 3}, DataType.DOUBLE);
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, 3, 3);
        mask.putScalar(1, 1, 1);
        INDArray out = EXACT.impute(image, mask, 0);
        double expected = (2 + 4 + 6 + 8) / 6.0 + (1 + 3 + 7 + 9) / 12.0;
        assertThat(out.getDouble(1, 1)).isCloseTo(expected, within(1e-12));
        // kept pixels untouched, the argument unchanged
        assertThat(out.getDouble(0, 0)).isEqualTo(1.0);
        assertThat(image.getDouble(1, 1)).isEqualTo(100.0);
    }

    @Test
    void aRemovedCornerUsesOnlyItsNeighboursInsideTheImage() {
        double[] img = {50, 2, 3, 4, 5, 6, 7, 8, 9};
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, 3, 3);
        mask.putScalar(0, 0, 1);
        INDArray out = EXACT.impute(Nd4j.create(img, new long[] {3, 3}, DataType.DOUBLE), mask, 0);
        // right 2 and down 4 (1/6 each), diagonal 5 (1/12): normalised by 5/12
        double expected = (2 / 6.0 + 4 / 6.0 + 5 / 12.0) / (5 / 12.0);
        assertThat(out.getDouble(0, 0)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void linearImputationReproducesALinearRampInTheInterior() {
        int h = 12;
        int w = 14;
        double[] img = new double[2 * h * w];
        for (int c = 0; c < 2; c++) {
            for (int r = 0; r < h; r++) {
                for (int q = 0; q < w; q++) {
                    img[c * h * w + r * w + q] = (c + 1) * (0.3 * r - 0.7 * q) + 5 * c;
                }
            }
        }
        INDArray image = Nd4j.create(img, new long[] {2, h, w}, DataType.DOUBLE);
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, h, w);
        Rng rng = Rng.seeded(11);
        for (int r = 1; r < h - 1; r++) {
            for (int q = 1; q < w - 1; q++) {
                if (rng.nextDouble() < 0.6) {
                    mask.putScalar(r, q, 1);
                }
            }
        }
        INDArray out = EXACT.impute(image, mask, 0);
        assertThat(out.sub(image).amaxNumber().doubleValue()).isLessThan(1e-9);
        // with noise: only removed pixels move, by N(0, σ²)
        INDArray noisy = new NoisyLinearImputer(0.05).impute(image, mask, 5);
        INDArray diff = noisy.sub(out);
        double sumSq = 0;
        int count = 0;
        for (int c = 0; c < 2; c++) {
            for (int r = 0; r < h; r++) {
                for (int q = 0; q < w; q++) {
                    double d = diff.getDouble(c, r, q);
                    if (mask.getDouble(r, q) == 0) {
                        assertThat(d).isEqualTo(0.0);
                    } else {
                        sumSq += d * d;
                        count++;
                    }
                }
            }
        }
        assertThat(Math.sqrt(sumSq / count)).isCloseTo(0.05, within(0.01));
    }

    @Test
    void removingEveryPixelIsUndefined() {
        assertThatThrownBy(() -> EXACT.impute(Nd4j.ones(DataType.DOUBLE, 3, 3), Nd4j.ones(DataType.DOUBLE, 3, 3), 0))
                .isInstanceOf(UndefinedMetricException.class).hasMessageContaining("at least one kept pixel");
    }

    /** Class 0 if the mean of the 2×2 blob at rows 3–4, columns 3–4 exceeds 0.5, else class 1. */
    static final PredictionFunction BLOB_CLASSIFIER = PredictionFunction.of("blob", x -> {
        int n = (int) x.size(0);
        double[] out = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int r = 3; r <= 4; r++) {
                for (int c = 3; c <= 4; c++) {
                    s += x.getDouble(i, 0, r, c);
                }
            }
            out[2 * i] = s / 4 - 0.5;
        }
        return Nd4j.create(out, new long[] {n, 2}, DataType.DOUBLE);
    });

    @Test
    void aMapOnTheEvidenceDestroysAccuracyAtOnceAndTheInverseMapKeepsIt() {
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 2, 1, 8, 8);
        INDArray perfect = Nd4j.zeros(DataType.DOUBLE, 2, 8, 8);
        for (int i = 0; i < 2; i++) {
            for (int r = 3; r <= 4; r++) {
                for (int c = 3; c <= 4; c++) {
                    x.putScalar(new long[] {i, 0, r, c}, 1.0);
                    perfect.putScalar(new long[] {i, r, c}, 1.0);
                }
            }
        }
        INDArray inverse = perfect.rsub(1.0);
        INDArray x0 = x.dup();
        RoadConfig cfg = RoadConfig.DEFAULTS.withFractions(4 / 64.0, 0.5).withSeed(3);
        Road.Result good = new Road(cfg).evaluate(BLOB_CLASSIFIER, x, perfect, Target.predicted());
        Road.Result bad = new Road(cfg).evaluate(BLOB_CLASSIFIER, x, inverse, Target.predicted());
        assertThat(good.accuracy()).containsExactly(0.0, 0.0);
        assertThat(bad.accuracy()).containsExactly(1.0, 1.0);
        // removing the blob imputes it from zero neighbours: the score falls to −0.5 + noise
        assertThat(good.scores()[0][0]).isCloseTo(-0.5, within(0.05));
        // LeRF on the perfect map removes background first
        Road.Result lerf = new Road(RoadConfig.DEFAULTS.withOrder(PerturbationOrder.LEAST_RELEVANT_FIRST)
                .withFractions(4 / 64.0, 0.5)).evaluate(BLOB_CLASSIFIER, x, perfect, Target.classIndex(0));
        assertThat(lerf.accuracy()).containsExactly(1.0, 1.0);
        assertThat(x).isEqualTo(x0);
        // the same seed gives the same bits
        assertThat(new Road(cfg).evaluate(BLOB_CLASSIFIER, x, perfect, Target.predicted()).scores())
                .isDeepEqualTo(good.scores());
        assertThat(good.provenance().seed()).isEqualTo(3L);
        assertThat(good.provenance().target()).isEqualTo("classes [0, 0]");
    }

    @Test
    void badSettingsAndInputsAreRejected() {
        assertThatThrownBy(() -> RoadConfig.DEFAULTS.withFractions(0.5, 0.2)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> RoadConfig.DEFAULTS.withFractions(1.0)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> new Road().evaluate(BLOB_CLASSIFIER, Nd4j.zeros(DataType.DOUBLE, 2, 64),
                Nd4j.zeros(DataType.DOUBLE, 2, 64), Target.predicted()))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("rank");
        assertThatThrownBy(() -> new Road().evaluate(BLOB_CLASSIFIER, Nd4j.zeros(DataType.DOUBLE, 2, 1, 8, 8),
                Nd4j.zeros(DataType.DOUBLE, 2, 8, 7), Target.predicted()))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("[8, 7]");
    }
}
